namespace ManifestGen.Charts;

/// <summary>
/// Builds the value data of every chart found under some folders: chart archives (<c>*.tgz</c>) and unpacked chart
/// folders (a folder holding <c>Chart.yaml</c>), grouped by chart name, releases in version order. The built-in data
/// is this run over <c>../shared/charts/</c> (<c>manifestgen chart-data</c>); <c>--charts DIR</c> is this run over
/// the user's folder.
/// </summary>
public static class ChartDataBuilder
{
    /// <summary>Every chart archive and chart folder under <paramref name="folder"/>, in a stable order.</summary>
    public static IReadOnlyList<string> FindCharts(string folder)
    {
        var found = new List<string>();
        void Walk(string dir)
        {
            if (File.Exists(Path.Combine(dir, "Chart.yaml")))
            {
                found.Add(dir);
                return;
            }
            foreach (var file in Directory.EnumerateFiles(dir, "*.tgz").Order(StringComparer.Ordinal)) found.Add(file);
            foreach (var sub in Directory.EnumerateDirectories(dir).Order(StringComparer.Ordinal))
                if ((new DirectoryInfo(sub).Attributes & FileAttributes.ReparsePoint) == 0 && !Path.GetFileName(sub).StartsWith('.')) Walk(sub);
        }
        Walk(Path.GetFullPath(folder));
        return found;
    }

    /// <summary>One chart read and built, with the release id it is known by.</summary>
    public sealed record BuiltChart(ChartInfo Info, ChartRelease Release, ValueNode Tree);

    /// <param name="path">An archive or a chart folder.</param>
    /// <param name="source">How the data names where it came from (a path relative to the folder given).</param>
    public static BuiltChart BuildOne(string path, string source)
    {
        var files = ChartFiles.Read(path, source);
        var (info, tree) = ValueTreeBuilder.Build(files);
        return new BuiltChart(info, new ChartRelease(ReleaseId(path, info), info.Version, info.AppVersion, source), tree);
    }

    /// <summary>
    /// The chart version, except for a folder named after a release its chart version does not tell (QNAP's chart is
    /// <c>version: 2.0.0</c> in <c>trident-1.1.0</c> to <c>trident-1.6.1</c>): then the release in the folder's name.
    /// </summary>
    private static SemanticVersion ReleaseId(string path, ChartInfo info)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(path));
        if (!Directory.Exists(path)) return info.Version;
        var dash = name.LastIndexOf('-');
        return dash > 0 && SemanticVersion.TryParse(name[(dash + 1)..]) is { IsPrerelease: false } named && !named.Equals(info.Version) ? named : info.Version;
    }

    /// <summary>The charts under <paramref name="folder"/>, one <see cref="ChartValues"/> per chart name.</summary>
    public static IReadOnlyList<ChartValues> Build(string folder)
    {
        var root = Path.GetFullPath(folder);
        var built = FindCharts(root).Select(p => BuildOne(p, Path.GetRelativePath(root, p).Replace('\\', '/'))).ToList();
        var result = new List<ChartValues>();
        foreach (var group in built.GroupBy(b => b.Info.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var values = new ChartValues(group.Key);
            foreach (var chart in group.OrderBy(b => b.Release.Id))
            {
                if (values.IndexOf(chart.Release.Id) >= 0)
                    throw ChartFiles.Refused(chart.Release.Source, $"{group.Key} {chart.Release.Id} is there twice");
                values.Add(chart.Release, chart.Tree);
            }
            result.Add(values);
        }
        return result;
    }
}
