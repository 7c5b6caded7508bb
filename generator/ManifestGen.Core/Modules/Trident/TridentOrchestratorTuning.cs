using ManifestGen.Spec;

namespace ManifestGen.Modules.Trident;

/// <summary>
/// Operator settings of the TridentOrchestrator. <paramref name="Build"/> is the spec's explicit build (null: told from the chart);
/// <paramref name="Resources"/> are per controller container (NetApp chart 100.2510.0+).
/// </summary>
public sealed record TridentOrchestratorTuning(TargetFile HelmRelease, long? K8sApiQps, SpecLocation At,
    TridentBuild? Build = null, IReadOnlyList<ControllerResources>? Resources = null, TargetFile? Values = null);
