using System.Globalization;
using ManifestGen.Containers;
using ManifestGen.Live;
using ManifestGen.Spec;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Modules.Trident;

/// <summary>
/// Whether the Trident tuning runs: the live TridentBackendConfig's limit (as a quantity, with its phase), and
/// trident-main's own <c>--k8s_api_qps</c> in the live trident-controller (on QNAP's build the TridentOrchestrator
/// field alone proves nothing), the sidecars' flags shown beside it, and each controller container's resources.
/// </summary>
public static class TridentLiveChecks
{
    public static IEnumerable<LiveRef> Needed(TridentTuning trident, RepositoryWorkspace workspace)
    {
        if (trident.Backend is { } backend) yield return BackendRef(backend, workspace);
        if (trident.Orchestrator is { } orchestrator) yield return ControllerRef(orchestrator, workspace);
    }

    public static void Check(TridentTuning trident, RepositoryWorkspace workspace, LiveObjects live, List<TuningCheck> checks)
    {
        if (trident.Backend is { } backend) Backend(backend, workspace, live, checks);
        if (trident.Orchestrator is { } orchestrator) Orchestrator(orchestrator, workspace, live, checks);
    }

    private static void Backend(TridentBackendTuning backend, RepositoryWorkspace workspace, LiveObjects live, List<TuningCheck> checks)
    {
        if (backend.LimitVolumeSize is not { } limit) return;
        var reference = BackendRef(backend, workspace);
        var obj = live.Find(reference);
        if (obj is null)
        {
            checks.Add(new TuningCheck("trident.backend.limitVolumeSize", TuningStatus.Unknown, "(not in the input)", limit.Text, reference));
            return;
        }
        var liveText = YamlValue.TextOf(YamlValue.At(obj, "spec", "limitVolumeSize"));
        var phase = YamlValue.TextOf(YamlValue.At(obj, "status", "phase"));
        checks.Add(new TuningCheck("trident.backend.limitVolumeSize", LiveValues.SameQuantity(liveText, limit.Text) ? TuningStatus.InEffect : TuningStatus.NotInEffect,
            liveText ?? "(absent)", limit.Text, reference, $"phase {phase ?? "unknown"}"));
    }

    private static void Orchestrator(TridentOrchestratorTuning orchestrator, RepositoryWorkspace workspace, LiveObjects live, List<TuningCheck> checks)
    {
        var reference = ControllerRef(orchestrator, workspace);
        var controller = live.Find(reference);
        var containers = LiveChecks.Containers(controller);
        if (orchestrator.K8sApiQps is { } qps)
        {
            var wanted = qps.ToString(CultureInfo.InvariantCulture);
            var main = containers.GetValueOrDefault(TridentFacts.MainContainer);
            var sidecars = string.Join(", ", containers.Where(c => c.Key.StartsWith("csi-", StringComparison.Ordinal))
                .Select(c => $"{c.Key} {GoFlags.Value(GoFlags.ArgsOf(c.Value), TridentFacts.SidecarQpsFlag) ?? "default"}"));
            var note = $"sidecars' {TridentFacts.SidecarQpsFlag}: {(sidecars.Length == 0 ? "none found" : sidecars)} (they follow k8sAPIQPS up to Trident 25.x, max(N/4, 10) from 26.06)";
            if (controller is null)
                checks.Add(new TuningCheck("trident.orchestrator.k8sAPIQPS", TuningStatus.Unknown, "(not in the input)", $"{TridentFacts.MainQpsFlag}={wanted}", reference));
            else
            {
                var flag = main is null ? null : GoFlags.Value(GoFlags.ArgsOf(main), TridentFacts.MainQpsFlag);
                checks.Add(new TuningCheck("trident.orchestrator.k8sAPIQPS", flag == wanted ? TuningStatus.InEffect : TuningStatus.NotInEffect,
                    main is null ? $"(no {TridentFacts.MainContainer} container)" : flag is null ? $"{TridentFacts.MainContainer} has no {TridentFacts.MainQpsFlag}" : $"{TridentFacts.MainQpsFlag}={flag}",
                    $"{TridentFacts.MainQpsFlag}={wanted}", reference, note));
            }
        }
        foreach (var c in orchestrator.Resources ?? [])
            LiveChecks.Resources($"trident.orchestrator.resources.{c.Container}", c.Container, c.Resources.Requests, c.Resources.Limits, controller, containers, reference, checks);
    }

    private static LiveRef ControllerRef(TridentOrchestratorTuning orchestrator, RepositoryWorkspace workspace) =>
        new("Deployment", LiveChecks.ReleaseNamespace(workspace, orchestrator.HelmRelease) ?? TridentFacts.DefaultNamespace, TridentFacts.Controller);

    private static LiveRef BackendRef(TridentBackendTuning backend, RepositoryWorkspace workspace)
    {
        var doc = TargetDocuments.TryFind(workspace, backend.File, TridentFacts.BackendKind, backend.Name);
        return new LiveRef(TridentFacts.BackendKind, doc?.Namespace, backend.Name ?? doc?.Name ?? "?");
    }
}
