using ManifestGen.Spec;
using ManifestGen.Values;
using ManifestGen.Yaml;

namespace ManifestGen.Editing;

/// <summary>A chart value a run writes: the HelmRelease document it is for, its values key, the source it went to, and the spec key asking for it.</summary>
public sealed record WrittenValue(string HelmReleasePath, int DocumentIndex, YamlPath Key, ValueSource Source, SpecLocation At);
