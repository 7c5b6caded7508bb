using ManifestGen.Diagnostics;

namespace ManifestGen.Cli.Commands;

internal static class DiagnosticPrinter
{
    /// <summary>Writes diagnostics, one a line, compiler style; returns true when any is an error.</summary>
    public static bool Print(IEnumerable<Diagnostic> diagnostics, TextWriter stderr)
    {
        var failed = false;
        foreach (var d in diagnostics)
        {
            stderr.WriteLine(d.ToString());
            failed |= d.Severity == Severity.Error;
        }
        return failed;
    }
}
