using ManifestGen.Cli.Output;
using ManifestGen.Diagnostics;
using ManifestGen.Yaml;

namespace ManifestGen.Cli.Commands;

internal static class DiagnosticPrinter
{
    /// <summary>Writes diagnostics, one a line, compiler style; returns true when any is an error.</summary>
    public static bool Print(IEnumerable<Diagnostic> diagnostics, TextWriter stderr) =>
        Print(diagnostics, stderr, TextWriter.Null, CliEnvironment.None);

    /// <summary>
    /// Writes diagnostics to stderr, one a line, compiler style, and under GitHub Actions also as
    /// annotations on stdout (where the runner reads workflow commands). True when any is an error.
    /// </summary>
    public static bool Print(IEnumerable<Diagnostic> diagnostics, TextWriter stderr, TextWriter stdout, CliEnvironment env)
    {
        var failed = false;
        foreach (var d in diagnostics)
        {
            stderr.WriteLine(d.ToString());
            if (env.GitHubActions && d.Severity != Severity.Info) stdout.WriteLine(GitHubActions.Annotation(d));
            failed |= d.Severity == Severity.Error;
        }
        return failed;
    }

    public static bool HasErrors(IEnumerable<Diagnostic> diagnostics) => diagnostics.Any(d => d.Severity == Severity.Error);

    /// <summary>A refusal before any work: printed as every diagnostic is (an annotation under GitHub Actions), nothing written.</summary>
    public static int Refuse(Diagnostic refusal, TextWriter stdout, TextWriter stderr, CliEnvironment env)
    {
        DiagnosticPrinter.Print([refusal], stderr, stdout, env);
        stderr.WriteLine("manifestgen: nothing was written");
        return ExitCodes.InvalidInput;
    }
}
