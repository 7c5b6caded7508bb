using ManifestGen.Yaml;

namespace ManifestGen.Components;

/// <summary>
/// An edit of an object as a chart renders it (Helm's post-renderer): the kind and name a document's top-level lines
/// must show for the edit to parse it, the finer match on the parsed document, and the edit of that document.
/// </summary>
public sealed record RenderedEdit(string Kind, string Name, Func<YamlDocumentNode, bool> Matches, Func<YamlFile, int, YamlFile> Apply);

/// <summary>A rendered object the edit cannot apply to as the spec says (a container it names is missing): never a silent skip.</summary>
public sealed class RenderedEditRefusedException(DiagnosticCode code, string message) : Exception(message)
{
    public DiagnosticCode Code { get; } = code;
}
