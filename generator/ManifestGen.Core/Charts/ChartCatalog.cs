using System.Collections.Concurrent;
using System.Reflection;
using ManifestGen.Diagnostics;

namespace ManifestGen.Charts;

/// <summary>
/// The charts a run knows: the value data built into the tool (generated from real chart archives by
/// <c>manifestgen chart-data</c>, read only for the charts a run meets) and, before it, the charts given with
/// <c>--charts DIR</c> (archives as <c>helm pull</c> writes them, or unpacked chart folders).
/// </summary>
public sealed class ChartCatalog
{
    private static readonly Assembly Assembly = typeof(ChartCatalog).Assembly;
    private const string ResourcePrefix = "charts/";
    private static readonly ConcurrentDictionary<string, Lazy<ChartValues?>> BuiltInCache = new(StringComparer.Ordinal);

    private readonly Dictionary<string, ChartValues> extra;

    private ChartCatalog(Dictionary<string, ChartValues> extra, bool builtIn)
    {
        this.extra = extra;
        UsesBuiltIn = builtIn;
    }

    /// <summary>The built-in data only.</summary>
    public static ChartCatalog BuiltIn { get; } = new(new Dictionary<string, ChartValues>(StringComparer.Ordinal), builtIn: true);

    /// <summary>Whether the built-in data is consulted (tests switch it off to see only what they give).</summary>
    public bool UsesBuiltIn { get; }

    /// <summary>The names of the charts built in.</summary>
    public static IReadOnlyList<string> BuiltInCharts { get; } = Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".tsv", StringComparison.Ordinal))
        .Select(n => n[ResourcePrefix.Length..^".tsv".Length]).Order(StringComparer.Ordinal).ToList();

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
        if (UsesBuiltIn && LoadBuiltIn(chart) is { } builtIn) found.Add(builtIn);
        return found;
    }

    public static ChartValues? LoadBuiltIn(string chart) =>
        BuiltInCache.GetOrAdd(chart, name => new Lazy<ChartValues?>(() =>
        {
            using var stream = Assembly.GetManifestResourceStream(ResourcePrefix + name + ".tsv");
            if (stream is null) return null;
            using var reader = new StreamReader(stream);
            return ChartValues.Read(reader.ReadToEnd(), ResourcePrefix + name + ".tsv");
        })).Value;

    /// <summary>One release of a chart, where the run found it.</summary>
    public sealed record Known(ChartValues Values, int Index)
    {
        public ChartRelease Release => Values.Releases[Index];
    }

    /// <summary>Every release of a chart the run knows, newest first; a --charts release hides a built-in one of the same id.</summary>
    public IReadOnlyList<Known> Releases(string chart)
    {
        var seen = new HashSet<SemanticVersion>();
        var all = new List<Known>();
        foreach (var values in Find(chart))
            for (var i = 0; i < values.Releases.Count; i++)
                if (seen.Add(values.Releases[i].Id)) all.Add(new Known(values, i));
        return all.OrderByDescending(k => k.Release.Id).ToList();
    }
}
