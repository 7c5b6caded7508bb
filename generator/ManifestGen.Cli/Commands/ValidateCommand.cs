using ManifestGen.Generation;

namespace ManifestGen.Cli.Commands;

/// <summary><c>manifestgen validate</c>: loads the spec and plans every edit against the targets; prints diagnostics only.</summary>
public static class ValidateCommand
{
    public static int Run(ValidateOptionsVerb options, TextWriter stdout, TextWriter stderr)
    {
        var result = Generator.Run(options.ToGenerateOptions());
        if (DiagnosticPrinter.Print(result.Diagnostics, stderr)) return ExitCodes.InvalidInput;
        stdout.WriteLine($"valid: {options.Spec}");
        return ExitCodes.Ok;
    }
}
