namespace ManifestGen.Yaml;

/// <summary>
/// Picks one document of a multi-document file: by position, or by <c>kind</c>,
/// <c>metadata.name</c> and <c>metadata.namespace</c> (every given field must match).
/// The empty selector picks the only document of a single-document file.
/// </summary>
public sealed record DocumentSelector(int? Index = null, string? Kind = null, string? Name = null, string? Namespace = null)
{
    public static DocumentSelector Only { get; } = new();
    public static DocumentSelector At(int index) => new(Index: index);
    public static DocumentSelector Object(string kind, string? name = null, string? @namespace = null) => new(null, kind, name, @namespace);

    public bool Matches(YamlDocumentNode doc) =>
        (Index is null || doc.Index == Index)
        && (Kind is null || doc.Kind == Kind)
        && (Name is null || doc.Name == Name)
        && (Namespace is null || doc.Namespace == Namespace);

    /// <summary>The one matching document; anything else is an error naming what was found.</summary>
    public YamlDocumentNode Select(YamlFile file) => Select(file, lookup: false)!;

    /// <summary>The one matching document, or null when none does; more than one is still an error.</summary>
    public YamlDocumentNode? Find(YamlFile file) => Select(file, lookup: true);

    private YamlDocumentNode? Select(YamlFile file, bool lookup)
    {
        var docs = file.Documents.Where(d => d.Root is not null || Index is not null).ToList();
        var matches = docs.Where(Matches).ToList();
        if (matches.Count == 1) return matches[0];
        if (matches.Count == 0 && lookup) return null;
        var found = docs.Count == 0 ? "the file has no documents" : "the file holds " + string.Join(", ", docs.Select(d => d.Describe()));
        if (matches.Count == 0)
            throw new YamlEditException(YamlCodes.NoDocumentMatches, $"no document matches {this}; {found}", new SourcePosition(1, 1));
        throw new YamlEditException(YamlCodes.DocumentsMatch, $"{matches.Count} documents match {this}; name one by kind and metadata.name",
            file.Source.PositionOf(matches[1].Start));
    }

    public override string ToString()
    {
        var parts = new List<string>();
        if (Index is not null) parts.Add($"document {Index}");
        if (Kind is not null) parts.Add($"kind={Kind}");
        if (Namespace is not null) parts.Add($"namespace={Namespace}");
        if (Name is not null) parts.Add($"name={Name}");
        return parts.Count == 0 ? "the single document" : "[" + string.Join(",", parts) + "]";
    }
}
