using ManifestGen.Components;
using ManifestGen.Spec;

namespace ManifestGen.Modules.Cilium;

/// <summary><paramref name="Values"/>: the values file or ConfigMap manifest to edit, for layouts whose valuesFrom the tool cannot follow.</summary>
public sealed record CiliumTuning(TargetFile HelmRelease, ConntrackTuning? Conntrack, bool? RollOutPods, SpecLocation At, TargetFile? Values = null) : ComponentTuning;
