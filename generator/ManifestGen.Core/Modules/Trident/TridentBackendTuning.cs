using ManifestGen.Spec;
using ManifestGen.Yaml;

namespace ManifestGen.Modules.Trident;

public sealed record TridentBackendTuning(TargetFile File, string? Name, VolumeSize? LimitVolumeSize, SpecLocation At);
