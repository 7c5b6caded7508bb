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
        var folder = AbsolutePath.Required(options.Folder, "the folder to lint");
        AbsolutePath.Optional(options.Root, "--root");
        var bag = new DiagnosticBag();
        var root = RepositoryRoot.ForFolder(folder, options.Root);
        if (!Directory.Exists(folder))
        {
            bag.Add(Diagnostic.Of(DiagnosticCodes.TargetMissing, options.Folder, null, "no such folder"));
            return new LintResult(bag.Sorted(), 0, 0, root);
        }
        ChartCatalog catalog;
        try
        {
            catalog = ChartCatalog.WithCharts(options.Charts, naming: ComponentList.ReleaseOfChart);
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
        var counted = 0;
        var identities = new Dictionary<Diagnostic, HashSet<FindingIdentity>>();
        var flux = new Lazy<FluxKustomizations>(() => FluxKustomizations.Of(workspace));
        // With Flux Kustomizations, a HelmRelease is checked as each of them applies it; without, as it is written.
        var applied = flux.Value.All.Count > 0 ? FluxApplied.Of(workspace, flux.Value) : null;
        var documents = 0;
        foreach (var hr in helmReleases)
        {
            var each = applied?.HelmReleases.Where(a => a.RepoPath == hr.RepoPath && a.Index == hr.Document.Index).ToList();
            // Where some Kustomization's folder is not in the repository, what it applies is unknown: a HelmRelease no other
            // one applies is checked as it is written, not called unapplied.
            if (each is { Count: 0 } && applied!.Unresolved.Count > 0 && !applied.PatchFiles.Contains(hr.RepoPath)) each = null;
            if (applied is not null && each is { Count: 0 })
            {
                // A patch is part of the HelmRelease it patches; any other document is not applied, and says so.
                if (applied.PatchFiles.Contains(hr.RepoPath)) continue;
                documents++;
                counted++;
                bag.Add(Diagnostic.Of(DiagnosticCodes.ChartNotChecked, hr.RepoPath, workspace.ReadYaml(hr.RepoPath).Source.PositionOf(hr.Document.Root?.ContentStart ?? hr.Document.Start),
                    $"HelmRelease {hr.Document.Name} is not applied by any Flux Kustomization of the repository: its values are not checked",
                    "a Flux Kustomization applies a file when its spec.path builds it (a kustomization's resources, or a folder without one)"));
                continue;
            }
            documents++;
            var checks = each is null ? [(Applied: (AppliedHelmRelease?)null, Check: lint.Check(hr.RepoPath, hr.Document))]
                : each.Select(a => (Applied: (AppliedHelmRelease?)a, Check: lint.Check(hr.RepoPath, hr.Document, applied: a, flux: applied))).ToList();
            counted += checks.Count;
            // A key written once and applied by several Flux Kustomizations is one finding, naming them (and the release
            // each checked it against, where those differ: a version pinned per cluster).
            foreach (var group in checks.SelectMany(c => c.Check.Diagnostics.Select(d => (d, c.Applied, c.Check))).GroupBy(x => x.d.Subject is null ? (object)x.d
                         : (x.d.File, x.d.Line, x.d.Column, x.d.Code, x.d.Subject)))
            {
                var first = group.First().d;
                var by = group.Where(x => x.Applied is not null).Select(x => (x.Applied!.By, Release: x.Check.Resolution?.Describe())).Distinct().ToList();
                var versions = by.Select(b => b.Release).Distinct().Count();
                var d = checks.Count > 1 && by.Count > 0 && first.Subject is not null
                    ? first with { Message = $"{first.Message}; in {by.Count} of the {checks.Count} Flux Kustomizations that apply it: " +
                                              string.Join(", ", by.Select(b => $"{b.By.Name} ({b.By.File}{(versions > 1 ? $", {b.Release}" : "")})")) }
                    : first;
                bag.Add(d);
                if (options.Identify) Identify(hr.Document, d, group.Select(x => x.Applied).ToList(), hr.RepoPath, flux, identities);
            }
            foreach (var (_, check) in checks)
            {
                if (check.Resolution?.Checked is not null) checkedCount++;
                foreach (var source in check.Sources) valuesFiles.Add(source.Where.RepoPath);
            }
        }
        // Variables a HelmRelease used that no substitution fills: one note a Flux Kustomization.
        foreach (var (by, unknown) in applied?.HelmReleases.Where(a => a.Substitution is { Unknown.Count: > 0 })
                     .Select(a => (a.By, a.Substitution!)).DistinctBy(x => x.By) ?? [])
            bag.Add(Diagnostic.Of(DiagnosticCodes.UnknownVariable, by.File, by.At,
                $"Kustomization {by.Name}: {string.Join(", ", unknown.Unknown.Select(v => "${" + v + "}"))} {(unknown.Unknown.Count == 1 ? "has" : "have")} no value the repository holds and no default, so the tool leaves {(unknown.Unknown.Count == 1 ? "it" : "them")} as written" +
                (unknown.Secrets.Count > 0 ? $" (it does not read {string.Join(", ", unknown.Secrets)})" : ""),
                "a chart, version or source named through such a variable is not resolved; the values are still checked"));
        foreach (var path in helmReleases.Select(h => h.RepoPath).Distinct()) bag.AddRange(HelmReleaseLints.Lint(path, workspace));
        // A skipped file that holds a values source was reported as an error where it is read.
        bag.AddRange(scan.Skipped.Where(s => !valuesFiles.Contains(s.File)));
        return new LintResult(bag.Sorted(), counted, checkedCount, root,
            options.Identify ? identities.ToDictionary(e => e.Key, e => (IReadOnlySet<FindingIdentity>)e.Value) : null,
            documents == counted ? null : documents);
    }

    /// <summary>The identity of a finding about a value of this HelmRelease: the release, the Flux Kustomizations that apply it, the value path.</summary>
    private static void Identify(YamlDocumentNode document, Diagnostic d, IReadOnlyList<AppliedHelmRelease?> applied, string repoPath,
        Lazy<FluxKustomizations> flux, Dictionary<Diagnostic, HashSet<FindingIdentity>> identities)
    {
        if (d.Subject is null) return;
        if (!identities.TryGetValue(d, out var set)) identities[d] = set = [];
        foreach (var a in applied)
        {
            var release = $"{a?.Namespace ?? document.Namespace}/{document.Name}";
            var clusters = a is not null ? Cluster(a.By) : string.Join(", ", flux.Value.Reaching(repoPath).Select(Cluster));
            set.Add(new FindingIdentity(d.Code.Code, release, clusters, d.Subject));
        }
    }

    private static string Cluster(FluxKustomization k) => $"{k.File}#{k.Namespace}/{k.Name}";
}
