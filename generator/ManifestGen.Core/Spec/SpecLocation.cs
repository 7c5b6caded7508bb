using ManifestGen.Yaml;

namespace ManifestGen.Spec;

/// <summary>Where a spec value was written: for diagnostics that point back at the spec.</summary>
public readonly record struct SpecLocation(string File, SourcePosition Position);
