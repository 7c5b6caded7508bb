using ManifestGen.Charts;
using ManifestGen.Composition;
using ManifestGen.Diagnostics;
using ManifestGen.Pipeline;
using ManifestGen.Yaml;

namespace ManifestGen.Cli.Commands;

/// <summary>
/// Runs the spec, or each spec of a fleet (<c>--spec</c> naming a folder or a glob), and merges the
/// results into one: every verb then reports a fleet as it reports one cluster, with one summary.
/// </summary>
internal static class SpecRuns
{
    /// <summary>The merged result, and each cluster's own (in spec order; one for a single spec).</summary>
    public sealed record Outcome(GenerationResult Result, int Clusters, bool IsFleet)
    {
        public IReadOnlyList<GenerationResult> PerCluster { get; init; } = [Result];
    }

    /// <param name="reportShared">Whether to look for tuned files several Flux Kustomizations apply (validate, generate).</param>
    public static Outcome Run(CommonOptions options, CliEnvironment env, TextWriter stderr, bool reportShared = false)
    {
        using var fetching = new ChartFetching(options as IChartOptions, env, stderr);
        var outcome = Run(options, fetching, reportShared);
        if (!fetching.Enabled) return outcome;
        // A fetch error (a digest that does not match) fails the run like any other, so generate writes nothing.
        var result = outcome.Result;
        var diagnostics = fetching.Complete(result.Diagnostics);
        var failed = diagnostics.Any(d => d.Severity == Severity.Error);
        return outcome with { Result = result with { Diagnostics = diagnostics, Changes = failed ? [] : result.Changes } };
    }

    private static Outcome Run(CommonOptions options, ChartFetching fetching, bool reportShared)
    {
        if (options.MissingDefaultSpec() is { } missing)
            return new Outcome(new GenerationResult([missing], [], ManifestGen.Workspace.RepositoryRoot.For(Path.GetFullPath(options.Spec), options.Root)), 0, false);
        var isFleet = SpecSet.IsFleet(options.Spec);
        // One chart catalog for the whole run (a fleet shares it): --charts is read once, and a broken archive stops the run.
        ChartCatalog charts;
        try
        {
            charts = fetching.Attach(ChartCatalog.WithCharts(options.Charts, naming: ComponentList.ReleaseOfChart));
        }
        catch (InvalidInputException e)
        {
            return new Outcome(new GenerationResult(e.Diagnostics, [], ManifestGen.Workspace.RepositoryRoot.For(Path.GetFullPath(options.Spec), options.Root)), 0, isFleet);
        }
        if (!isFleet) return new Outcome(Generator.Run(options.ToGenerateOptions(charts, reportShared)), 1, false);

        var specs = SpecSet.Resolve(options.Spec);
        if (specs.Count == 0)
        {
            var none = SpecSet.NoneFound(options.Spec, options.SpecWritten);
            return new Outcome(new GenerationResult([none], [], ManifestGen.Workspace.RepositoryRoot.For(Path.GetFullPath("x"), options.Root)), 0, true) { PerCluster = [] };
        }
        var results = Fleet.Run(specs, options.Root, options.Templates, charts, reportShared);
        var roots = results.Select(r => r.Root.FullPath).Distinct().ToList();
        var diagnostics = results.SelectMany(r => r.Diagnostics).ToList();
        if (roots.Count > 1)
            diagnostics.Add(Diagnostic.Of(DiagnosticCodes.SpecPathOutsideRoot, options.SpecWritten, null,
                $"the fleet's specs live in {roots.Count} repositories ({string.Join(", ", roots)})", "pass --root to name one"));
        var failed = diagnostics.Any(d => d.Severity == Severity.Error);
        var merged = new GenerationResult(diagnostics, failed ? [] : results.SelectMany(r => r.Changes).ToList(), results[0].Root)
        {
            Lints = results.SelectMany(r => r.Lints).ToList(),
            Plan = results.SelectMany(r => r.Plan).ToList(),
            Folders = results.SelectMany(r => r.Folders).Distinct().Order(StringComparer.Ordinal).ToList(),
        };
        return new Outcome(merged, specs.Count, true) { PerCluster = results };
    }
}
