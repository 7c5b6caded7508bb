using ManifestGen.Components;

namespace ManifestGen.Modules.Workloads;

/// <summary><c>spec.workloads</c>: its entries in the order written.</summary>
public sealed record WorkloadsTuning(IReadOnlyList<WorkloadTuning> Workloads) : ComponentTuning;
