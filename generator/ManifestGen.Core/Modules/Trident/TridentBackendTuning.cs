using ManifestGen.Spec;

namespace ManifestGen.Modules.Trident;

public sealed record TridentBackendTuning(TargetFile File, string? Name, VolumeSize? LimitVolumeSize, SpecLocation At);
