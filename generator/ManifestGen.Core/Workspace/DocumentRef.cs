using ManifestGen.Yaml;

namespace ManifestGen.Workspace;

/// <summary>The object a managed item lives in: kind, name and namespace of a document in a file.</summary>
public sealed record DocumentRef(string Kind, string? Name, string? Namespace)
{
    // A kustomization.yaml may omit kind: then the file's single document is meant.
    public DocumentSelector Selector => Kind.Length == 0 ? DocumentSelector.Only : DocumentSelector.Object(Kind, Name, Namespace);

    public static DocumentRef Of(YamlDocumentNode doc) => new(doc.Kind ?? "", doc.Name, doc.Namespace);
}
