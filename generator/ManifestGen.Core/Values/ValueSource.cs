using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Values;

/// <summary>
/// One place a HelmRelease's values come from, as helm-controller merges them: each <c>valuesFrom</c>
/// in order, then <c>spec.values</c> last. <see cref="Base"/> is where the values mapping sits in
/// <see cref="Where"/> (<c>spec.values</c> inline, the root of a values file or of a ConfigMap's block).
/// </summary>
/// <param name="KeyPrefix">The values keys above <see cref="Base"/>: a JSON 6902 patch's <c>add /spec/values/hubble/relay</c>
/// writes its <c>value</c> under <c>hubble.relay</c>. Empty for a source that holds the whole values mapping.</param>
public sealed record ValueSource(ValueSourceKind Kind, ManagedDocument Where, YamlPath Base, string Description, IReadOnlyList<string>? KeyPrefix = null)
{
    public YamlPath PathOf(YamlPath key) => Base.Then(key);

    /// <summary>The node a values key has here today, or null.</summary>
    public YamlNode? Find(RepositoryWorkspace workspace, YamlPath key) => Find(Where.Read(workspace), key);

    /// <summary>The node a values key has in <paramref name="file"/> (this source's YAML), or null.</summary>
    public YamlNode? Find(YamlFile file, YamlPath key) => YamlEditor.TryGet(file, Where.Selector, PathOf(key));

    /// <summary>
    /// Where this source sets a values key in the merged values: the key's node, or a scalar or list above it that
    /// replaces it whole; null when it leaves the key alone. Unlike <see cref="Find(RepositoryWorkspace, YamlPath)"/>,
    /// the key is a full values key (a JSON 6902 operation's <see cref="KeyPrefix"/> included).
    /// </summary>
    public YamlNode? Setting(RepositoryWorkspace workspace, YamlPath key)
    {
        var prefix = KeyPrefix ?? [];
        var keys = key.Segments.OfType<KeySegment>().Select(s => s.Key).ToList();
        // A key with list items in it, or an operation on a path below the key (it replaces part of it, not the value).
        if (keys.Count != key.Segments.Count || prefix.Count > keys.Count || !prefix.SequenceEqual(keys.Take(prefix.Count))) return null;
        var below = keys.Skip(prefix.Count).ToList();
        YamlFile file;
        try
        {
            file = Where.Read(workspace);
        }
        catch (Exception e) when (e is Diagnostics.InvalidInputException or YamlEditException)
        {
            return null;
        }
        for (var depth = below.Count; depth >= 0; depth--)
        {
            if (Find(file, YamlPath.Keys([.. below.Take(depth)])) is not { } node) continue;
            return depth == below.Count || node is not MappingNode ? node : null;
        }
        return null;
    }

    public override string ToString() => Description;
}
