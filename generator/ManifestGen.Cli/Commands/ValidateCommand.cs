

namespace ManifestGen.Cli.Commands;

/// <summary><c>manifestgen validate</c>: loads the spec and plans every edit against the targets; prints diagnostics only.</summary>
public static class ValidateCommand
{
    public static int Run(ValidateOptionsVerb options, TextWriter stdout, TextWriter stderr, CliEnvironment env)
    {
        var result = SpecRuns.Run(options).Result;
        var diagnostics = result.Diagnostics.Concat(result.Lints).ToList();
        var exit = DiagnosticPrinter.HasErrors(diagnostics) ? ExitCodes.InvalidInput : ExitCodes.Ok;
        if (options.Json)
        {
            stdout.Write(Output.JsonReport.Write("validate", exit, diagnostics, []));
            return exit;
        }
        DiagnosticPrinter.Print(diagnostics, stderr, stdout, env);
        if (exit == ExitCodes.Ok) stdout.WriteLine($"valid: {options.Spec}");
        return exit;
    }
}
