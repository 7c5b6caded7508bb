using ManifestGen.Diagnostics;
using ManifestGen.Yaml;

namespace ManifestGen.Charts.Analysis;

/// <summary>One <c>import-values</c> entry: the contents of <see cref="Child"/> (a path in the dependency's values)
/// go to <see cref="Parent"/> (a path in the parent's values; empty for its root). The string form <c>name</c> is
/// <c>exports.name</c> to the root.</summary>
public sealed record ImportValue(string Child, string Parent);

/// <summary>An entry of Chart.yaml's <c>dependencies</c>.</summary>
public sealed record ChartDependency(string Name, string? Alias, string? Version, string? Condition, IReadOnlyList<string> Tags,
    IReadOnlyList<ImportValue> Imports)
{
    /// <summary>The key of its values in the parent's: the alias, else the name.</summary>
    public string Key => Alias ?? Name;
}

/// <summary>A chart's <c>Chart.yaml</c>: its identity, its type and its dependencies (null when it lists none).</summary>
public sealed record ChartMetadata(string Name, SemanticVersion Version, string? AppVersion, bool IsLibrary, IReadOnlyList<ChartDependency>? Dependencies);

/// <summary>
/// A chart as Helm's loader loads it (<c>pkg/chart/loader</c>): its metadata, its own files, and the charts under its
/// <c>charts/</c> folder (a folder with a Chart.yaml or a <c>.tgz</c> directly in <c>charts/</c>, a name starting
/// with <c>_</c> or <c>.</c> skipped), each loaded the same way, to any depth. A dependency's archive counts toward
/// the limits of the whole tree (<see cref="ReadBudget"/>); nesting deeper than <see cref="MaxNesting"/> is a located
/// error, so no archive that holds itself can make a load go on forever.
/// </summary>
public sealed class LoadedChart
{
    public const int MaxNesting = 10;

    private LoadedChart(string source, ChartMetadata metadata, ChartFiles files, IReadOnlyList<LoadedChart> subcharts)
    {
        Source = source;
        Metadata = metadata;
        Files = files;
        Subcharts = subcharts;
    }

    /// <summary>Where it came from, for messages (<c>app-template-3.2.1.tgz: charts/common</c>).</summary>
    public string Source { get; }

    public ChartMetadata Metadata { get; }

    /// <summary>Its files (those of its dependencies under <c>charts/</c> included; <see cref="OwnFiles"/> leaves them out).</summary>
    public ChartFiles Files { get; }

    /// <summary>The charts its <c>charts/</c> folder holds, as loaded (aliases and conditions are Chart.yaml's, applied by the analysis).</summary>
    public IReadOnlyList<LoadedChart> Subcharts { get; }

    /// <summary>Its own files: those outside <c>charts/</c>.</summary>
    public IEnumerable<KeyValuePair<string, byte[]>> OwnFiles => Files.Files.Where(f => !f.Key.StartsWith("charts/", StringComparison.Ordinal));

    /// <summary>This chart and every chart below it.</summary>
    public IEnumerable<LoadedChart> All()
    {
        yield return this;
        foreach (var sub in Subcharts)
            foreach (var chart in sub.All()) yield return chart;
    }

    public static LoadedChart Load(ChartFiles files) => Load(files, 0);

    private static LoadedChart Load(ChartFiles files, int depth)
    {
        if (depth > MaxNesting)
            throw ChartFiles.Refused(files.Source, $"dependencies nest deeper than {MaxNesting} charts (charts/ inside charts/)");
        var metadata = ReadMetadata(files);
        var subcharts = new List<LoadedChart>();
        foreach (var group in files.Files.Keys.Where(k => k.StartsWith("charts/", StringComparison.Ordinal))
                     .Select(k => k["charts/".Length..].Split('/')[0]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (group.Length == 0 || group.StartsWith('_') || group.StartsWith('.')) continue;
            var display = $"{files.Source}: charts/{group}";
            if (group.EndsWith(".tgz", StringComparison.Ordinal) && files.Files.TryGetValue("charts/" + group, out var archive))
                subcharts.Add(Load(ChartFiles.ReadArchive(archive, display, files.Budget), depth + 1));
            else if (files.Files.ContainsKey($"charts/{group}/Chart.yaml"))
                subcharts.Add(Load(files.Below("charts/" + group, display), depth + 1));
            // Anything else under charts/ (a README, a folder without Chart.yaml) is no chart: Helm refuses such a
            // package, and it holds no values to check.
        }
        return new LoadedChart(files.Source, metadata, files, subcharts);
    }

    private static ChartMetadata ReadMetadata(ChartFiles chart)
    {
        var text = chart.Text("Chart.yaml") ?? throw ChartFiles.Refused(chart.Source, "no Chart.yaml");
        YamlValue data;
        try
        {
            data = YamlValue.FromNode(YamlFile.Parse(text).Documents.FirstOrDefault()?.Root);
        }
        catch (YamlEditException e)
        {
            throw new InvalidInputException(Diagnostic.Of(DiagnosticCodes.ChartUnreadable, chart.Source, e.Position, $"chart refused: Chart.yaml: {e.Message}"));
        }
        var name = YamlValue.TextOf(YamlValue.At(data, "name"));
        var version = SemanticVersion.TryParse(YamlValue.TextOf(YamlValue.At(data, "version")));
        if (name is null || version is null)
            throw ChartFiles.Refused(chart.Source, "Chart.yaml has no name or no semver version");
        List<ChartDependency>? dependencies = null;
        if (YamlValue.At(data, "dependencies") is YamlSeq list)
        {
            dependencies = [];
            foreach (var item in list.Items.OfType<YamlMap>())
            {
                if (YamlValue.TextOf(item.Get("name")) is not { Length: > 0 } depName) continue;
                var tags = item.Get("tags") is YamlSeq t ? t.Items.Select(YamlValue.TextOf).OfType<string>().ToList() : [];
                var imports = new List<ImportValue>();
                if (item.Get("import-values") is YamlSeq importList)
                    foreach (var import in importList.Items)
                    {
                        if (YamlValue.TextOf(import) is { } exported) imports.Add(new ImportValue("exports." + exported, ""));
                        else if (import is YamlMap pair && YamlValue.TextOf(pair.Get("child")) is { } child && YamlValue.TextOf(pair.Get("parent")) is { } parent)
                            imports.Add(new ImportValue(child, parent == "." ? "" : parent));
                    }
                dependencies.Add(new ChartDependency(depName, YamlValue.TextOf(item.Get("alias")) is { Length: > 0 } alias ? alias : null,
                    YamlValue.TextOf(item.Get("version")), YamlValue.TextOf(item.Get("condition")), tags, imports));
            }
        }
        return new ChartMetadata(name, version, YamlValue.TextOf(YamlValue.At(data, "appVersion")),
            YamlValue.TextOf(YamlValue.At(data, "type")) == "library", dependencies);
    }
}
