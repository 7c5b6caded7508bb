using System.Text.RegularExpressions;
using ManifestGen.Composition;
using ManifestGen.Containers;
using ManifestGen.Diagnostics;
using ManifestGen.Modules.Workloads;
using ManifestGen.Repository;
using ManifestGen.Spec;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Import;

/// <summary>
/// <c>manifestgen import RUNBOOK --observed OBJECT.yaml</c>: the runbook's container changes to the observed
/// object, by container name, as a <c>ClusterTuning</c> with one workload. The result does to OBJECT.yaml
/// exactly what the runbook's commands do (checked here: flags as a Go program reads them, and resources),
/// whatever the indices in the runbook meant.
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

        var intents = new List<(ContainerState Container, List<(string Flag, string Value)> Flags, List<(string Kind, string Key, string Value)> Resources)>();
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
            if (flags.Count > 0 || resources.Count > 0) intents.Add((after, flags, resources));
        }

        // The current folder is the repository import sees: one scan, every read through its workspace.
        var workspace = new RepositoryWorkspace(RepositoryRoot.ForFolder(currentFolder, currentFolder));
        var folder = new Folder(currentFolder, workspace,
            RepositoryScan.Of(workspace, currentFolder).Documents.Select(d => (d.RepoPath, d.Document)).ToList());
        Suggest(observed, observedDoc, observedDisplay, delivery, folder, diagnostics);
        var spec = Spec(runbookPath, observedDoc, observedDisplay, delivery, folder, intents, diagnostics);
        return new ImportResult(spec, diagnostics);
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

    /// <summary>The current folder and every YAML document under it, read once for the delivery's paths and the suggestions.</summary>
    private sealed record Folder(string Path, RepositoryWorkspace Workspace, IReadOnlyList<(string Path, YamlDocumentNode Doc)> Documents)
    {
        /// <summary>Whether a folder (relative to the current one) holds a kustomization that lists resources.</summary>
        public bool ListsResources(string dir) => KustomizationFile(dir) is { } k && (Workspace.Read(k) is { } bytes)
            && System.Text.Encoding.UTF8.GetString(bytes).Contains("resources", StringComparison.Ordinal);

        public string? KustomizationFile(string dir) => KustomizationReach.FileNames
            .Select(n => dir is "." or "" ? n : dir + "/" + n).FirstOrDefault(Workspace.Exists);
    }

    private static void Suggest(YamlValue observed, YamlDocumentNode doc, string observedDisplay, string delivery, Folder currentFolder, List<Diagnostic> diagnostics)
    {
        if ((PodTemplate.Get(observed, "metadata", "labels", "app.kubernetes.io/managed-by") as YamlScalar)?.Value.Text == "Helm" && delivery != "postRenderer")
            diagnostics.Add(Diagnostic.Of(DiagnosticCodes.ImportSuggestion, observedDisplay, null,
                $"{doc.Kind} {doc.Name} carries app.kubernetes.io/managed-by: Helm: a chart renders it, so --delivery postRenderer (a patch in that HelmRelease) may fit better than {delivery}"));
        if (delivery != "kustomization" && ListingFolder(doc, currentFolder) is { } folder)
            diagnostics.Add(Diagnostic.Of(DiagnosticCodes.ImportSuggestion, observedDisplay, null,
                $"{folder}/kustomization.yaml lists a manifest of {doc.Kind} {doc.Name}: it is in Git, so --delivery kustomization may fit better than {delivery}"));
    }

    private static string Spec(string runbookPath, YamlDocumentNode doc, string observedDisplay, string delivery, Folder folder,
        List<(ContainerState Container, List<(string Flag, string Value)> Flags, List<(string Kind, string Key, string Value)> Resources)> intents,
        List<Diagnostic> diagnostics)
    {
        var name = Sanitize(doc.Name ?? "workload");
        TargetFile? helmRelease = null;
        string? kustomization = null, output = null;
        switch (delivery)
        {
            case "kyverno":
                var policyFolder = PolicyFolder(doc, folder);
                if (policyFolder is null)
                    diagnostics.Add(Diagnostic.Of(DiagnosticCodes.ImportSuggestion, Relative(folder.Path, runbookPath), null,
                        $"no folder with a kustomization.yaml holds objects of namespace {doc.Namespace}; the policy goes beside the spec, where a kustomization must list it before generate",
                        "edit the workload's output to a folder Flux reconciles"));
                output = Join(policyFolder ?? ".", $"{name}-tuning.yaml");
                break;
            case "kustomization":
                var listing = ListingFolder(doc, folder);
                if (listing is null)
                    diagnostics.Add(Diagnostic.Of(DiagnosticCodes.DeliveryUnmet, observedDisplay, null,
                        $"delivery kustomization needs the manifest of {doc.Kind} {doc.Name} in Git, listed by a kustomization.yaml; none was found under {folder.Path}"));
                kustomization = listing ?? ".";
                output = Join(listing ?? ".", $"{name}-patch.yaml");
                break;
            case "postRenderer":
                var release = RenderingRelease(doc, folder);
                if (release is null)
                    diagnostics.Add(Diagnostic.Of(DiagnosticCodes.DeliveryUnmet, observedDisplay, null,
                        $"delivery postRenderer needs the HelmRelease that renders {doc.Kind} {doc.Name} (from its meta.helm.sh/release-name annotation); none was found under {folder.Path}"));
                helmRelease = new TargetFile(release ?? "helmrelease.yaml", release ?? "helmrelease.yaml", default);
                break;
        }
        var containers = intents.Select(i => new ContainerIntent(i.Container.Name,
            i.Flags.Select(f => new FlagSetting(f.Flag, f.Value)).ToList(),
            new ResourceSettings(
                i.Resources.Where(r => r.Kind == "requests").Select(r => new KeyValuePair<string, string>(r.Key, r.Value)).ToList(),
                i.Resources.Where(r => r.Kind == "limits").Select(r => new KeyValuePair<string, string>(r.Key, r.Value)).ToList()),
            default)).ToList();
        var workload = new WorkloadTuning(name, new WorkloadTarget(doc.Kind!, doc.Namespace, doc.Name!),
            WorkloadFacts.Deliveries.First(d => d.Name == delivery).Delivery, helmRelease, kustomization, output,
            new TargetFile(observedDisplay, observedDisplay, default), containers, default);
        // The spec is saved in the current folder: its paths are relative to it.
        var spec = new ClusterTuningSpec(Sanitize(Path.GetFileNameWithoutExtension(runbookPath)), "imported.yaml", null, null, [workload]);
        return SpecWriter.Write(spec,
        [
            $"Imported by `manifestgen import` from {Relative(folder.Path, runbookPath)}, with {observedDisplay} as the live object:",
            "the runbook's kubectl patch commands, by container name. Review it, then `manifestgen generate`.",
        ]);
    }

    /// <summary>The folder (relative to the current folder) of a kustomization that lists objects of the target's namespace: where a policy for it is applied.</summary>
    private static string? PolicyFolder(YamlDocumentNode target, Folder folder)
    {
        var inNamespace = folder.Documents.Where(m => m.Doc.Namespace == target.Namespace)
            .OrderBy(m => m.Doc.Kind == "HelmRelease" ? 0 : 1).Select(m => FolderOf(m.Path));
        return inNamespace.FirstOrDefault(d => folder.KustomizationFile(d) is not null)
               ?? (folder.KustomizationFile(".") is not null ? "." : null);
    }

    private static string? ListingFolder(YamlDocumentNode target, Folder folder) =>
        folder.Documents.Where(m => m.Doc.Kind == target.Kind && m.Doc.Name == target.Name && (m.Doc.Namespace ?? target.Namespace) == target.Namespace)
            .Select(m => FolderOf(m.Path))
            .FirstOrDefault(folder.ListsResources);

    private static string? RenderingRelease(YamlDocumentNode target, Folder folder)
    {
        var annotations = YamlValue.FromNode(target.Root);
        var release = (PodTemplate.Get(annotations, "metadata", "annotations", "meta.helm.sh/release-name") as YamlScalar)?.Value.Text;
        if (release is null) return null;
        return folder.Documents.Where(m => m.Doc.Kind == "HelmRelease"
                && (m.Doc.Name == release || (PodTemplate.Get(YamlValue.FromNode(m.Doc.Root), "spec", "releaseName") as YamlScalar)?.Value.Text == release))
            .Select(m => m.Path.Replace('\\', '/')).FirstOrDefault();
    }

    private static string FolderOf(string relativePath) => Path.GetDirectoryName(relativePath) is { Length: > 0 } d ? d.Replace('\\', '/') : ".";

    private static string Join(string folder, string file) => folder is "." or "" ? file : folder + "/" + file;

    private static string Relative(string currentFolder, string path) => Path.GetRelativePath(currentFolder, path).Replace('\\', '/');

    private static string Sanitize(string name)
    {
        var s = NotName().Replace(name.ToLowerInvariant(), "-").Trim('-');
        return s.Length == 0 ? "imported" : s;
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotName();
}
