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

public sealed record CiliumTuning(TargetFile HelmRelease, ConntrackTuning? Conntrack, bool? RollOutPods, SpecLocation At);

/// <summary>Conntrack settings; each is optional. Timeouts keep the text the user wrote (a Go duration with a unit).</summary>
public sealed record ConntrackTuning(IReadOnlyList<ConntrackTimeout> Timeouts, long? TcpMax, long? AnyMax, SpecLocation At);

/// <summary>One conntrack timeout: its spec key, its cilium-config key and the duration.</summary>
public sealed record ConntrackTimeout(string SpecKey, string ConfigKey, GoDuration Value, SpecLocation At);

public sealed record TridentTuning(TridentBackendTuning? Backend, TridentOrchestratorTuning? Orchestrator);

public sealed record TridentBackendTuning(TargetFile File, string? Name, VolumeSize? LimitVolumeSize, SpecLocation At);

public sealed record TridentOrchestratorTuning(TargetFile HelmRelease, long? K8sApiQps, SpecLocation At);
