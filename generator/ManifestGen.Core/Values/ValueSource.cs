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

    public override string ToString() => Description;
}
