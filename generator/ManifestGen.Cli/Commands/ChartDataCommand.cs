using CommandLine;
using ManifestGen.Charts;
using ManifestGen.Composition;
using ManifestGen.Diagnostics;

namespace ManifestGen.Cli.Commands;

[Verb("chart-data", HelpText = "Build the value data of the charts under FOLDER... (archives and chart folders), as the tool carries it built in.")]
public sealed class ChartDataOptionsVerb
{
    [Value(0, MetaName = "FOLDER", Min = 1, Required = true, HelpText = "Folders of chart archives (NAME-VERSION.tgz) and unpacked chart folders (the built-in data: ../shared/charts/cilium ../shared/charts/trident).")]
    public IEnumerable<string> Folders { get; set; } = [];

    [Option("output", HelpText = "Write one CHART.g.cs per chart (and their index) into this folder (the built-in data lives in generator/ManifestGen.Core/Charts/Data). Without it, print a summary.")]
    public string? Output { get; set; }
}

/// <summary><c>manifestgen chart-data</c>: how the built-in chart data is made (see docs/architecture.md).</summary>
public static class ChartDataCommand
{
    public static int Run(ChartDataOptionsVerb options, TextWriter stdout, TextWriter stderr, CliEnvironment env)
    {
        var folders = options.Folders.ToList();
        if (folders.FirstOrDefault(f => !Directory.Exists(f)) is { } missing)
            return DiagnosticPrinter.Refuse(Diagnostic.Unplaced(DiagnosticCodes.TargetMissing, missing, "no such folder"), stdout, stderr, env);
        IReadOnlyList<ChartData> charts;
        try
        {
            // Sources are named from the folders' common parent (cilium/cilium-1.17.4.tgz), as the data records them.
            var parent = folders.Count == 1 ? Path.GetFullPath(folders[0]) : CommonParent(folders.Select(Path.GetFullPath).ToList());
            charts = ChartDataBuilder.Build(folders.Select(Path.GetFullPath).ToList(), parent, ComponentList.ReleaseOfChart);
        }
        catch (InvalidInputException e)
        {
            DiagnosticPrinter.Print(e.Diagnostics, stderr, stdout, env);
            return ExitCodes.InvalidInput;
        }
        if (options.Output is { } output)
        {
            // The folder holds exactly the generated files: a chart that is gone loses its file.
            Directory.CreateDirectory(output);
            foreach (var stale in Directory.EnumerateFiles(output, "*.g.cs")) File.Delete(stale);
        }
        foreach (var chart in charts)
        {
            var file = ChartDataSource.ChartFile(chart);
            var lines = file.Count(c => c == '\n');
            if (options.Output is { } folder)
            {
                var path = Path.Combine(folder, ChartDataSource.FileName(chart.Chart));
                File.WriteAllText(path, file);
                stdout.WriteLine($"wrote {path}: {chart.Releases.Count} release(s), {lines} lines");
            }
            else stdout.WriteLine($"{chart.Chart}: {chart.Releases.Count} release(s), {lines} lines, {file.Length} bytes");
        }
        if (options.Output is { } index)
            File.WriteAllText(Path.Combine(index, ChartDataSource.IndexFileName), ChartDataSource.IndexFile(charts.Select(c => c.Chart)));
        return ExitCodes.Ok;
    }

    private static string CommonParent(List<string> folders)
    {
        var parts = folders.Select(f => f.TrimEnd('/').Split('/')).ToList();
        var common = parts[0].TakeWhile((p, i) => parts.All(x => x.Length > i && x[i] == p)).ToList();
        return string.Join('/', common);
    }
}
