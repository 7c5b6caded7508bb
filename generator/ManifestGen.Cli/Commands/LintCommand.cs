using CommandLine;
using ManifestGen.Cli.Output;
using ManifestGen.Diagnostics;
using ManifestGen.Lint;

namespace ManifestGen.Cli.Commands;

[Verb("lint", HelpText = "Check every HelmRelease under FOLDER against the chart release it reaches (no spec needed): report each value the chart never reads.")]
public sealed class LintOptionsVerb : IChartOptions
{
    [Value(0, MetaName = "FOLDER", HelpText = "The folder to check (default: the repository root).")]
    public string? Folder { get; set; }

    [Option("root", HelpText = "Repository root. Default: the nearest folder above FOLDER holding .git, else FOLDER.")]
    public string? Root { get; set; }

    [Option("charts", HelpText = "A folder of chart archives (NAME-VERSION.tgz, as helm pull writes them) or unpacked chart folders, used before the built-in data.")]
    public string? Charts { get; set; }

    [Option("fetch-charts", HelpText = FetchOptionText.FetchCharts)]
    public bool FetchCharts { get; set; }

    [Option("offline", HelpText = FetchOptionText.Offline)]
    public bool Offline { get; set; }

    [Option("strict", HelpText = "Exit 1 when any value is not read by its chart or is refused by its values schema.")]
    public bool Strict { get; set; }

    [Option("verbose", HelpText = "Also list each HelmRelease whose chart the tool does not carry; by default the summary counts them.")]
    public bool Verbose { get; set; }

    [Option("output", Default = "text", HelpText = "text, or json: one machine-readable document with the diagnostics.")]
    public string Output { get; set; } = "text";

    public bool Json => string.Equals(Output, "json", StringComparison.Ordinal);
}

/// <summary><c>manifestgen lint</c>: exit 0 with warnings, 1 with --strict when any MG0009 or MG0016 is found, 2 on invalid input.</summary>
public static class LintCommand
{
    public static int Run(LintOptionsVerb options, TextWriter stdout, TextWriter stderr, CliEnvironment env)
    {
        var folder = options.Folder ?? ManifestGen.Workspace.RepositoryRoot.ForFolder(Directory.GetCurrentDirectory(), options.Root).FullPath;
        using var fetching = new ChartFetching(options, env, stderr);
        var result = RepositoryLinter.Run(new LintOptions(folder, options.Root, options.Charts, fetching.Attach));
        if (fetching.Enabled)
        {
            var bag = new DiagnosticBag();
            bag.AddRange(fetching.Complete(result.Diagnostics));
            result = result with { Diagnostics = bag.Sorted() };
        }
        var exit = result.Failed ? ExitCodes.InvalidInput : options.Strict && result.Strict ? ExitCodes.Differences : ExitCodes.Ok;
        var notCarried = result.Diagnostics.Count(d => d.Code == DiagnosticCodes.ChartNotCarried);
        var summary = $"lint: {result.HelmReleases} HelmRelease(s), {result.Checked} checked against their chart, {result.Findings} value(s) no chart release reads"
                      + (result.Refused > 0 ? $", {result.Refused} value(s) the chart's schema refuses" : "")
                      + (notCarried > 0 && !options.Verbose ? $", {notCarried} on a chart the tool does not carry (--verbose lists them; --charts DIR checks them)" : "");
        if (options.Json)
        {
            stdout.Write(JsonReport.Write("lint", exit, result.Diagnostics, [], json =>
            {
                json.WriteNumber("helmReleases", result.HelmReleases);
                json.WriteNumber("checked", result.Checked);
                json.WriteNumber("findings", result.Findings);
                json.WriteNumber("refused", result.Refused);
            }));
            return exit;
        }
        // A repository of a hundred charts would bury its findings under a note a HelmRelease: the summary counts them.
        var shown = options.Verbose ? result.Diagnostics : result.Diagnostics.Where(d => d.Code != DiagnosticCodes.ChartNotCarried).ToList();
        DiagnosticPrinter.Print(shown, stderr, stdout, env);
        if (env.GitHubActions && env.StepSummaryPath is { } path)
            File.AppendAllText(path, GitHubActions.LintSummary(summary,
                result.Diagnostics.Where(d => d.Code == DiagnosticCodes.UnreadValue || d.Code == DiagnosticCodes.SchemaRefusedKey).ToList()));
        stdout.WriteLine(summary);
        return exit;
    }
}
