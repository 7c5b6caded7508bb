using ManifestGen.Yaml;

namespace ManifestGen.Modules.Cilium;

/// <summary>A key people write under <c>bpf</c> that no Cilium chart reads, and the spec key that says what it meant.</summary>
public sealed record DeadKey(string Key, string? SpecKey)
{
    public YamlPath ValuesPath => YamlPath.Keys("bpf", Key);
}
