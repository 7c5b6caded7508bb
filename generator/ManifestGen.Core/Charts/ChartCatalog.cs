using System.Collections.Concurrent;
using ManifestGen.Diagnostics;

namespace ManifestGen.Charts;

/// <summary>
/// The charts a run knows. The data built into the tool (generated from real chart archives by
/// <c>manifestgen chart-data</c>, read only for the charts a run meets) is shared and never changes; the run's own
/// set comes before it: the charts given with <c>--charts DIR</c> (archives as <c>helm pull</c> writes them, or
/// unpacked chart folders, each analysed once), and with <c>--fetch-charts</c> the releases the chart context adds as
/// the fetcher returns them (<see cref="Add"/>; a fleet's clusters may read while one is added).
/// </summary>
public sealed class ChartCatalog
{
    private static readonly ConcurrentDictionary<string, Lazy<ChartData?>> BuiltInCache = new(StringComparer.Ordinal);

    private readonly IReadOnlyDictionary<string, ChartData> given;
    private readonly ConcurrentDictionary<string, IReadOnlyList<ChartData>> added = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyList<Known>> releases = new(StringComparer.Ordinal);
    private readonly object gate = new();

    private ChartCatalog(IReadOnlyDictionary<string, ChartData> given, bool builtIn, IChartFetcher? fetcher)
    {
        this.given = given;
        UsesBuiltIn = builtIn;
        Fetcher = fetcher;
    }

    /// <summary>Fetches charts the run does not know from their sources (<c>--fetch-charts</c>), or null.</summary>
    public IChartFetcher? Fetcher { get; }

    /// <summary>The same charts, fetching what they lack with <paramref name="fetcher"/>.</summary>
    public ChartCatalog WithFetcher(IChartFetcher fetcher) => new(given, UsesBuiltIn, fetcher);

    /// <summary>Adds a release the run found (fetched); a release of the same id already known stays first.</summary>
    public void Add(string chart, ChartRelease release, ValueTree tree)
    {
        var data = ChartData.Of(chart, [(release, tree)]);
        // Under the lock: a list of releases made while one is added must not be kept after it.
        lock (gate)
        {
            added[chart] = [.. added.GetValueOrDefault(chart) ?? [], data];
            releases.TryRemove(chart, out _);
        }
    }

    /// <summary>The built-in data only.</summary>
    public static ChartCatalog BuiltIn { get; } = new(new Dictionary<string, ChartData>(StringComparer.Ordinal), builtIn: true, null);

    /// <summary>Whether the built-in data is consulted (tests switch it off to see only what they give).</summary>
    public bool UsesBuiltIn { get; }

    /// <summary>The names of the charts built in.</summary>
    public static IReadOnlyList<string> BuiltInCharts => Data.BuiltInChartData.All.Select(c => c.Chart).ToList();

    /// <summary>The built-in data plus the charts under <paramref name="folder"/> (<c>--charts</c>), which come first.</summary>
    public static ChartCatalog WithCharts(string? folder, bool builtIn = true, ReleaseNaming? naming = null)
    {
        if (folder is null) return builtIn ? BuiltIn : new ChartCatalog(new Dictionary<string, ChartData>(StringComparer.Ordinal), false, null);
        if (!Directory.Exists(folder))
            throw new InvalidInputException(Diagnostic.Of(DiagnosticCodes.ChartUnreadable, folder, null, "--charts: no such folder"));
        var given = ChartDataBuilder.Build(folder, naming, display: folder).ToDictionary(d => d.Chart, StringComparer.Ordinal);
        return new ChartCatalog(given, builtIn, null);
    }

    /// <summary>Every source of releases of a chart, the run's own first; empty when the chart is unknown.</summary>
    public IReadOnlyList<ChartData> Find(string chart)
    {
        var found = new List<ChartData>();
        if (given.TryGetValue(chart, out var mine)) found.Add(mine);
        if (added.TryGetValue(chart, out var more)) found.AddRange(more);
        if (UsesBuiltIn && LoadBuiltIn(chart) is { } builtIn) found.Add(builtIn);
        return found;
    }

    public static ChartData? LoadBuiltIn(string chart) =>
        BuiltInCache.GetOrAdd(chart, name => new Lazy<ChartData?>(() =>
        {
            // A string literal of the binary: nothing is read or copied until a release is asked about.
            foreach (var (chart, data) in Data.BuiltInChartData.All)
                if (chart == name) return ChartDataText.Read(data, $"Charts/Data/{ChartDataSource.FileName(chart)}");
            return null;
        })).Value;

    /// <summary>One release of a chart, where the run found it.</summary>
    public sealed record Known(ChartData Data, int Index)
    {
        public ChartRelease Release => Data.Releases[Index];

        public ValueTree Tree => Data.Tree(Index);
    }

    /// <summary>Every release of a chart the run knows, newest first; a release of the run's own hides a built-in one of the same id.</summary>
    public IReadOnlyList<Known> Releases(string chart)
    {
        if (releases.TryGetValue(chart, out var known)) return known;
        lock (gate) return releases.GetOrAdd(chart, ListReleases);
    }

    private IReadOnlyList<Known> ListReleases(string chart)
    {
        var seen = new HashSet<SemanticVersion>();
        var all = new List<Known>();
        foreach (var data in Find(chart))
            for (var i = 0; i < data.Releases.Count; i++)
                if (seen.Add(data.Releases[i].Id)) all.Add(new Known(data, i));
        return all.OrderByDescending(k => k.Release.Id).ToList();
    }

    /// <summary>The known releases of a chart that read a path (one question per source of releases, not per release).</summary>
    public IReadOnlyList<ChartRelease> ReadersOf(string chart, IReadOnlyList<string> path)
    {
        var readers = Find(chart).ToDictionary(d => d, d => d.History.ReadBy(path));
        return Releases(chart).Where(k => readers[k.Data].Contains(k.Index)).Select(k => k.Release).ToList();
    }
}
