using ManifestGen.Spec;

namespace ManifestGen.Modules.Workloads;

/// <summary>An entry of <c>spec.workloads</c>.</summary>
public sealed record WorkloadTuning(
    string Name,
    WorkloadTarget Target,
    WorkloadDelivery Delivery,
    TargetFile? HelmRelease,
    string? KustomizationDir,
    string? OutputRepoPath,
    TargetFile? Observed,
    IReadOnlyList<ContainerIntent> Containers,
    SpecLocation At);
