using ManifestGen.Diagnostics;
using ManifestGen.Editing;
using ManifestGen.Workspace;
using Scriban.Runtime;

namespace ManifestGen.Modules.Trident;

/// <summary>
/// Operator settings of the <c>TridentOrchestrator</c>, delivered the way the installed build takes them:
/// <list type="bullet">
/// <item>NetApp's <c>trident-operator</c> chart: <c>k8sAPIQPS</c> and <c>resources.controller.NAME</c> are chart
/// values, written where the HelmRelease's values live, when the chart release reads them (the chart data says:
/// <c>k8sAPIQPS</c> from 100.2410.0, <c>resources.controller</c> from 100.2510.0). A release that has no
/// <c>k8sAPIQPS</c> (Trident 24.06 and older: neither the chart nor the operator) gets nothing, and a warning
/// (MG0008) that points at the sidecars' flags.</item>
/// <item>QNAP's chart never exposes it: a marked Flux post-renderer patches the rendered TridentOrchestrator
/// (JSON6902 with a target, never the removed <c>patchesJson6902</c>), and the run says that QNAP's builds (1.3 to
/// 1.6.x, Trident 24.06) store the field and ignore it (MG0007).</item>
/// </list>
/// </summary>
public sealed class TridentOrchestratorModule
{
    public void Apply(TridentOrchestratorTuning orchestrator, GenerationContext context)
    {
        if (orchestrator.K8sApiQps is null && orchestrator.Resources is not { Count: > 0 }) return;
        var file = orchestrator.HelmRelease.RepoPath;
        var doc = context.FindDocument(orchestrator.HelmRelease, "HelmRelease");
        var chart = context.Charts.Resolve(file, doc);
        var build = orchestrator.Build ?? TridentFacts.BuildOf(chart) ?? throw new InvalidInputException(Diagnostic.Of(DiagnosticCodes.OrchestratorBuildUnknown,
            orchestrator.At.File, orchestrator.At.Position,
            $"cannot tell which Trident {orchestrator.HelmRelease.AsWritten} installs ({chart.Reference.Evidence}): neither NetApp's trident-operator chart nor QNAP's trident chart",
            "set trident.orchestrator.build: netapp or qnap"));

        if (build == TridentBuild.Qnap) ApplyQnap(context, orchestrator, file, doc);
        else ApplyNetApp(context, orchestrator, doc);
    }

    private static void ApplyQnap(GenerationContext context, TridentOrchestratorTuning orchestrator, string file, DocumentRef doc)
    {
        if (orchestrator.Resources is { Count: > 0 } resources)
            throw new InvalidInputException(Diagnostic.Of(DiagnosticCodes.SpecBadValue, resources[0].At.File, resources[0].At.Position,
                $"trident.orchestrator.resources needs NetApp's {TridentFacts.NetAppChart} chart; QNAP's chart and operator (Trident 24.06) have no such setting",
                "set the controller's resources with a workload tuning (delivery kyverno) by container name"));
        if (orchestrator.K8sApiQps is not { } qps) return;
        context.Diagnostics.Add(Diagnostic.Of(DiagnosticCodes.QnapIgnoresK8sApiQps, orchestrator.At.File, orchestrator.At.Position,
            $"k8sAPIQPS {qps} is written, but QNAP's builds (1.3 to 1.6.x) are based on Trident 24.06, before k8sAPIQPS arrived in 24.10: " +
            "the operator stores the field and ignores it. trident-main's own client stays at 50 QPS / burst 100, and the sidecars keep their defaults",
            $"set the sidecars' {TridentFacts.SidecarQpsFlag} and --kube-api-burst with a workload tuning (delivery kyverno) instead, and check on the live cluster: " +
            $"kubectl -n {TridentFacts.DefaultNamespace} get deploy {TridentFacts.Controller} -o yaml | grep -E 'k8s_api_qps|kube-api-qps'"));
        var patch = context.Templates.Render("trident/orchestrator-patch.yaml.sbn", new ScriptObject { ["k8s_api_qps"] = qps });
        FluxPostRenderers.Upsert(context, new PlanTuning("trident.orchestrator", "postRenderer"), file, doc, TridentFacts.PostRendererId,
            FluxPostRenderers.Entry(TridentFacts.PostRendererId,
                FluxPostRenderers.Target(TridentFacts.GroupOf(TridentBuild.Qnap), TridentFacts.OrchestratorVersion, TridentFacts.OrchestratorKind, name: null), patch));
    }

    private static void ApplyNetApp(GenerationContext context, TridentOrchestratorTuning orchestrator, DocumentRef doc)
    {
        var values = HelmValues.Open(context, new PlanTuning("trident.orchestrator", "HelmRelease values, in place"), orchestrator.HelmRelease, doc, orchestrator.Values,
            TridentFacts.OrchestratorValuesKey);
        if (orchestrator.K8sApiQps is { } qps)
        {
            if (values.Chart.Reads(TridentFacts.K8sApiQps) == false)
            {
                var release = values.Chart.Checked!.Release.Describe(TridentFacts.NetAppChart);
                var first = context.Charts.FirstReader(TridentFacts.NetAppChart, TridentFacts.K8sApiQps);
                context.Diagnostics.Add(Diagnostic.Of(DiagnosticCodes.NoK8sApiQps, orchestrator.At.File, orchestrator.At.Position,
                    $"k8sAPIQPS {qps} is not written: {release} (Trident {values.Chart.Checked.Release.AppVersion ?? "?"}) has no k8sAPIQPS, neither as a chart value " +
                    $"nor in its operator, which reads TridentOrchestrator k8sAPIQPS from Trident 24.10" +
                    (first is null ? "" : $" ({first.Describe(TridentFacts.NetAppChart)} is the first chart release that passes it)"),
                    $"set the sidecars' {TridentFacts.SidecarQpsFlag} and --kube-api-burst with a workload tuning (delivery kyverno) by container name, or upgrade the chart"));
            }
            else values.Set(TridentFacts.K8sApiQps, Yaml.ScalarValue.Integer(qps), orchestrator.At);
        }
        foreach (var c in orchestrator.Resources ?? [])
        {
            foreach (var (key, quantity) in c.Resources.Requests)
                values.Set(TridentFacts.ControllerResource(c.Container, "requests", key), Yaml.ScalarValue.String(quantity), c.At);
            foreach (var (key, quantity) in c.Resources.Limits)
                values.Set(TridentFacts.ControllerResource(c.Container, "limits", key), Yaml.ScalarValue.String(quantity), c.At);
        }
    }
}
