using ManifestGen.Diagnostics;
using ManifestGen.Modules.Workloads;

namespace ManifestGen.Modules.Trident;

/// <summary>Trident's lints that need the spec: what only Trident knows about its sidecars' API rate limits.</summary>
public static class TridentLints
{
    /// <summary>
    /// MG0004: trident.orchestrator.k8sAPIQPS sets trident-main's and every sidecar's QPS, so a workload that also sets
    /// a sidecar's --kube-api-qps sets it twice.
    /// </summary>
    public static IEnumerable<Diagnostic> QpsSetTwice(TridentOrchestratorTuning orchestrator, IReadOnlyList<WorkloadTuning> workloads)
    {
        if (orchestrator.K8sApiQps is null) yield break;
        foreach (var w in workloads)
            foreach (var c in w.Containers.Where(c => c.Flags.Any(f => f.Bare == TridentFacts.SidecarQpsFlag.TrimStart('-'))))
                yield return Diagnostic.Of(DiagnosticCodes.QpsSetTwice, c.At.File, c.At.Position,
                    $"workload {w.Name} sets {TridentFacts.SidecarQpsFlag} on {c.Name} while trident.orchestrator.k8sAPIQPS also sets the sidecars' QPS",
                    "choose one: k8sAPIQPS (Trident 24.10+) sets trident-main and every sidecar, the flags set chosen containers");
    }
}
