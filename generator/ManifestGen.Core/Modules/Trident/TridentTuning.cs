
namespace ManifestGen.Modules.Trident;

public sealed record TridentTuning(TridentBackendTuning? Backend, TridentOrchestratorTuning? Orchestrator);
