using CommandLine;
using ManifestGen.Charts;
using ManifestGen.Diagnostics;
using ManifestGen.Fetching;

namespace ManifestGen.Cli.Commands;

/// <summary>The options of the verbs that read charts: generate, check, validate, plan and lint.</summary>
public interface IChartOptions
{
    string? Charts { get; }
    bool FetchCharts { get; }
    bool Offline { get; }
    bool Json { get; }
}

/// <summary>The words of the fetch options, written once for every verb that has them.</summary>
internal static class FetchOptionText
{
    public const string FetchCharts =
        "Fetch each chart version the tool does not know from where Flux gets it (the HelmRelease's HelmRepository or OCIRepository), " +
        "resolve version ranges against the source, and check the values against it. Off by default: without it nothing leaves the machine.";

    public const string Offline =
        "With --fetch-charts (implied): use only charts fetched before, from the cache ($XDG_CACHE_HOME/manifestgen/charts); make no request.";
}

/// <summary>Options of the spec verbs that read charts (generate, check, validate, plan).</summary>
public abstract class ChartReadingOptions : CommonOptions, IChartOptions
{
    [Option("fetch-charts", HelpText = FetchOptionText.FetchCharts)]
    public bool FetchCharts { get; set; }

    [Option("offline", HelpText = FetchOptionText.Offline)]
    public bool Offline { get; set; }
}

/// <summary>
/// One run's fetching, when asked for: the fetcher attached to the run's chart catalog, its progress on stderr (quiet
/// for --output json and under GitHub Actions), its diagnostics for the run's report, and one summary line at the end.
/// </summary>
internal sealed class ChartFetching(IChartOptions? options, CliEnvironment env, TextWriter stderr) : IDisposable
{
    private ChartFetcher? fetcher;

    public bool Enabled => options is { FetchCharts: true } or { Offline: true };

    /// <summary>The catalog, with a fetcher when --fetch-charts or --offline is given.</summary>
    public ChartCatalog Attach(ChartCatalog catalog)
    {
        if (!Enabled) return catalog;
        // A second run of the same command (lint --new-from-rev lints two revisions) shares the fetcher: one fetch a chart.
        if (fetcher is not null) return catalog.WithFetcher(fetcher);
        var quiet = options!.Json || env.GitHubActions;
        var settings = FetchSettings.FromEnvironment(env.Variable, options.Offline, quiet ? null : line => { lock (stderr) stderr.WriteLine(line); });
        return catalog.WithFetcher(fetcher = new ChartFetcher(catalog, settings));
    }

    /// <summary>
    /// At the end of the run: the summary line on stderr, in every output mode (stdout stays the report), and the run's
    /// diagnostics followed by what fetching found (MG6xxx), which belongs to the run as a whole (a fleet shares one fetcher).
    /// </summary>
    public IReadOnlyList<Diagnostic> Complete(IReadOnlyList<Diagnostic> run)
    {
        if (fetcher?.Summary() is { } summary) stderr.WriteLine(summary);
        return fetcher is null ? run : [.. run, .. fetcher.Diagnostics];
    }

    public void Dispose() => fetcher?.Dispose();
}
