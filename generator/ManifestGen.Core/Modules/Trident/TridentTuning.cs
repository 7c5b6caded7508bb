using ManifestGen.Components;

namespace ManifestGen.Modules.Trident;

/// <summary><c>spec.trident</c>: the backend and the orchestrator, each optional.</summary>
public sealed record TridentTuning(TridentBackendTuning? Backend, TridentOrchestratorTuning? Orchestrator) : ComponentTuning;
