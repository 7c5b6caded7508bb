using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Ownership;

/// <summary>
/// One thing the tool wrote: a managed value at a path, a marked post-renderer, a marked item of a
/// list such as a kustomization's <c>resources</c> (<see cref="ListItem"/> is "list=value"), or, with
/// no document, a whole file the tool owns. <see cref="Embedded"/> names the block scalar whose YAML
/// holds <see cref="Path"/> (a ConfigMap's values), when the value lives there.
/// </summary>
public sealed record InventoryEntry(string RepoPath, DocumentRef? Document, string? Path, string? PostRenderer, string? ListItem = null, string? Embedded = null)
{
    public static InventoryEntry OwnedFile(string repoPath) => new(repoPath, null, null, null);
    public bool IsOwnedFile => Document is null;

    /// <summary>The YAML the entry's path is in.</summary>
    public ManagedDocument Where => new(RepoPath, Document!, Embedded is null ? null : YamlPath.Parse(Embedded));
}
