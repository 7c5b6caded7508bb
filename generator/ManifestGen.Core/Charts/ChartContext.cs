using ManifestGen.Repository;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Charts;

/// <summary>The chart a HelmRelease installs and the known release its values are checked against.</summary>
public sealed record HelmReleaseChart(ChartReference Reference, ChartResolution? Resolution)
{
    public ChartCatalog.Known? Checked => Resolution?.Checked;

    /// <summary>Whether the release checked reads a values path: null when no release is checked.</summary>
    public bool? Reads(YamlPath path) => Checked is { } k ? k.Values.Check(k.Index, Keys(path)).IsRead : null;

    /// <summary>The chart's default for a values path in the release checked, or null.</summary>
    public ValueAnswer? Answer(YamlPath path) => Checked is { } k ? k.Values.Check(k.Index, Keys(path)) : null;

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

    public ChartCatalog Catalog => catalog;
    public FluxObjects Objects { get; } = new(workspace);

    public HelmReleaseChart Resolve(string repoPath, YamlDocumentNode helmRelease)
    {
        if (resolved.TryGetValue((repoPath, helmRelease.Index), out var known)) return known;
        var reference = Reference(repoPath, helmRelease);
        // A GitRepository's tag tells a release only where releases share a chart version (QNAP's): look it up only then.
        var tag = reference.Name is { } name && reference.SourceKind == "GitRepository"
                  && catalog.Releases(name).GroupBy(k => k.Release.ChartVersion).Any(g => g.Count() > 1) ? reference.GitTag : null;
        var resolution = reference.Name is null ? null
            : catalog.Fetcher?.Resolve(reference) is { } fetched ? FromSource(reference.Name, fetched, reference.VersionFrom)
            : ChartResolution.Resolve(catalog, reference.Name, reference.Version, reference.VersionFrom, tag);
        return resolved[(repoPath, helmRelease.Index)] = new HelmReleaseChart(reference, resolution);
    }

    /// <summary>The release of the version the chart's source gave (fetched, or known already), with how it was found.</summary>
    private ChartResolution FromSource(string chart, FetchedVersion fetched, string from)
    {
        var resolution = ChartResolution.Resolve(catalog, chart, fetched.Version, from);
        return fetched.Note is null || resolution.Checked is null ? resolution
            : resolution with { Note = resolution.Note is null ? fetched.Note : $"{fetched.Note}; {resolution.Note}" };
    }

    /// <summary>With a fetcher, fetches the charts of these HelmReleases a few at a time; without one, does nothing.</summary>
    public void Prefetch(IEnumerable<(string RepoPath, YamlDocumentNode Document)> helmReleases)
    {
        if (catalog.Fetcher is { } fetcher) fetcher.Prefetch(helmReleases.Select(h => Reference(h.RepoPath, h.Document)).ToList());
    }

    // Read once: its source object is looked for in the repository's files, and Prefetch and Resolve both ask.
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
