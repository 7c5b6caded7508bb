using ManifestGen.Charts;
using ManifestGen.Composition;
using ManifestGen.Diagnostics;
using ManifestGen.Repository;
using ManifestGen.Values;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Lint;

/// <summary>
/// <c>manifestgen lint</c>, no spec needed: every HelmRelease under a folder, its values checked against the chart
/// release they reach (MG0009 and the notes of <see cref="ChartValuesLint"/>), the lints of its chart's component,
/// and the lints of any HelmRelease (MG0005, MG0006). Only files with a <c>kind: HelmRelease</c> line are parsed.
/// </summary>
public static class RepositoryLinter
{
    public static LintResult Run(LintOptions options)
    {
        var folder = Path.GetFullPath(options.Folder);
        var bag = new DiagnosticBag();
        var root = RepositoryRoot.ForFolder(folder, options.Root);
        if (!Directory.Exists(folder))
        {
            bag.Add(Diagnostic.Error(DiagnosticCodes.TargetMissing, options.Folder, null, "no such folder"));
            return new LintResult(bag.Sorted(), 0, 0, root);
        }
        ChartCatalog catalog;
        try
        {
            catalog = ChartCatalog.WithCharts(options.Charts, naming: Components.ReleaseOfChart);
            if (options.Catalog is { } attach) catalog = attach(catalog);
        }
        catch (InvalidInputException e)
        {
            bag.AddRange(e.Diagnostics);
            return new LintResult(bag.Sorted(), 0, 0, root);
        }
        var workspace = new RepositoryWorkspace(root);
        var scan = RepositoryScan.Of(workspace, folder, mentions: "kind: HelmRelease");
        var charts = new ChartContext(workspace, catalog);
        var lint = new ChartValuesLint(workspace, charts, new ValueSources(workspace));
        var helmReleases = scan.Documents.Where(d => d.Document.Kind == "HelmRelease").ToList();
        charts.Prefetch(helmReleases.Select(h => (h.RepoPath, h.Document)));
        var valuesFiles = new HashSet<string>(StringComparer.Ordinal);
        var checkedCount = 0;
        var identities = new Dictionary<Diagnostic, HashSet<FindingIdentity>>();
        var flux = new Lazy<FluxKustomizations>(() => FluxKustomizations.Of(workspace));
        foreach (var hr in helmReleases)
        {
            var check = lint.Check(hr.RepoPath, hr.Document);
            bag.AddRange(check.Diagnostics);
            if (options.Identify) Identify(hr.RepoPath, hr.Document, check.Diagnostics, flux, identities);
            if (check.Resolution?.Checked is not null) checkedCount++;
            foreach (var s in check.Sources) valuesFiles.Add(s.Where.RepoPath);
        }
        foreach (var path in helmReleases.Select(h => h.RepoPath).Distinct()) bag.AddRange(HelmReleaseLints.Lint(path, workspace));
        // A skipped file that holds a values source was reported as an error where it is read.
        bag.AddRange(scan.Skipped.Where(s => !valuesFiles.Contains(s.File)));
        return new LintResult(bag.Sorted(), helmReleases.Count, checkedCount, root,
            options.Identify ? identities.ToDictionary(e => e.Key, e => (IReadOnlySet<FindingIdentity>)e.Value) : null);
    }

    /// <summary>The identity of each finding about a value of this HelmRelease: the release, its clusters, the value path.</summary>
    private static void Identify(string repoPath, YamlDocumentNode document, IReadOnlyList<Diagnostic> found, Lazy<FluxKustomizations> flux,
        Dictionary<Diagnostic, HashSet<FindingIdentity>> identities)
    {
        var release = $"{document.Namespace}/{document.Name}";
        string? clusters = null;
        foreach (var d in found)
        {
            if (d.Subject is null) continue;
            clusters ??= string.Join(", ", flux.Value.Reaching(repoPath).Select(k => $"{k.File}#{k.Namespace}/{k.Name}"));
            if (!identities.TryGetValue(d, out var set)) identities[d] = set = [];
            set.Add(new FindingIdentity(d.Code, release, clusters, d.Subject));
        }
    }
}
