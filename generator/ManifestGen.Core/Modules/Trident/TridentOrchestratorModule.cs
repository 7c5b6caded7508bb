using ManifestGen.Diagnostics;
using ManifestGen.Generation;
using ManifestGen.Lint;
using ManifestGen.Spec;
using ManifestGen.Values;
using ManifestGen.Yaml;
using Scriban.Runtime;

namespace ManifestGen.Modules.Trident;

/// <summary>
/// Operator settings of the <c>TridentOrchestrator</c>, delivered the way the installed build takes them:
/// <list type="bullet">
/// <item>NetApp's <c>trident-operator</c> chart (100.2510.0 and later) takes <c>k8sAPIQPS</c> and
/// <c>resources.controller.NAME</c> as chart values: they are written where the HelmRelease's values live.</item>
/// <item>Older NetApp charts did not pass k8sAPIQPS to the operator, and QNAP's chart never exposes it: a marked
/// Flux post-renderer patches the rendered TridentOrchestrator of the build's API group (JSON6902 with a target,
/// never the removed <c>patchesJson6902</c>).</item>
/// </list>
/// QNAP's builds (1.3 to 1.6.x, Trident 24.06) store <c>k8sAPIQPS</c> and ignore it; the run says so.
/// </summary>
public sealed class TridentOrchestratorModule : ITuningModule
{
    public const string PostRendererId = "trident-orchestrator";
    public const string Version = "v1";
    public const string Kind = "TridentOrchestrator";

    /// <summary>The TridentOrchestrator's API group of each build.</summary>
    public static string GroupOf(TridentBuild build) => build == TridentBuild.NetApp ? "trident.netapp.io" : "trident.qnap.io";

    public void Apply(ClusterTuningSpec spec, GenerationContext context)
    {
        if (spec.Trident?.Orchestrator is not { } orchestrator) return;
        if (orchestrator.K8sApiQps is null && orchestrator.Resources is not { Count: > 0 }) return;
        var file = orchestrator.HelmRelease.RepoPath;
        var doc = context.FindDocument(orchestrator.HelmRelease, "HelmRelease");
        var chart = TridentChart.Read(context.Workspace, file, doc);
        var build = orchestrator.Build ?? chart.Build ?? throw new InvalidInputException(Diagnostic.Error(DiagnosticCodes.OrchestratorBuildUnknown,
            orchestrator.At.File, orchestrator.At.Position,
            $"cannot tell which Trident {orchestrator.HelmRelease.AsWritten} installs ({chart.Evidence}): neither NetApp's trident-operator chart nor QNAP's trident chart",
            "set trident.orchestrator.build: netapp or qnap"));

        if (build == TridentBuild.Qnap) ApplyQnap(context, orchestrator, file, doc);
        else ApplyNetApp(context, orchestrator, file, doc, chart);
    }

    private static void ApplyQnap(GenerationContext context, TridentOrchestratorTuning orchestrator, string file, DocumentRef doc)
    {
        if (orchestrator.Resources is { Count: > 0 } resources)
            throw new InvalidInputException(Diagnostic.Error(DiagnosticCodes.SpecBadValue, resources[0].At.File, resources[0].At.Position,
                "trident.orchestrator.resources needs NetApp's trident-operator chart 100.2510.0 or later; QNAP's chart and operator (Trident 24.06) have no such setting",
                "set the controller's resources with a workload tuning (delivery kyverno) by container name"));
        if (orchestrator.K8sApiQps is not { } qps) return;
        context.Diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.QnapIgnoresK8sApiQps, orchestrator.At.File, orchestrator.At.Position,
            $"k8sAPIQPS {qps} is written, but QNAP's builds (1.3 to 1.6.x) are based on Trident 24.06, before k8sAPIQPS arrived in 24.10: " +
            "the operator stores the field and ignores it. trident-main's own client stays at 50 QPS / burst 100, and the sidecars keep their defaults",
            "set the sidecars' --kube-api-qps and --kube-api-burst with a workload tuning (delivery kyverno) instead, and check on the live cluster: " +
            "kubectl -n trident get deploy trident-controller -o yaml | grep -E 'k8s_api_qps|kube-api-qps'"));
        WritePostRenderer(context, TridentBuild.Qnap, file, doc, qps);
    }

    private static void ApplyNetApp(GenerationContext context, TridentOrchestratorTuning orchestrator, string file, DocumentRef doc, TridentChart chart)
    {
        var old = chart.Version is { } v && v < TridentChart.ValuesReachOperator;
        if (old && orchestrator.Resources is { Count: > 0 } resources)
            throw new InvalidInputException(Diagnostic.Error(DiagnosticCodes.SpecBadValue, resources[0].At.File, resources[0].At.Position,
                $"trident.orchestrator.resources needs trident-operator chart {TridentChart.ValuesReachOperator} (Trident 25.10) or later; {file} installs {chart.Version}",
                "upgrade the chart, or set the controller's resources with a workload tuning (delivery kyverno) by container name"));

        if (orchestrator.K8sApiQps is { } qps && old)
        {
            var ignored = chart.Version! < TridentChart.OperatorReadsQps
                ? $"; before {TridentChart.OperatorReadsQps} (Trident 24.10) the operator ignores the field too, so it does nothing until the chart is upgraded"
                : "";
            context.Diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.NoK8sApiQps, orchestrator.At.File, orchestrator.At.Position,
                $"trident-operator chart {chart.Version} does not pass the k8sAPIQPS value to the operator (Trident 25.10: \"Fixed Kubernetes API QPS not being set via Helm\"), " +
                $"so it is set on the rendered TridentOrchestrator by a post-renderer{ignored}",
                $"upgrade to chart {TridentChart.ValuesReachOperator} or later, and the next generate writes it as a chart value"));
            context.BeginTuning("trident.orchestrator", "postRenderer");
            WritePostRenderer(context, TridentBuild.NetApp, file, doc, qps);
            return;
        }

        var values = HelmValues.Open(context, orchestrator.HelmRelease, doc, orchestrator.Values, "trident.orchestrator.values");
        context.BeginTuning("trident.orchestrator", "HelmRelease values, in place");
        if (orchestrator.K8sApiQps is { } value) values.Set(YamlPath.Keys("k8sAPIQPS"), ScalarValue.Integer(value));
        foreach (var c in orchestrator.Resources ?? [])
        {
            foreach (var (key, quantity) in c.Resources.Requests)
                values.Set(YamlPath.Keys("resources", "controller", c.Container, "requests", key), ScalarValue.String(quantity));
            foreach (var (key, quantity) in c.Resources.Limits)
                values.Set(YamlPath.Keys("resources", "controller", c.Container, "limits", key), ScalarValue.String(quantity));
        }
    }

    private static void WritePostRenderer(GenerationContext context, TridentBuild build, string file, DocumentRef doc, long qps)
    {
        context.BeginTuning("trident.orchestrator", "postRenderer");
        var patch = context.Templates.Render("trident/orchestrator-patch.yaml.sbn", new ScriptObject { ["k8s_api_qps"] = qps });
        PostRenderers.Upsert(context, file, doc, PostRendererId,
            PostRenderers.Entry(PostRendererId, PostRenderers.Target(GroupOf(build), Version, Kind, name: null), patch));
    }
}
