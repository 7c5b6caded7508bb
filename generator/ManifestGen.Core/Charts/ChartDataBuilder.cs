using ManifestGen.Charts.Analysis;

namespace ManifestGen.Charts;

/// <summary>
/// Names a chart release by something other than its chart version: a component whose chart keeps one version across
/// releases names them (QNAP's chart is <c>version: 2.0.0</c> in every plugin release). Null: the chart version.
/// </summary>
public delegate SemanticVersion? ReleaseNaming(string path, ChartMetadata metadata);

/// <summary>
/// Builds the value data of every chart found under some folders: chart archives (<c>*.tgz</c>) and unpacked chart
/// folders (a folder holding <c>Chart.yaml</c>), each analysed once (<see cref="ChartAnalyzer"/>), grouped by chart
/// name, releases in version order. The built-in data is this run over <c>../shared/charts/cilium</c> and
/// <c>../shared/charts/trident</c> (<c>manifestgen chart-data</c>); <c>--charts DIR</c> is this run over the user's folder.
/// </summary>
public static class ChartDataBuilder
{
    /// <summary>Every chart archive and chart folder under <paramref name="folder"/>, in a stable order (a chart's own
    /// dependencies, under its <c>charts/</c>, are part of it). The folder is the user's own: a link in it to a chart
    /// elsewhere (<c>charts/cilium-1.18.4 -> ../vendor/cilium</c>) is followed, each folder once. Inside a chart, links
    /// are not followed (<see cref="ChartFiles"/>): its files are its own.</summary>
    public static IReadOnlyList<string> FindCharts(string folder)
    {
        var found = new List<string>();
        var walked = new HashSet<string>(StringComparer.Ordinal);
        void Walk(string dir)
        {
            var real = new DirectoryInfo(dir).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(dir);
            if (!walked.Add(real)) return;
            if (File.Exists(Path.Combine(dir, "Chart.yaml")))
            {
                found.Add(dir);
                return;
            }
            foreach (var file in Directory.EnumerateFiles(dir, "*.tgz").Order(StringComparer.Ordinal)) found.Add(file);
            foreach (var sub in Directory.EnumerateDirectories(dir).Order(StringComparer.Ordinal))
                if (!Path.GetFileName(sub).StartsWith('.')) Walk(sub);
        }
        Walk(Path.GetFullPath(folder));
        return found;
    }

    /// <summary>One chart read and analysed, with the release id it is known by.</summary>
    public sealed record BuiltChart(ChartMetadata Metadata, ChartRelease Release, ValueTree Tree);

    /// <param name="path">An archive or a chart folder.</param>
    /// <param name="source">How the data names where it came from (a path relative to the folder given).</param>
    public static BuiltChart BuildOne(string path, string source, ReleaseNaming? naming = null)
    {
        var files = ChartFiles.Read(path, source);
        var (metadata, tree) = ChartAnalyzer.Analyze(files);
        var id = naming?.Invoke(path, metadata) ?? metadata.Version;
        return new BuiltChart(metadata, new ChartRelease(id, metadata.Version, metadata.AppVersion, source), tree);
    }

    /// <summary>The charts under <paramref name="folder"/>, one <see cref="ChartData"/> per chart name.</summary>
    /// <param name="display">How sources are named: the folder as given, or (null) paths relative to it.</param>
    public static IReadOnlyList<ChartData> Build(string folder, ReleaseNaming? naming = null, string? display = null)
    {
        var root = Path.GetFullPath(folder);
        return Build(FindCharts(root).Select(p => BuildOne(p,
            display is null ? Path.GetRelativePath(root, p).Replace('\\', '/') : Path.Combine(display, Path.GetRelativePath(root, p)).Replace('\\', '/'), naming)));
    }

    /// <summary>The charts under several folders, their sources named relative to <paramref name="relativeTo"/>.</summary>
    public static IReadOnlyList<ChartData> Build(IReadOnlyList<string> folders, string relativeTo, ReleaseNaming? naming = null) =>
        Build(folders.SelectMany(f => FindCharts(f)).Select(p => BuildOne(p, Path.GetRelativePath(relativeTo, p).Replace('\\', '/'), naming)));

    private static IReadOnlyList<ChartData> Build(IEnumerable<BuiltChart> charts)
    {
        var built = charts.ToList();
        var result = new List<ChartData>();
        foreach (var group in built.GroupBy(b => b.Metadata.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var twice = group.GroupBy(b => b.Release.Id).FirstOrDefault(g => g.Count() > 1);
            if (twice is not null)
                throw ChartFiles.Refused(twice.Last().Release.Source, $"{group.Key} {twice.Key} is there twice");
            result.Add(ChartData.Of(group.Key, group.Select(b => (b.Release, b.Tree))));
        }
        return result;
    }
}
