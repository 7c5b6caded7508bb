using ManifestGen.Spec;

namespace ManifestGen.Modules.Workloads;

/// <summary>Everything the spec asks of one container, merged over the spec's container groups in order.</summary>
public sealed record ContainerIntent(string Name, IReadOnlyList<FlagSetting> Flags, ResourceSettings Resources, SpecLocation At);
