namespace ManifestGen.Components;

/// <summary>
/// A component's section of the spec, as its reader returns it (<c>spec.cilium</c>, <c>spec.trident</c>,
/// <c>spec.workloads</c>). The base type is what lets <see cref="ClusterTuningSpec"/> hold every section without a
/// property per component; what a section holds is its component's own business.
/// </summary>
public abstract record ComponentTuning;
