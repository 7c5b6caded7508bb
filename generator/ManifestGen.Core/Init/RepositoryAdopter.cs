using ManifestGen.Charts;
using ManifestGen.Components;
using ManifestGen.Composition;
using ManifestGen.Diagnostics;
using ManifestGen.Pipeline;
using ManifestGen.Repository;
using ManifestGen.Values;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Init;

/// <summary>
/// <c>manifestgen init</c>: reads a repository and writes the spec it already implies, a driver over the components'
/// adopters (<see cref="IComponent.Adopt"/>, in the list's order, each handed the one <see cref="Adoption"/>), written
/// through the one spec writer. Generate right after init changes no value Flux hands a chart or applies, except the
/// dead keys' replacement by the real ones. Two candidates for one section (two clusters in one repository) are
/// refused, listing both.
/// </summary>
public static class RepositoryAdopter
{
    /// <param name="folderFull">The folder to read: only its files are candidates.</param>
    /// <param name="outputFull">Where the spec goes: the paths it names are written relative to its folder.</param>
    /// <param name="root">The repository both are in (the caller finds it from the folder).</param>
    /// <param name="command">The command that runs the spec from where init was run, for its header.</param>
    public static InitResult Adopt(string folderFull, string outputFull, RepositoryRoot root, string command)
    {
        var workspace = new RepositoryWorkspace(root);
        var charts = new ChartContext(workspace, ChartCatalog.BuiltIn);
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
        var notCandidates = new List<string>();
        // A document no Flux Kustomization applies (where every one of them is resolved) is not installed: not a candidate.
        bool Unapplied(ScannedDocument d) => applied is { Unresolved.Count: 0 } && !applied.Applies(d.RepoPath, d.Document.Index);
        foreach (var d in docs.Where(d => d.Document.Kind == "HelmRelease" && !patchFiles.Contains(d.RepoPath) && Unapplied(d)))
            notCandidates.Add($"not a candidate: {d.RepoPath} ({d.Document.Describe()}) is not applied by any Flux Kustomization of the repository");
        var candidates = docs.Where(d => d.Document.Kind == "HelmRelease" && !patchFiles.Contains(d.RepoPath) && !Unapplied(d))
            .Select(d => (d.RepoPath, d.Document))
            .Concat(mine.Select(a => (a.RepoPath, Document: workspace.ReadYaml(a.RepoPath).Documents[a.Index])))
            .DistinctBy(c => (c.RepoPath, c.Document.Index)).ToList();
        var helmReleases = candidates.Select(c => new AdoptableRelease(new ScannedDocument(c.RepoPath, c.Document),
            mine.FirstOrDefault(a => a.RepoPath == c.RepoPath && a.Index == c.Document.Index) is { } a ? charts.Resolve(a, applied) : charts.Resolve(c.RepoPath, c.Document))).ToList();

        var adoption = new Adoption(workspace, new ValueSources(workspace), docs, helmReleases, mine, Relative);
        adoption.Report.AddRange(notCandidates);
        var tunings = new List<ComponentTuning>();
        foreach (var component in ComponentList.All)
        {
            if (component.Adopt(adoption) is { } tuning) tunings.Add(tuning);
            // An ambiguity ends init: the spec would be one cluster's guess.
            if (adoption.Diagnostics.Count > 0) return new InitResult(null, adoption.Report, adoption.Diagnostics);
        }
        // A spec is one cluster: say when what it adopts is applied by the Flux Kustomizations of several.
        var diagnostics = new List<Diagnostic>(SharedObjects.Find(workspace, adoption.Adopted));
        if (tunings.Count == 0)
            adoption.Report.Add($"found no {string.Join(", ", ComponentList.All.Select(c => c.Adopts).OfType<string>())} to adopt; the spec is empty");
        var spec = new ClusterTuningSpec(Name(folderFull), outputRepoPath ?? Path.GetFileName(outputFull), tunings);
        return new InitResult(SpecWriter.Write(spec, [$"Written by `manifestgen init` from what the repository already sets; review it, then `{command}`."]),
            adoption.Report, diagnostics);
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

    private static string Name(string folderFull)
    {
        var name = new string(Path.GetFileName(folderFull.TrimEnd('/', '\\')).ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        return name.Length == 0 ? "cluster" : name;
    }
}
