

using ManifestGen.Cli.Output;

namespace ManifestGen.Cli.Commands;

/// <summary><c>manifestgen validate</c>: loads the spec and plans every edit against the targets; prints diagnostics only.</summary>
public static class ValidateCommand
{
    public static int Run(ValidateOptionsVerb options, TextWriter stdout, TextWriter stderr, CliEnvironment env)
    {
        var outcome = SpecRuns.Run(options, env, stderr, reportShared: true);
        var result = outcome.Result;
        var diagnostics = result.Diagnostics.Concat(result.Lints).ToList();
        var exit = DiagnosticPrinter.HasErrors(diagnostics) ? ExitCodes.InvalidInput : ExitCodes.Ok;
        if (options.Json)
        {
            stdout.Write(Output.JsonReport.Write("validate", exit, diagnostics, [], json => FleetReport.Json(json, outcome, Status, "generate would change")));
            return exit;
        }
        DiagnosticPrinter.Print(diagnostics, stderr, stdout, env);
        if (!outcome.IsFleet && exit == ExitCodes.Ok) stdout.WriteLine($"valid: {options.SpecWritten}");
        FleetReport.Print(outcome, stdout, Status, "generate would change");
        return exit;
    }

    private static string Status(ManifestGen.Pipeline.GenerationResult cluster, int files, int errors)
    {
        var warnings = cluster.Diagnostics.Concat(cluster.Lints).Count(d => d.Severity == ManifestGen.Yaml.Severity.Warning);
        return errors > 0 ? $"{errors} error(s)" : warnings > 0 ? $"valid, {warnings} warning(s)" : "valid";
    }
}
