using ManifestGen.Cli.Output;
using ManifestGen.Output;

namespace ManifestGen.Cli.Commands;

/// <summary>
/// <c>manifestgen check</c>: the CI gate. Writes nothing; exit 1 with a unified diff per stale file.
/// Under GitHub Actions it also annotates the first changed line of each file and appends a job summary.
/// </summary>
public static class CheckCommand
{
    public static int Run(CheckOptionsVerb options, TextWriter stdout, TextWriter stderr, CliEnvironment env)
    {
        var outcome = SpecRuns.Run(options, env, stderr);
        var result = outcome.Result;
        var files = result.Changes.Select(c => (Change: c, Diff: UnifiedDiff.Of(c))).ToList();
        // The lints of the files the spec touches (MG0009 among them) reach the pull request as validate reports them.
        var diagnostics = result.Diagnostics.Concat(result.Lints).ToList();
        var exit = DiagnosticPrinter.HasErrors(diagnostics) ? ExitCodes.InvalidInput
            : files.Count > 0 ? ExitCodes.Differences : ExitCodes.Ok;
        if (options.Json)
        {
            stdout.Write(JsonReport.Write("check", exit, diagnostics, files, json => FleetReport.Json(json, outcome, Status, "out of date")));
            return exit;
        }
        DiagnosticPrinter.Print(diagnostics, stderr, stdout, env);
        if (exit == ExitCodes.InvalidInput)
        {
            FleetReport.Print(outcome, stdout, Status, "out of date");
            return exit;
        }
        if (files.Count == 0)
        {
            stdout.WriteLine("up to date: committed output matches the spec");
            FleetReport.Print(outcome, stdout, Status, "out of date");
            return exit;
        }
        foreach (var (_, diff) in files) stdout.Write(DiffPrinter.Render(diff, env.UseColor));
        var message = $"{files.Count} file(s) differ from what the spec generates; run `manifestgen generate` and commit the result";
        stderr.WriteLine($"manifestgen: {message}");
        if (env.GitHubActions)
        {
            foreach (var (change, _) in files)
                stdout.WriteLine(GitHubActions.Annotation("error", change.RepoPath, GitHubActions.FirstChangedLine(change), null,
                    $"{change.RepoPath} is not what {options.SpecWritten} generates; run `manifestgen generate` and commit the result"));
            if (env.StepSummaryPath is { } summary)
                File.AppendAllText(summary, GitHubActions.Summary($"manifestgen check: {message}", files)
                    + GitHubActions.PlanSummary("what the spec tunes", PlanCommand.Header,
                        result.Plan.Select(r => PlanCommand.Cells(r, !files.Any(f => f.Change.RepoPath == r.File))).ToList()));
        }
        // The fleet's line is the last of stdout, after every diff and annotation.
        FleetReport.Print(outcome, stdout, Status, "out of date");
        return exit;
    }

    private static string Status(ManifestGen.Pipeline.GenerationResult cluster, int files, int errors) =>
        errors > 0 ? $"{errors} error(s)" : files > 0 ? $"{files} file(s) out of date" : "up to date";
}
