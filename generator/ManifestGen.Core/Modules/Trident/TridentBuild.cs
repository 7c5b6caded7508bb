
namespace ManifestGen.Modules.Trident;

/// <summary>Which Trident the orchestrator HelmRelease installs: NetApp's trident-operator chart, or QNAP's fork.</summary>
public enum TridentBuild { NetApp, Qnap }
