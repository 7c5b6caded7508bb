using System.Collections.Concurrent;
using ManifestGen.Diagnostics;

namespace ManifestGen.Charts;

/// <summary>
/// The charts a run knows: the value data built into the tool (generated from real chart archives by
/// <c>manifestgen chart-data</c>, read only for the charts a run meets) and, before it, the charts given with
/// <c>--charts DIR</c> (archives as <c>helm pull</c> writes them, or unpacked chart folders), and with
/// <c>--fetch-charts</c> the releases fetched from the repository's sources during the run.
/// </summary>
public sealed class ChartCatalog
{
    private static readonly ConcurrentDictionary<string, Lazy<ChartValues?>> BuiltInCache = new(StringComparer.Ordinal);

    private readonly Dictionary<string, ChartValues> extra;

    // Releases fetched during the run (--fetch-charts), one ChartValues each: added while a fleet's clusters read.
    private readonly ConcurrentDictionary<string, IReadOnlyList<ChartValues>> fetched = new(StringComparer.Ordinal);
    private readonly object gate = new();

    private ChartCatalog(Dictionary<string, ChartValues> extra, bool builtIn)
    {
        this.extra = extra;
        UsesBuiltIn = builtIn;
    }

    /// <summary>Fetches charts the run does not know from their sources (<c>--fetch-charts</c>), or null.</summary>
    public IChartFetcher? Fetcher { get; private set; }

    /// <summary>The same charts, and a fetcher made for this catalog (it adds what it fetches with <see cref="AddFetched"/>).</summary>
    public ChartCatalog WithFetcher(Func<ChartCatalog, IChartFetcher> fetcher)
    {
        var copy = new ChartCatalog(extra, UsesBuiltIn);
        copy.Fetcher = fetcher(copy);
        return copy;
    }

    /// <summary>Adds a release fetched during the run; a release of the same id already known stays first.</summary>
    public void AddFetched(string chart, ChartRelease release, ValueNode tree)
    {
        var values = new ChartValues(chart);
        values.Add(release, tree);
        lock (gate)
        {
            fetched[chart] = [.. fetched.GetValueOrDefault(chart) ?? [], values];
            releases.TryRemove(chart, out _);
        }
    }

    /// <summary>The built-in data only.</summary>
    public static ChartCatalog BuiltIn { get; } = new(new Dictionary<string, ChartValues>(StringComparer.Ordinal), builtIn: true);

    /// <summary>Whether the built-in data is consulted (tests switch it off to see only what they give).</summary>
    public bool UsesBuiltIn { get; }

    /// <summary>The names of the charts built in.</summary>
    public static IReadOnlyList<string> BuiltInCharts => Data.BuiltInChartData.All.Select(c => c.Chart).ToList();

    /// <summary>The built-in data plus the charts under <paramref name="folder"/> (<c>--charts</c>), which come first.</summary>
    public static ChartCatalog WithCharts(string? folder, bool builtIn = true)
    {
        var extra = new Dictionary<string, ChartValues>(StringComparer.Ordinal);
        if (folder is not null)
        {
            if (!Directory.Exists(folder))
                throw new InvalidInputException(Diagnostic.Error(DiagnosticCodes.ChartUnreadable, folder, null, "--charts: no such folder"));
            var root = Path.GetFullPath(folder);
            foreach (var path in ChartDataBuilder.FindCharts(root))
            {
                var chart = ChartDataBuilder.BuildOne(path, Path.Combine(folder, Path.GetRelativePath(root, path)).Replace('\\', '/'));
                if (!extra.TryGetValue(chart.Info.Name, out var values)) extra[chart.Info.Name] = values = new ChartValues(chart.Info.Name);
                if (values.IndexOf(chart.Release.Id) >= 0)
                    throw ChartFiles.Refused(chart.Release.Source, $"{chart.Info.Name} {chart.Release.Id} is given twice under --charts");
                values.Add(chart.Release, chart.Tree);
            }
        }
        return extra.Count == 0 && builtIn ? BuiltIn : new ChartCatalog(extra, builtIn);
    }

    /// <summary>Every source of releases of a chart, the ones given with --charts first; empty when the chart is unknown.</summary>
    public IReadOnlyList<ChartValues> Find(string chart)
    {
        var found = new List<ChartValues>();
        if (extra.TryGetValue(chart, out var given)) found.Add(given);
        if (fetched.TryGetValue(chart, out var more)) found.AddRange(more);
        if (UsesBuiltIn && LoadBuiltIn(chart) is { } builtIn) found.Add(builtIn);
        return found;
    }

    public static ChartValues? LoadBuiltIn(string chart) =>
        BuiltInCache.GetOrAdd(chart, name => new Lazy<ChartValues?>(() =>
        {
            // A string literal of the binary: nothing is read or copied until a release is asked about.
            foreach (var (chart, data) in Data.BuiltInChartData.All)
                if (chart == name) return ChartValues.Read(data, $"Charts/Data/{ChartDataSource.FileName(chart)}");
            return null;
        })).Value;

    /// <summary>One release of a chart, where the run found it.</summary>
    public sealed record Known(ChartValues Values, int Index)
    {
        public ChartRelease Release => Values.Releases[Index];
    }

    private readonly ConcurrentDictionary<string, IReadOnlyList<Known>> releases = new(StringComparer.Ordinal);

    /// <summary>Every release of a chart the run knows, newest first; a --charts release hides a built-in one of the same id.</summary>
    public IReadOnlyList<Known> Releases(string chart)
    {
        if (releases.TryGetValue(chart, out var known)) return known;
        // Under the lock: a list made while a fetched release is added must not be kept after it.
        lock (gate) return releases.GetOrAdd(chart, ListReleases);
    }

    private IReadOnlyList<Known> ListReleases(string chart)
    {
        var seen = new HashSet<SemanticVersion>();
        var all = new List<Known>();
        foreach (var values in Find(chart))
            for (var i = 0; i < values.Releases.Count; i++)
                if (seen.Add(values.Releases[i].Id)) all.Add(new Known(values, i));
        return all.OrderByDescending(k => k.Release.Id).ToList();
    }

    /// <summary>The known releases of a chart that read a path (one question per source of releases, not per release).</summary>
    public IReadOnlyList<ChartRelease> ReadersOf(string chart, IReadOnlyList<string> path)
    {
        var readers = Find(chart).ToDictionary(v => v, v => v.ReadBy(path));
        return Releases(chart).Where(k => readers[k.Values].Contains(k.Index)).Select(k => k.Release).ToList();
    }
}
