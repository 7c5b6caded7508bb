using ManifestGen.Modules.Cilium;
using ManifestGen.Modules.Trident;
using ManifestGen.Modules.Workloads;

namespace ManifestGen.Composition;

/// <summary>The loaded spec <c>manifestgen.io/v1alpha1 ClusterTuning</c>: immutable, positions kept.</summary>
public sealed record ClusterTuningSpec(
    string Name,
    string SpecRepoPath,
    CiliumTuning? Cilium,
    TridentTuning? Trident,
    IReadOnlyList<WorkloadTuning> Workloads);
