using CommandLine;
using ManifestGen.Cli.Output;
using ManifestGen.Diagnostics;
using ManifestGen.Lint;
using ManifestGen.Repository;

namespace ManifestGen.Cli.Commands;

[Verb("lint", HelpText = "Check every HelmRelease under FOLDER against the chart release it reaches (no spec needed): report each value the chart never reads.")]
public sealed class LintOptionsVerb : IChartOptions
{
    [Value(0, MetaName = "FOLDER", HelpText = "The folder to check (default: the repository root).")]
    public string? Folder { get => folder; set => folder = CommonOptions.Full(value); }

    // Made absolute as they are parsed: Core never reads the working folder.
    private string? folder, root, charts;

    [Option("root", HelpText = "Repository root. Default: the nearest folder above FOLDER holding .git, else FOLDER.")]
    public string? Root { get => root; set => root = CommonOptions.Full(value); }

    [Option("charts", HelpText = "A folder of chart archives (NAME-VERSION.tgz, as helm pull writes them) or unpacked chart folders, used before the built-in data.")]
    public string? Charts { get => charts; set => charts = CommonOptions.Full(value); }

    [Option("fetch-charts", HelpText = FetchOptionText.FetchCharts)]
    public bool FetchCharts { get; set; }

    [Option("offline", HelpText = FetchOptionText.Offline)]
    public bool Offline { get; set; }

    [Option("strict", HelpText = "Exit 1 when any value is not read by its chart or is refused by its values schema.")]
    public bool Strict { get; set; }

    [Option("new-from-rev", MetaValue = "REV", HelpText = "Report only the findings that the same lint of the repository at git revision REV (a commit, branch or tag) does not have; with --strict, fail only on those. The working tree is not touched.")]
    public string? NewFromRev { get; set; }

    [Option("verbose", HelpText = "Also list each HelmRelease whose chart the tool does not carry; by default the summary counts them.")]
    public bool Verbose { get; set; }

    [Option("output", Default = "text", HelpText = "text, or json: one machine-readable document with the diagnostics.")]
    public string Output { get; set; } = "text";

    public bool Json => string.Equals(Output, "json", StringComparison.Ordinal);
}

/// <summary>
/// <c>manifestgen lint</c>: exit 0 with warnings, 1 with --strict when any MG0009 or MG0016 is found (with
/// --new-from-rev, any new one), 2 on invalid input or a revision git cannot read.
/// </summary>
public static class LintCommand
{
    public static int Run(LintOptionsVerb options, TextWriter stdout, TextWriter stderr, CliEnvironment env)
    {
        var folder = options.Folder ?? ManifestGen.Workspace.RepositoryRoot.ForFolder(Directory.GetCurrentDirectory(), options.Root).FullPath;
        using var fetching = new ChartFetching(options, env, stderr);
        var compare = options.NewFromRev is not null;
        LintResult? before = null;
        string? since = null;
        if (options.NewFromRev is { } revision)
        {
            // The same lint of the repository at that revision, read from git into a temporary folder: its findings are the old ones.
            var root = ManifestGen.Workspace.RepositoryRoot.ForFolder(Path.GetFullPath(folder), options.Root);
            try
            {
                using var old = GitRevision.Read(root, revision);
                var oldFolder = Path.Combine(old.Folder, root.Relative(Path.GetFullPath(folder)));
                before = Directory.Exists(oldFolder)
                    ? RepositoryLinter.Run(new LintOptions(oldFolder, old.Folder, options.Charts, fetching.Attach, Identify: true))
                    : null; // the folder is new: every finding is
                since = $"{revision} ({old.Commit[..Math.Min(12, old.Commit.Length)]})";
            }
            catch (InvalidInputException e)
            {
                return Report(options, ExitCodes.InvalidInput, e.Diagnostics, null, stdout, env);
            }
        }
        var result = RepositoryLinter.Run(new LintOptions(folder, options.Root, options.Charts, fetching.Attach, Identify: compare));
        if (fetching.Enabled)
        {
            var bag = new DiagnosticBag();
            bag.AddRange(fetching.Complete(result.Diagnostics));
            result = result with { Diagnostics = bag.Sorted() };
        }
        var all = result;
        if (compare) result = result.NewSince(before ?? result with { Diagnostics = [] });
        var exit = result.Failed ? ExitCodes.InvalidInput : options.Strict && result.Strict ? ExitCodes.Differences : ExitCodes.Ok;
        var notCarried = all.Diagnostics.Count(d => d.Code == DiagnosticCodes.ChartNotCarried);
        var applied = result.Documents is { } documents ? $" as Flux Kustomizations apply them ({documents} document(s); one applied by several counts once for each)" : "";
        var summary = $"lint: {result.HelmReleases} HelmRelease(s){applied}, {result.Checked} checked against their chart, "
                      + (since is null ? $"{result.Findings} value(s) no chart release reads" : $"{result.Findings} new value(s) no chart release reads since {since}, of {all.Findings} in all")
                      + (result.Refused > 0 ? $", {result.Refused} {(since is null ? "" : "new ")}value(s) the chart's schema refuses" : "")
                      + (notCarried > 0 && !options.Verbose ? $", {notCarried} on a chart the tool does not carry (--verbose lists them; --charts DIR checks them)" : "");
        return Report(options, exit, result.Diagnostics, (result, all, summary, since), stdout, env);
    }

    /// <summary>
    /// The report: the findings on stdout, one a line, then the summary line (a linter's findings are its output, so
    /// <c>lint | grep MG0009</c> finds them); or one JSON document. Under GitHub Actions, annotations and a step summary.
    /// </summary>
    private static int Report(LintOptionsVerb options, int exit, IReadOnlyList<Diagnostic> diagnostics,
        (LintResult Result, LintResult All, string Summary, string? Since)? run, TextWriter stdout, CliEnvironment env)
    {
        if (options.Json)
        {
            stdout.Write(JsonReport.Write("lint", exit, diagnostics, [], json =>
            {
                if (run is not { } r) return;
                json.WriteNumber("helmReleases", r.Result.HelmReleases);
                json.WriteNumber("checked", r.Result.Checked);
                json.WriteNumber("findings", r.Result.Findings);
                json.WriteNumber("refused", r.Result.Refused);
                if (r.Since is null) return;
                json.WriteString("newFromRev", r.Since);
                json.WriteNumber("findingsInAll", r.All.Findings);
                json.WriteNumber("refusedInAll", r.All.Refused);
            }));
            return exit;
        }
        // A repository of a hundred charts would bury its findings under a note a HelmRelease: the summary counts them.
        var shown = options.Verbose ? diagnostics : diagnostics.Where(d => d.Code != DiagnosticCodes.ChartNotCarried).ToList();
        DiagnosticPrinter.Print(shown, stdout, stdout, env);
        if (run is not { } done) return exit;
        if (env.GitHubActions && env.StepSummaryPath is { } path)
            File.AppendAllText(path, GitHubActions.LintSummary(done.Summary,
                diagnostics.Where(d => d.Code == DiagnosticCodes.UnreadValue || d.Code == DiagnosticCodes.SchemaRefusedKey).ToList()));
        stdout.WriteLine(done.Summary);
        return exit;
    }
}
