using ManifestGen.Charts;
using ManifestGen.Composition;
using ManifestGen.Diagnostics;
using ManifestGen.Modules.Cilium;
using ManifestGen.Modules.Trident;
using ManifestGen.Pipeline;
using ManifestGen.Repository;
using ManifestGen.Values;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Init;

/// <summary>
/// <c>manifestgen init</c>: reads a repository and writes the spec it already implies, a driver over the components'
/// adopters (<see cref="CiliumAdopter"/>, <see cref="TridentAdopter"/>), written through the one spec writer. Generate
/// right after init changes no value Flux hands a chart or applies, except the dead keys' replacement by the real
/// ones. Two candidates for one section (two clusters in one repository) are refused, listing both.
/// </summary>
public static class RepositoryAdopter
{
    /// <param name="folderFull">The folder to read: only its files are candidates.</param>
    /// <param name="outputFull">Where the spec goes: the paths it names are written relative to its folder.</param>
    /// <param name="root">The repository both are in (the caller finds it from the folder).</param>
    /// <param name="command">The command that runs the spec from where init was run, for its header.</param>
    public static InitResult Adopt(string folderFull, string outputFull, RepositoryRoot root, string command)
    {
        var report = new List<string>();
        var diagnostics = new List<Diagnostic>();
        var workspace = new RepositoryWorkspace(root);
        var charts = new ChartContext(workspace, ChartCatalog.BuiltIn);
        var values = new ValueSources(workspace);
        var specDir = Path.GetDirectoryName(outputFull)!;
        string Relative(string repoPath) => Path.GetRelativePath(specDir, root.Full(repoPath)).Replace('\\', '/');
        var outputRepoPath = root.Contains(outputFull) ? root.Relative(outputFull) : null;
        var docs = RepositoryScan.Of(workspace, folderFull, exclude: p => p == outputRepoPath).Documents;

        // What Flux applies: a patch is part of the HelmRelease it patches, never a candidate of its own; in a folder
        // whose Flux Kustomizations apply HelmReleases elsewhere (clusters/staging applying apps/staging), those are.
        var flux = FluxKustomizations.Of(workspace);
        var applied = flux.All.Count > 0 ? FluxApplied.Of(workspace, flux) : null;
        var patchFiles = applied?.PatchFiles ?? new KustomizeBuild(workspace).PatchFilesOfEveryKustomization();
        var mine = applied is null ? [] : Following(flux, applied, folderFull, root);
        // An overlay folder (apps/staging): the HelmReleases its own build patches, with those patches.
        if (mine.Count == 0) mine = Overlaid(workspace, root.Relative(folderFull));
        // A document no Flux Kustomization applies (where every one of them is resolved) is not installed: not a candidate.
        bool Unapplied(ScannedDocument d) => applied is { Unresolved.Count: 0 } && !applied.Applies(d.RepoPath, d.Document.Index);
        foreach (var d in docs.Where(d => d.Document.Kind == "HelmRelease" && !patchFiles.Contains(d.RepoPath) && Unapplied(d)))
            report.Add($"not a candidate: {d.RepoPath} ({d.Document.Describe()}) is not applied by any Flux Kustomization of the repository");
        var candidates = docs.Where(d => d.Document.Kind == "HelmRelease" && !patchFiles.Contains(d.RepoPath) && !Unapplied(d))
            .Select(d => (d.RepoPath, d.Document))
            .Concat(mine.Select(a => (a.RepoPath, Document: workspace.ReadYaml(a.RepoPath).Documents[a.Index])))
            .DistinctBy(c => (c.RepoPath, c.Document.Index)).ToList();
        var helmReleases = candidates.Select(c => (Doc: new ScannedDocument(c.RepoPath, c.Document),
            Chart: mine.FirstOrDefault(a => a.RepoPath == c.RepoPath && a.Index == c.Document.Index) is { } a ? charts.Resolve(a, applied) : charts.Resolve(c.RepoPath, c.Document))).ToList();
        var cilium = helmReleases.Where(h => CiliumAdopter.Installs(h.Chart)).Select(h => h.Doc).ToList();
        if (Ambiguous("cilium", cilium, diagnostics) || AppliedTwice("cilium", cilium, mine, diagnostics)) return new InitResult(null, report, diagnostics);
        CiliumTuning? ciliumTuning = null;
        if (cilium.Count == 1)
        {
            var appliedCilium = mine.FirstOrDefault(a => a.RepoPath == cilium[0].RepoPath && a.Index == cilium[0].Document.Index);
            var overlay = Overlay(workspace, appliedCilium);
            // The values the other patches set (inline, JSON 6902): the cluster gets them, and generate does not edit them.
            var fixedBy = appliedCilium is null ? [] : PatchValueSources.Of(workspace, appliedCilium).Where(s => s.Where != overlay?.Where).ToList();
            ciliumTuning = CiliumAdopter.Adopt(workspace, values, cilium[0].RepoPath, cilium[0].Document, Relative, report, overlay, fixedBy);
        }
        else if (docs.FirstOrDefault(d => d.Document.Kind == "DaemonSet" && d.Document.Name == CiliumFacts.DaemonSet) is { } manifest)
            report.Add($"not adopted: Cilium is installed without a HelmRelease ({manifest.RepoPath} holds its DaemonSet); manifestgen tunes Cilium through its HelmRelease's values");

        var backends = docs.Where(d => d.Document.Kind == TridentFacts.BackendKind).ToList();
        var orchestrators = helmReleases.Where(h => !cilium.Contains(h.Doc) && TridentAdopter.Installs(h.Chart)).ToList();
        if (Ambiguous("trident.backend", backends, diagnostics) | Ambiguous("trident.orchestrator", orchestrators.Select(o => o.Doc).ToList(), diagnostics))
            return new InitResult(null, report, diagnostics);
        TridentTuning? trident = null;
        if (backends.Count + orchestrators.Count > 0)
        {
            var backend = backends.Count == 1
                ? TridentAdopter.Backend(backends[0].RepoPath, backends[0].Document,
                    docs.Count(d => d.RepoPath == backends[0].RepoPath && d.Document.Kind == TridentFacts.BackendKind) > 1, Relative, report)
                : null;
            var orchestrator = orchestrators.Count == 1
                ? TridentAdopter.Orchestrator(workspace, values, orchestrators[0].Doc.RepoPath, orchestrators[0].Doc.Document, orchestrators[0].Chart, Relative, report)
                : null;
            trident = new TridentTuning(backend, orchestrator);
        }
        // A spec is one cluster: say when what it adopts is applied by the Flux Kustomizations of several.
        var adopted = cilium.Select(c => c.RepoPath).Concat(backends.Select(b => b.RepoPath)).Concat(orchestrators.Select(o => o.Doc.RepoPath));
        diagnostics.AddRange(SharedObjects.Find(workspace, adopted));
        if (ciliumTuning is null && trident is null)
            report.Add("found no Cilium HelmRelease, TridentBackendConfig or Trident orchestrator HelmRelease to adopt; the spec is empty");
        var spec = new ClusterTuningSpec(Name(folderFull), outputRepoPath ?? Path.GetFileName(outputFull), ciliumTuning, trident, []);
        return new InitResult(SpecWriter.Write(spec, [$"Written by `manifestgen init` from what the repository already sets; review it, then `{command}`."]),
            report, diagnostics);
    }

    /// <summary>
    /// The HelmReleases the Flux Kustomizations written under the folder apply, and those the Kustomizations they
    /// apply apply in turn (clusters/staging/apps.yaml applying ./apps/staging).
    /// </summary>
    private static IReadOnlyList<AppliedHelmRelease> Following(FluxKustomizations flux, FluxApplied applied, string folderFull, RepositoryRoot root)
    {
        var folder = root.Relative(folderFull);
        bool Under(string repoPath) => folder == "." || repoPath.StartsWith(folder.TrimEnd('/') + "/", StringComparison.Ordinal);
        var set = flux.All.Where(k => Under(k.File)).ToHashSet();
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var k in flux.All)
                if (!set.Contains(k) && flux.Reaching(k.File).Any(set.Contains)) grew = set.Add(k) || grew;
        }
        return applied.HelmReleases.Where(a => set.Contains(a.By)).ToList();
    }

    /// <summary>What <c>kustomize build</c> of the folder patches: each HelmRelease with the patches the folder applies to it.</summary>
    private static IReadOnlyList<AppliedHelmRelease> Overlaid(RepositoryWorkspace workspace, string folder)
    {
        var self = new FluxKustomization($"kustomize build {folder}", null, folder, new SourcePosition(1, 1), folder, false);
        return new KustomizeBuild(workspace).Build(folder).Where(o => o.Kind == "HelmRelease" && o.Patches.Count > 0)
            .Select(o => new AppliedHelmRelease(o.RepoPath, o.Index, self, o.Patches, o.Namespace, null)).ToList();
    }

    /// <summary>A base the folder's Flux Kustomizations apply more than once (two clusters): a spec is one cluster.</summary>
    private static bool AppliedTwice(string section, List<ScannedDocument> chosen, IReadOnlyList<AppliedHelmRelease> mine, List<Diagnostic> diagnostics)
    {
        if (chosen.Count != 1) return false;
        var by = mine.Where(a => a.RepoPath == chosen[0].RepoPath && a.Index == chosen[0].Document.Index).Select(a => a.By).Distinct().ToList();
        if (by.Count < 2) return false;
        diagnostics.Add(Diagnostic.Of(DiagnosticCodes.InitAmbiguous, chosen[0].RepoPath, null,
            $"{section}: {chosen[0].RepoPath} ({chosen[0].Document.Describe()}) is applied by {by.Count} Flux Kustomizations, one cluster each: " +
            string.Join(", ", by.Select(k => $"{k.Name} ({k.File})")),
            $"a spec tunes one cluster: run init on one cluster's folder (manifestgen init {Path.GetDirectoryName(by[0].File)?.Replace('\\', '/')} --output {Path.GetDirectoryName(by[0].File)?.Replace('\\', '/')}/tuning.yaml)"));
        return true;
    }

    /// <summary>The cluster's HelmRelease patch that holds values, when the applied release has exactly one such file.</summary>
    private static ValueSource? Overlay(RepositoryWorkspace workspace, AppliedHelmRelease? applied)
    {
        if (applied is null) return null;
        var withValues = applied.Patches.Where(p => !p.Json6902 && p.Where.Block is null)
            .Select(p => new ValueSource(ValueSourceKind.Patch, p.Where, YamlPath.Keys("spec", "values"), $"{p.Where.RepoPath} spec.values (the cluster's patch)"))
            .Where(s => s.Find(workspace, YamlPath.Root) is MappingNode).ToList();
        return withValues.Count == 1 ? withValues[0] : null;
    }

    private static bool Ambiguous(string section, List<ScannedDocument> candidates, List<Diagnostic> diagnostics)
    {
        if (candidates.Count < 2) return false;
        diagnostics.Add(Diagnostic.Of(DiagnosticCodes.InitAmbiguous, candidates[0].RepoPath, null,
            $"{candidates.Count} candidates for {section}: {string.Join(", ", candidates.Select(c => $"{c.RepoPath} ({c.Document.Describe()})"))}",
            "a spec tunes one cluster: run init on one cluster's folder (manifestgen init FOLDER --output FOLDER/tuning.yaml)"));
        return true;
    }

    private static string Name(string folderFull)
    {
        var name = new string(Path.GetFileName(folderFull.TrimEnd('/', '\\')).ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        return name.Length == 0 ? "cluster" : name;
    }
}
