using System.Text.RegularExpressions;
using ManifestGen.Components;
using ManifestGen.Composition;
using ManifestGen.Containers;
using ManifestGen.Diagnostics;
using ManifestGen.Repository;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Import;

/// <summary>
/// <c>manifestgen import RUNBOOK --observed OBJECT.yaml</c>: the runbook's container changes to the observed
/// object, by container name, as a <c>ClusterTuning</c> with one workload. The result does to OBJECT.yaml
/// exactly what the runbook's commands do (checked here: flags as a Go program reads them, and resources),
/// whatever the indices in the runbook meant. The changes become a tuning through the component that tunes
/// containers (<see cref="IComponent.Import"/>), which also places its delivery.
/// </summary>
public static partial class RunbookImporter
{
    /// <param name="runbookPath">Absolute, as are <paramref name="observedPath"/> and <paramref name="currentFolder"/> (the folder
    /// the user's paths are shown relative to, and where a --patch-file the runbook names is looked for last).</param>
    public static ImportResult Import(string runbookPath, string observedPath, string delivery, string currentFolder)
    {
        AbsolutePath.Required(runbookPath, "the runbook");
        AbsolutePath.Required(observedPath, "--observed");
        AbsolutePath.Required(currentFolder, "the current folder");
        if (ComponentList.UnknownDelivery(delivery) is { } unknown) return new ImportResult(null, [unknown]);
        var diagnostics = new List<Diagnostic>();
        var display = Relative(currentFolder, runbookPath);
        var observedDisplay = Relative(currentFolder, observedPath);
        var runbookText = File.ReadAllText(runbookPath);
        var source = new SourceText(runbookText);
        YamlFile observedFile;
        try
        {
            observedFile = YamlFile.Parse(File.ReadAllBytes(observedPath));
        }
        catch (YamlEditException e)
        {
            return new ImportResult(null, [Diagnostic.FromYaml(e, observedDisplay)]);
        }
        var observedDoc = observedFile.Documents.FirstOrDefault(d => d.Kind is "Deployment" or "StatefulSet" or "DaemonSet");
        if (observedDoc is null)
            return new ImportResult(null, [Diagnostic.Of(DiagnosticCodes.TargetWrongKind, observedDisplay, null,
                "this file holds no Deployment, StatefulSet or DaemonSet; pass the live object (kubectl get deploy NAME -o yaml)")]);
        var observed = YamlValue.FromNode(observedDoc.Root);
        var containers = PatchInterpreter.Containers(observed);
        var before = PatchInterpreter.Containers(observed);

        var patches = RunbookReader.Read(runbookPath, runbookText, currentFolder, source, display, diagnostics);
        var unreadable = false;
        foreach (var patch in patches)
        {
            if (patch.Kind != observedDoc.Kind || patch.Name != observedDoc.Name || (patch.Namespace is not null && observedDoc.Namespace is not null && patch.Namespace != observedDoc.Namespace))
            {
                diagnostics.Add(Diagnostic.Of(DiagnosticCodes.RunbookPatchSkipped, display, source.PositionOf(patch.At),
                    $"this command patches {patch.Kind} {patch.Namespace}/{patch.Name}, but {observedDisplay} is {observedDoc.Kind} {observedDoc.Namespace}/{observedDoc.Name}; not imported",
                    "run import once per object, each with its own --observed"));
                continue;
            }
            unreadable |= !PatchInterpreter.Apply(patch, containers, observedDisplay, source, display, diagnostics);
        }
        if (unreadable) return new ImportResult(null, diagnostics);
        var imported = patches.Where(p => p.Kind == observedDoc.Kind && p.Name == observedDoc.Name).ToList();
        if (imported.Count == 0)
        {
            diagnostics.Add(Diagnostic.Of(DiagnosticCodes.NothingToImport, display, null,
                $"no kubectl patch of {observedDoc.Kind} {observedDoc.Name} in this runbook"));
            return new ImportResult(null, diagnostics);
        }

        var changes = new List<ContainerChange>();
        foreach (var (after, old) in containers.Zip(before).Where(p => p.First.Touched))
        {
            var flags = Flags(old.Args, after.Args, out var why);
            if (why is not null)
            {
                diagnostics.Add(Diagnostic.Of(DiagnosticCodes.RunbookPatchNotExpressible, display, null, $"container {after.Name}: {why}; its args are not imported"));
                flags = [];
            }
            var resources = Resources(old.Resources, after.Resources, out var lost);
            if (lost is not null)
                diagnostics.Add(Diagnostic.Of(DiagnosticCodes.RunbookPatchNotExpressible, display, null,
                    $"container {after.Name}: the runbook replaces resources and drops {lost}; a workload tuning sets keys and keeps the others"));
            if (flags.Count > 0 || resources.Count > 0)
                changes.Add(new ContainerChange(after.Name, flags.Select(f => new KeyValuePair<string, string>(f.Flag, f.Value)).ToList(),
                    resources.Where(r => r.Kind == "requests").Select(r => new KeyValuePair<string, string>(r.Key, r.Value)).ToList(),
                    resources.Where(r => r.Kind == "limits").Select(r => new KeyValuePair<string, string>(r.Key, r.Value)).ToList()));
        }

        // The current folder is the repository import sees: one scan, every read through its workspace.
        var workspace = new RepositoryWorkspace(RepositoryRoot.ForFolder(currentFolder, currentFolder));
        var folder = new ImportFolder(currentFolder, workspace,
            RepositoryScan.Of(workspace, currentFolder).Documents.Select(d => (d.RepoPath, d.Document)).ToList());
        var request = new ImportedContainers(Sanitize(observedDoc.Name ?? "workload"), observedDoc, observedDisplay, display, delivery, changes, folder, diagnostics);
        var tunings = ComponentList.All.Select(c => c.Import(request)).OfType<ComponentTuning>().ToList();
        // The spec is saved in the current folder: its paths are relative to it.
        var spec = new ClusterTuningSpec(Sanitize(Path.GetFileNameWithoutExtension(runbookPath)), "imported.yaml", tunings);
        return new ImportResult(SpecWriter.Write(spec,
        [
            $"Imported by `manifestgen import` from {display}, with {observedDisplay} as the live object:",
            "the runbook's kubectl patch commands, by container name. Review it, then `manifestgen generate`.",
        ]), diagnostics);
    }

    /// <summary>The flags to set so that the args read, as Go's flag package reads them, as the runbook leaves them.</summary>
    private static List<(string Flag, string Value)> Flags(List<string> before, List<string> after, out string? why)
    {
        why = null;
        var (oldFlags, oldPositional) = GoRead(before);
        var (newFlags, newPositional) = GoRead(after);
        if (!oldPositional.SequenceEqual(newPositional)) { why = "the runbook changes arguments that are not flags"; return []; }
        if (oldFlags.Keys.FirstOrDefault(k => !newFlags.ContainsKey(k)) is { } removed) { why = $"the runbook removes --{removed}"; return []; }
        var result = new List<(string, string)>();
        foreach (var (bare, (written, value)) in newFlags)
            if (!oldFlags.TryGetValue(bare, out var old) || old.Value != value) result.Add((written, value));
        return result;
    }

    /// <summary>Flags by bare name: the spelling and value of the last occurrence (<see cref="GoFlags"/>); and the arguments that are not flags.</summary>
    public static (Dictionary<string, (string Written, string Value)> Flags, IReadOnlyList<string> Positional) GoRead(IReadOnlyList<string> args)
    {
        var (occurrences, positional) = GoFlags.Read(args);
        var flags = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var f in occurrences) flags[f.Bare] = (f.Written, f.Value);
        return (flags, positional);
    }

    private static List<(string Kind, string Key, string Value)> Resources(YamlMap before, YamlMap after, out string? lost)
    {
        lost = null;
        var result = new List<(string, string, string)>();
        foreach (var kind in new[] { "requests", "limits" })
        {
            var old = before.Get(kind) as YamlMap ?? YamlMap.Empty;
            var now = after.Get(kind) as YamlMap ?? YamlMap.Empty;
            if (old.Entries.FirstOrDefault(e => now.Get(e.Key) is null) is { Key: not null } gone) lost ??= $"resources.{kind}.{gone.Key}";
            foreach (var (key, value) in now.Entries)
                if (value is YamlScalar s && !(old.Get(key) is YamlScalar o && o.Value.Text == s.Value.Text)) result.Add((kind, key, s.Value.Text));
        }
        return result;
    }

    private static string Relative(string currentFolder, string path) => Path.GetRelativePath(currentFolder, path).Replace('\\', '/');

    private static string Sanitize(string name)
    {
        var s = NotName().Replace(name.ToLowerInvariant(), "-").Trim('-');
        return s.Length == 0 ? "imported" : s;
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotName();
}
