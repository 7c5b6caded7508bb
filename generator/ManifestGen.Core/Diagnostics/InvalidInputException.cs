
namespace ManifestGen.Diagnostics;

/// <summary>Thrown to stop a run on input it cannot use; carries the diagnostics that say why.</summary>
public sealed class InvalidInputException(IReadOnlyList<Diagnostic> diagnostics)
    : Exception(string.Join(Environment.NewLine, diagnostics))
{
    public IReadOnlyList<Diagnostic> Diagnostics { get; } = diagnostics;

    public InvalidInputException(Diagnostic diagnostic) : this([diagnostic]) { }
}
