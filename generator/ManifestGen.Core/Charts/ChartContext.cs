using ManifestGen.Diagnostics;
using ManifestGen.Repository;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Charts;

/// <summary>The chart a HelmRelease installs and the known release its values are checked against.</summary>
public sealed class HelmReleaseChart(ChartReference reference, ChartResolution? resolution, Lazy<FluxObjects.Found?> source)
{
    public ChartReference Reference { get; } = reference;

    public ChartResolution? Resolution { get; } = resolution;

    public ChartCatalog.Known? Checked => Resolution?.Checked;

    /// <summary>The URL of the chart's source object (looked for only when asked: the search may read the repository).</summary>
    public string? SourceUrl => ChartReference.UrlOf(source.Value);

    /// <summary>Whether the release checked reads a values path: null when no release is checked.</summary>
    public bool? Reads(YamlPath path) => Checked is { } k ? k.Tree.Check(Keys(path)).IsRead : null;

    /// <summary>The chart's default for a values path in the release checked, or null.</summary>
    public ValueAnswer? Answer(YamlPath path) => Checked is { } k ? k.Tree.Check(Keys(path)) : null;

    public static IReadOnlyList<string> Keys(YamlPath path) => path.Segments.Select(s => ((KeySegment)s).Key).ToList();
}

/// <summary>
/// The chart knowledge of one run: the catalog (built-in data and <c>--charts</c>), the Flux objects of the
/// repository, and each HelmRelease's chart and release, resolved once and shared by the lints and the modules.
/// </summary>
public sealed class ChartContext(RepositoryWorkspace workspace, ChartCatalog catalog)
{
    private readonly Dictionary<(string, int), HelmReleaseChart> resolved = [];
    private readonly Dictionary<(string, int), ChartReference> references = [];
    private readonly Dictionary<ChartReference, Lazy<FluxObjects.Found?>> sources = new(ReferenceEqualityComparer.Instance);

    public ChartCatalog Catalog => catalog;
    public FluxObjects Objects { get; } = new(workspace);

    private Lazy<FluxApplied?>? flux;
    private IReadOnlySet<string> preferred = new HashSet<string>();

    /// <summary>
    /// Reads each HelmRelease as the repository's Flux Kustomizations apply it (built when first asked): where one of
    /// them applies the document, or where exactly one applies it with a patch among <paramref name="patches"/> (the
    /// spec's values file: the cluster it tunes), the chart is read through that Kustomization's patches and substitutions.
    /// </summary>
    /// <param name="model">The repository's Flux model, built when first asked (and shared with the run's other readers of it).</param>
    public void Follow(Lazy<FluxApplied?> model, IReadOnlySet<string> patches)
    {
        flux = model;
        preferred = patches;
    }

    public HelmReleaseChart Resolve(string repoPath, YamlDocumentNode helmRelease)
    {
        if (resolved.TryGetValue((repoPath, helmRelease.Index), out var known)) return known;
        if (flux?.Value is { } model)
        {
            var each = model.HelmReleases.Where(a => a.RepoPath == repoPath && a.Index == helmRelease.Index).ToList();
            var mine = each.Where(a => a.Patches.Any(p => preferred.Contains(p.Where.RepoPath))).ToList();
            if ((mine.Count == 1 ? mine : each) is [var applied]) return resolved[(repoPath, helmRelease.Index)] = Resolve(applied, model);
        }
        return resolved[(repoPath, helmRelease.Index)] = Resolved(Reference(repoPath, helmRelease));
    }

    private readonly Dictionary<(string, int, FluxKustomization), HelmReleaseChart> appliedResolved = [];

    /// <summary>
    /// The chart of a HelmRelease as a Flux Kustomization applies it: its fields after the Kustomization's
    /// substitutions and patches (a version pinned in a cluster's patch), its source looked for first among what the
    /// same Kustomization applies (a component's OCIRepository named by a variable).
    /// </summary>
    /// <param name="flux">The Flux model the release comes from, or null for an overlay built on its own (<c>init apps/staging</c>).</param>
    public HelmReleaseChart Resolve(AppliedHelmRelease applied, FluxApplied? flux)
    {
        var key = (applied.RepoPath, applied.Index, applied.By);
        if (appliedResolved.TryGetValue(key, out var known)) return known;
        var file = workspace.ReadYaml(applied.RepoPath);
        var document = applied.Substitution?.Applied(file, applied.Index) ?? file.Documents[applied.Index];
        var patches = new List<ChartReference.Patch>();
        foreach (var patch in applied.Patches.Where(p => !p.Json6902))
        {
            try
            {
                var inner = patch.Where.Read(workspace);
                var patchDocument = patch.Where.Selector.Select(inner);
                if (patch.Where.Block is null && applied.Substitution?.Applied(inner, patchDocument.Index) is { } substituted) patchDocument = substituted;
                patches.Add(new ChartReference.Patch(patchDocument, patch.Where.RepoPath, offset => patch.Where.PositionOf(workspace, offset)));
            }
            catch (Exception e) when (e is InvalidInputException or YamlEditException)
            {
                // a patch that cannot be read sets nothing the tool can see
            }
        }
        string? ambiguous = null;
        FluxObjects.Found? FindSource(string kind, string name, string? nameSpace)
        {
            if (flux is null) return null;
            var candidates = flux.SourcesNamed(applied.By, kind, name, nameSpace);
            if (candidates.Count > 1)
                ambiguous = $"{candidates.Count} {kind} objects named {name} are applied with it ({string.Join(", ", candidates.Select(c => c.RepoPath))}): " +
                            "the tool does not pick one, so its values are not checked";
            if (candidates.Count != 1) return null;
            var (path, index) = candidates[0];
            var sourceFile = workspace.ReadYaml(path);
            return new FluxObjects.Found(path, applied.Substitution?.Applied(sourceFile, index) ?? sourceFile.Documents[index], sourceFile);
        }
        var reference = ChartReference.Read(Objects, applied.RepoPath, document, new ChartReference.Applied(patches, applied.Namespace, FindSource));
        // Two sources of one name in the same build: never one picked silently.
        if (ambiguous is not null && reference.Name is { } chart)
            return appliedResolved[key] = new HelmReleaseChart(reference, new ChartResolution(chart, null, $"HelmRelease {document.Name}: {ambiguous}"),
                new Lazy<FluxObjects.Found?>(() => null));
        return appliedResolved[key] = Resolved(reference);
    }

    private HelmReleaseChart Resolved(ChartReference reference)
    {
        var source = Source(reference);
        // A GitRepository's tag tells a release only where releases share a chart version (QNAP's): look it up only then.
        var tag = reference.Name is { } name && reference.SourceKind == "GitRepository"
                  && catalog.Releases(name).GroupBy(k => k.Release.ChartVersion).Any(g => g.Count() > 1) ? ChartReference.GitTagOf(source.Value) : null;
        var resolution = reference.Name is null ? null
            : catalog.Fetcher?.Resolve(new SourcedReference(reference, source.Value)) is { } fetched ? FromSource(reference.Name, fetched, reference.VersionFrom)
            : ChartResolution.Resolve(catalog, reference.Name, reference.Version, reference.VersionFrom, tag);
        return new HelmReleaseChart(reference, resolution, source);
    }

    /// <summary>The source object a reference names, looked for once and only when asked.</summary>
    public FluxObjects.Found? SourceOf(ChartReference reference) => Source(reference).Value;

    private Lazy<FluxObjects.Found?> Source(ChartReference reference)
    {
        if (!sources.TryGetValue(reference, out var source))
            sources[reference] = source = reference.ReadSource is { } read ? new Lazy<FluxObjects.Found?>(read)
                : new Lazy<FluxObjects.Found?>(() => reference.SourceKind is { } kind && reference.SourceName is { } name
                    ? Objects.Find(kind, name, reference.SourceNamespace, reference.VersionFile) : null);
        return source;
    }

    /// <summary>The release of the version the chart's source gave (fetched, or known already), with how it was found.</summary>
    private ChartResolution FromSource(string chart, FetchedVersion fetched, string from)
    {
        // The fetcher hands the release over; the run's catalog holds it from now on, for every HelmRelease that asks.
        if (fetched.Release is { } release) catalog.Add(release.Chart, release.Release, release.Tree);
        var resolution = ChartResolution.Resolve(catalog, chart, fetched.Version, from);
        return fetched.Note is null || resolution.Checked is null ? resolution
            : resolution with { Note = resolution.Note is null ? fetched.Note : $"{fetched.Note}; {resolution.Note}" };
    }

    /// <summary>With a fetcher, fetches the charts of these HelmReleases a few at a time; without one, does nothing.</summary>
    public void Prefetch(IEnumerable<(string RepoPath, YamlDocumentNode Document)> helmReleases)
    {
        if (catalog.Fetcher is not { } fetcher) return;
        // The sources are looked for here, one after the other: finding one reads the repository's files.
        var requests = helmReleases.Select(h => Reference(h.RepoPath, h.Document)).Where(r => r.Name is not null)
            .Select(r => new SourcedReference(r, SourceOf(r))).ToList();
        fetcher.Prefetch(requests);
    }

    // Read once: Prefetch and Resolve both ask.
    private ChartReference Reference(string repoPath, YamlDocumentNode helmRelease)
    {
        if (!references.TryGetValue((repoPath, helmRelease.Index), out var reference))
            references[(repoPath, helmRelease.Index)] = reference = ChartReference.Read(Objects, repoPath, helmRelease);
        return reference;
    }

    /// <summary>The same, for a document named by its reference.</summary>
    public HelmReleaseChart Resolve(string repoPath, DocumentRef document) =>
        Resolve(repoPath, TargetReads.In(repoPath, () => document.Selector.Select(workspace.ReadYaml(repoPath))));

    /// <summary>The first known release of a chart that reads a path, or null.</summary>
    public ChartRelease? FirstReader(string chart, YamlPath path)
    {
        var keys = HelmReleaseChart.Keys(path);
        return catalog.ReadersOf(chart, keys).MinBy(r => r.Id);
    }
}
