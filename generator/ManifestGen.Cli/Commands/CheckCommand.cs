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
        var outcome = SpecRuns.Run(options);
        var result = outcome.Result;
        var files = result.Changes.Select(c => (Change: c, Diff: UnifiedDiff.Of(c))).ToList();
        var exit = DiagnosticPrinter.HasErrors(result.Diagnostics) ? ExitCodes.InvalidInput
            : files.Count > 0 ? ExitCodes.Differences : ExitCodes.Ok;
        if (options.Json)
        {
            stdout.Write(JsonReport.Write("check", exit, result.Diagnostics, files));
            return exit;
        }
        DiagnosticPrinter.Print(result.Diagnostics, stderr, stdout, env);
        if (exit == ExitCodes.InvalidInput) return exit;
        if (outcome.IsFleet) stdout.WriteLine(SpecRuns.Summary(outcome, "out of date"));
        if (files.Count == 0)
        {
            stdout.WriteLine("up to date: committed output matches the spec");
            return exit;
        }
        foreach (var (_, diff) in files) stdout.Write(DiffPrinter.Render(diff, env.UseColor));
        var message = $"{files.Count} file(s) differ from what the spec generates; run `manifestgen generate` and commit the result";
        stderr.WriteLine($"manifestgen: {message}");
        if (env.GitHubActions)
        {
            foreach (var (change, _) in files)
                stdout.WriteLine(GitHubActions.Annotation("error", change.RepoPath, GitHubActions.FirstChangedLine(change), null,
                    $"{change.RepoPath} is not what {options.Spec} generates; run `manifestgen generate` and commit the result"));
            if (env.StepSummaryPath is { } summary)
                File.AppendAllText(summary, GitHubActions.Summary($"manifestgen check: {message}", files));
        }
        return exit;
    }
}
