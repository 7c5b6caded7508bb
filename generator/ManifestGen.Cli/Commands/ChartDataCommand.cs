using CommandLine;
using ManifestGen.Charts;
using ManifestGen.Diagnostics;

namespace ManifestGen.Cli.Commands;

[Verb("chart-data", HelpText = "Build the value data of the charts under FOLDER (archives and chart folders), as the tool carries it built in.")]
public sealed class ChartDataOptionsVerb
{
    [Value(0, MetaName = "FOLDER", Required = true, HelpText = "A folder of chart archives (NAME-VERSION.tgz) and unpacked chart folders.")]
    public string Folder { get; set; } = "";

    [Option("output", HelpText = "Write one CHART.g.cs per chart (and their index) into this folder (the built-in data lives in generator/ManifestGen.Core/Charts/Data). Without it, print a summary.")]
    public string? Output { get; set; }
}

/// <summary><c>manifestgen chart-data</c>: how the built-in chart data is made (see docs/architecture.md).</summary>
public static class ChartDataCommand
{
    public static int Run(ChartDataOptionsVerb options, TextWriter stdout, TextWriter stderr, CliEnvironment env)
    {
        if (!Directory.Exists(options.Folder))
        {
            stderr.WriteLine($"manifestgen: error {DiagnosticCodes.TargetMissing}: {options.Folder}: no such folder");
            return ExitCodes.InvalidInput;
        }
        IReadOnlyList<ChartValues> charts;
        try
        {
            charts = ChartDataBuilder.Build(options.Folder);
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
}
