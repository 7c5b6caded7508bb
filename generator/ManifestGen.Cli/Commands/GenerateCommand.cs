using ManifestGen.Cli.Output;
using ManifestGen.Diagnostics;
using ManifestGen.Pipeline;

namespace ManifestGen.Cli.Commands;

/// <summary><c>manifestgen generate</c>: writes, atomically, only when the whole run succeeded.</summary>
public static class GenerateCommand
{
    public static int Run(GenerateOptionsVerb options, TextWriter stdout, TextWriter stderr, CliEnvironment env)
    {
        // Read, plan and write under one lock, so two runs cannot interleave their writes.
        var first = SpecSet.Resolve(options.Spec).FirstOrDefault() ?? Path.GetFullPath(options.Spec);
        var root = ManifestGen.Workspace.RepositoryRoot.For(first, options.Root);
        using var held = RepositoryWrite.Lock(root, stderr, out var lockFailure);
        if (held is null) return Fail(options, stdout, stderr, env, [lockFailure!], ExitCodes.InternalError);
        var outcome = SpecRuns.Run(options, env, stderr, reportShared: true);
        var result = outcome.Result;
        // The same lints as validate, reported and counted the same way: their errors refuse the run.
        var found = result.Diagnostics.Concat(result.Lints).ToList();
        if (DiagnosticPrinter.HasErrors(found))
            return Fail(options, stdout, stderr, env, found, ExitCodes.InvalidInput, outcome);
        var written = RepositoryWrite.Write(result, found);
        var diagnostics = written.Diagnostics;
        if (!written.Written)
            return Fail(options, stdout, stderr, env, diagnostics, ExitCodes.InternalError, outcome with { Result = result with { Changes = [] } });
        if (options.Json)
        {
            stdout.Write(Output.JsonReport.Write("generate", ExitCodes.Ok, diagnostics,
                result.Changes.Select(c => (c, ManifestGen.Output.UnifiedDiff.Of(c))), json => FleetReport.Json(json, outcome, Status, "written")));
            return ExitCodes.Ok;
        }
        DiagnosticPrinter.Print(diagnostics, stderr, stdout, env);
        foreach (var change in result.Changes)
            stdout.WriteLine($"{(change.IsCreated ? "created" : change.IsDeleted ? "deleted" : "updated")} {change.RepoPath}");
        if (result.Changes.Count == 0) stdout.WriteLine("up to date: no file changed");
        FleetReport.Print(outcome, stdout, Status, "written");
        return ExitCodes.Ok;
    }

    private static string Status(GenerationResult cluster, int files, int errors) =>
        errors > 0 ? $"{errors} error(s)" : files > 0 ? $"{files} file(s) written" : "up to date";

    /// <summary>A run that writes nothing: its diagnostics as text, or as one JSON document with --output json.</summary>
    private static int Fail(GenerateOptionsVerb options, TextWriter stdout, TextWriter stderr, CliEnvironment env, IReadOnlyList<Diagnostic> diagnostics, int exit,
        SpecRuns.Outcome? outcome = null)
    {
        if (options.Json)
        {
            stdout.Write(Output.JsonReport.Write("generate", exit, diagnostics, [], json => { if (outcome is not null) FleetReport.Json(json, outcome, Status, "written"); }));
            return exit;
        }
        DiagnosticPrinter.Print(diagnostics, stderr, stdout, env);
        if (outcome is not null) FleetReport.Print(outcome, stdout, Status, "written");
        stderr.WriteLine(exit == ExitCodes.InternalError && diagnostics.Any(d => d.Code == DiagnosticCodes.WriteFailed)
            ? "manifestgen: nothing was written (the files already written were restored)"
            : "manifestgen: nothing was written");
        return exit;
    }
}
