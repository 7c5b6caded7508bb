using System.Text;
using ManifestGen.Charts;
using ManifestGen.Components;
using ManifestGen.Composition;
using ManifestGen.Diagnostics;
using ManifestGen.Editing;
using ManifestGen.Lint;
using ManifestGen.Ownership;
using ManifestGen.Repository;
using ManifestGen.Templates;
using ManifestGen.Values;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Pipeline;

/// <summary>
/// The pipeline: load the spec, run each module against an in-memory workspace, prune what the
/// spec no longer asks for, render the inventory. Returns the changes; sinks decide to write or diff.
/// </summary>
public static class Generator
{
    public static GenerationResult Run(GenerateOptions options)
    {
        var specFull = AbsolutePath.Required(options.SpecPath, "the spec");
        AbsolutePath.Optional(options.Root, "--root");
        AbsolutePath.Optional(options.TemplatesDir, "--templates");
        var root = RepositoryRoot.For(specFull, options.Root);
        string? cluster = null;
        var result = Run(options, specFull, root, ref cluster);
        return result with { Spec = root.Relative(specFull), Cluster = cluster };
    }

    private static GenerationResult Run(GenerateOptions options, string specFull, RepositoryRoot root, ref string? cluster)
    {
        var bag = new DiagnosticBag();
        if (!root.Contains(specFull))
        {
            bag.Add(Diagnostic.Of(DiagnosticCodes.SpecPathOutsideRoot, options.SpecPath, null, $"the spec is outside the repository root {root.FullPath}"));
            return new GenerationResult(bag.Sorted(), [], root);
        }
        var (spec, specDiagnostics) = SpecLoader.Load(specFull, root);
        bag.AddRange(specDiagnostics);
        if (spec is null) return new GenerationResult(bag.Sorted(), [], root);
        cluster = spec.Name;

        var workspace = new RepositoryWorkspace(root);
        IReadOnlyList<PlanRow> plan = [];
        // One chart context and one set of value sources for the lints and the modules: each is resolved once.
        var charts = new ChartContext(workspace, options.Charts ?? ChartCatalog.BuiltIn);
        // The chart a HelmRelease installs is the applied one: a version pinned in the cluster's HelmRelease patch the
        // spec names as its values. Only then is the repository's Flux model built (a cost check does not pay otherwise).
        var targets = ComponentList.HelmReleases(spec);
        var patches = targets.Select(t => t.Values?.RepoPath).OfType<string>()
            .Where(p => HoldsHelmRelease(workspace, p)).ToHashSet(StringComparer.Ordinal);
        // So is a HelmRelease that names its chart or source through a postBuild variable (chartRef: name: ${APP}).
        var substituted = targets.Select(t => t.HelmRelease.RepoPath).Distinct().Any(p => HoldsVariable(workspace, p));
        var kustomizations = new Lazy<FluxKustomizations>(() => FluxKustomizations.Of(workspace));
        var flux = new Lazy<FluxApplied?>(() => kustomizations.Value is { All.Count: > 0 } all ? FluxApplied.Of(workspace, all) : null);
        if (patches.Count > 0 || substituted) charts.Follow(flux, patches);
        var values = new ValueSources(workspace);
        var lints = TargetLinter.Lint(spec, workspace, charts, values);
        var templates = new TemplateRenderer(options.TemplatesDir);
        try
        {
            var context = new GenerationContext(workspace, templates, bag, spec.SpecRepoPath, ReadInventory(spec, workspace), charts, values, spec.Name);
            ComponentList.Apply(spec, context);
            // A refused tuning recorded nothing: pruning would take its earlier values for removed ones. Nothing is written anyway.
            if (!bag.HasErrors) UpdateInventory(spec, context);
            plan = context.PlanRows;
            if (options.ReportShared)
            {
                bag.AddRange(SharedObjects.Find(workspace, plan.Select(p => p.File), kustomizations));
                // A value a later patch sets again would do nothing in that cluster: an error, so nothing is written.
                bag.AddRange(PatchOverrides.Find(workspace, flux.Value, context.WrittenValues));
            }
        }
        catch (InvalidInputException e)
        {
            bag.AddRange(e.Diagnostics);
        }
        // An error of the lints validate runs (a timeout without a unit, a removed patch field) is an error here too:
        // generate never writes a tree that validate rejects.
        if (bag.HasErrors || lints.Any(d => d.Severity == Severity.Error))
            return new GenerationResult(bag.Sorted(), [], root) { Lints = lints, Folders = Folders(workspace, spec) };
        var changes = workspace.Changes;
        // Edited files were checked edit by edit; whole files from templates are checked here.
        foreach (var change in changes.Where(c => c.After is not null && (c.RepoPath.EndsWith(".yaml", StringComparison.Ordinal) || c.RepoPath.EndsWith(".yml", StringComparison.Ordinal))))
        {
            try
            {
                Yaml.YamlFile.Parse(change.After!);
            }
            catch (Yaml.YamlEditException e)
            {
                bag.Add(Diagnostic.Of(DiagnosticCodes.Internal, change.RepoPath, e.Position,
                    $"the generated file does not parse ({e.Message}); check the templates; nothing was written"));
            }
        }
        return new GenerationResult(bag.Sorted(), bag.HasErrors ? [] : changes, root)
            { Lints = lints, Plan = plan, Folders = Folders(workspace, spec) };
    }

    private static bool HoldsVariable(RepositoryWorkspace workspace, string repoPath)
    {
        try
        {
            return workspace.Read(repoPath) is { } bytes && bytes.AsSpan().IndexOf("${"u8) >= 0;
        }
        catch (InvalidInputException)
        {
            return false; // said where the module reads it
        }
    }

    private static bool HoldsHelmRelease(RepositoryWorkspace workspace, string repoPath)
    {
        try
        {
            return workspace.Exists(repoPath) && workspace.ReadYaml(repoPath).Documents.Any(d => d.Kind == "HelmRelease");
        }
        catch (InvalidInputException)
        {
            return false; // the values source reports it where it is read
        }
    }

    /// <summary>The previous run's inventory; a file there that the tool does not own stops the run.</summary>
    private static InventoryRecord ReadInventory(ClusterTuningSpec spec, RepositoryWorkspace workspace)
    {
        var path = Inventory.PathFor(spec.SpecRepoPath);
        var existing = workspace.Read(path);
        if (existing is not null && !ToolFiles.IsOwned(existing))
            throw new InvalidInputException(Diagnostic.Of(DiagnosticCodes.TargetNotOwned, path, null,
                "this file is where the spec's inventory goes, but it does not start with the manifestgen header; it is not overwritten",
                "move it away or rename the spec"));
        return existing is null ? InventoryRecord.Empty : Inventory.Read(existing, path);
    }

    private static void UpdateInventory(ClusterTuningSpec spec, GenerationContext context)
    {
        var workspace = context.Workspace;
        var path = Inventory.PathFor(spec.SpecRepoPath);
        var current = context.Managed.ToHashSet();
        Pruner.Prune(workspace, context.Previous.Entries.Where(e => !current.Contains(e)).ToList(), context.Previous, context.Diagnostics);
        workspace.WriteWhole(path, current.Count == 0
            ? null
            : Encoding.UTF8.GetBytes(Inventory.Render(context.Templates, spec.SpecRepoPath, spec.Name, current, context.Originals, context.Created)));
    }

    /// <summary>The folders a run read or writes, and the spec's: where an interrupted run may have left temporary files.</summary>
    private static IReadOnlyList<string> Folders(RepositoryWorkspace workspace, ClusterTuningSpec spec) =>
        workspace.Touched.Append(spec.SpecRepoPath)
            .Select(p => Path.GetDirectoryName(p)?.Replace('\\', '/') ?? "")
            .Distinct().Order(StringComparer.Ordinal).ToList();
}
