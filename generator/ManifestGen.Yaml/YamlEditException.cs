namespace ManifestGen.Yaml;

/// <summary>
/// An edit or a parse the engine refuses, with a stable code and the position it concerns.
/// Callers turn it into a diagnostic naming the file.
/// </summary>
public sealed class YamlEditException(DiagnosticCode code, string message, SourcePosition? position = null)
    : Exception(message)
{
    public DiagnosticCode Code { get; } = code;
    public SourcePosition? Position { get; } = position;
}
