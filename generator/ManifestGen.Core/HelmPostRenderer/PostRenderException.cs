using ManifestGen.Yaml;

namespace ManifestGen.HelmPostRenderer;

/// <summary>A post-render refusal: a code, a message, and where in the stream.</summary>
public sealed class PostRenderException(DiagnosticCode code, string message, SourcePosition? position = null) : Exception(message)
{
    public DiagnosticCode Code { get; } = code;
    public SourcePosition? Position { get; } = position;
}
