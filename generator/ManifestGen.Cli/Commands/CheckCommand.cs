using ManifestGen.Generation;
using ManifestGen.Output;

namespace ManifestGen.Cli.Commands;

/// <summary><c>manifestgen check</c>: the CI gate. Writes nothing; exit 1 with a diff per stale file.</summary>
public static class CheckCommand
{
    public static int Run(CheckOptionsVerb options, TextWriter stdout, TextWriter stderr)
    {
        var result = Generator.Run(options.ToGenerateOptions());
        if (DiagnosticPrinter.Print(result.Diagnostics, stderr)) return ExitCodes.InvalidInput;
        if (result.Changes.Count == 0)
        {
            stdout.WriteLine("up to date: committed output matches the spec");
            return ExitCodes.Ok;
        }
        foreach (var change in result.Changes) stdout.Write(UnifiedDiff.Of(change));
        stderr.WriteLine($"manifestgen: {result.Changes.Count} file(s) differ from what the spec generates; run `manifestgen generate` and commit the result");
        return ExitCodes.Differences;
    }
}
