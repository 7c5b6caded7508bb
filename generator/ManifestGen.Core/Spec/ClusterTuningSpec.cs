using ManifestGen.Yaml;

namespace ManifestGen.Spec;

/// <summary>Where a spec value was written: for diagnostics that point back at the spec.</summary>
public readonly record struct SpecLocation(string File, SourcePosition Position);

/// <summary>A file the spec names: as written (relative to the spec) and relative to the repository root.</summary>
public sealed record TargetFile(string AsWritten, string RepoPath, SpecLocation At);

/// <summary>The loaded spec <c>manifestgen.io/v1alpha1 ClusterTuning</c>: immutable, positions kept.</summary>
public sealed record ClusterTuningSpec(
    string Name,
    string SpecRepoPath,
    CiliumTuning? Cilium,
    TridentTuning? Trident,
    IReadOnlyList<WorkloadTuning> Workloads);

/// <summary><paramref name="Values"/>: the values file or ConfigMap manifest to edit, for layouts whose valuesFrom the tool cannot follow.</summary>
public sealed record CiliumTuning(TargetFile HelmRelease, ConntrackTuning? Conntrack, bool? RollOutPods, SpecLocation At, TargetFile? Values = null);

/// <summary>Conntrack settings; each is optional. Timeouts keep the text the user wrote (a Go duration with a unit).</summary>
public sealed record ConntrackTuning(IReadOnlyList<ConntrackTimeout> Timeouts, long? TcpMax, long? AnyMax, SpecLocation At);

/// <summary>One conntrack timeout: its spec key, its cilium-config key and the duration.</summary>
public sealed record ConntrackTimeout(string SpecKey, string ConfigKey, GoDuration Value, SpecLocation At);

public sealed record TridentTuning(TridentBackendTuning? Backend, TridentOrchestratorTuning? Orchestrator);

public sealed record TridentBackendTuning(TargetFile File, string? Name, VolumeSize? LimitVolumeSize, SpecLocation At);

/// <summary>Which Trident the orchestrator HelmRelease installs: NetApp's trident-operator chart, or QNAP's fork.</summary>
public enum TridentBuild { NetApp, Qnap }

/// <summary>
/// Operator settings of the TridentOrchestrator. <paramref name="Build"/> is the spec's explicit build (null: told from the chart);
/// <paramref name="Resources"/> are per controller container (NetApp chart 100.2510.0+).
/// </summary>
public sealed record TridentOrchestratorTuning(TargetFile HelmRelease, long? K8sApiQps, SpecLocation At,
    TridentBuild? Build = null, IReadOnlyList<ControllerResources>? Resources = null, TargetFile? Values = null);

/// <summary>Requests and limits for one container of trident-controller, by its upstream name.</summary>
public sealed record ControllerResources(string Container, ResourceSettings Resources, SpecLocation At);
