using ManifestGen.Generation;
using ManifestGen.Spec;
using ManifestGen.Yaml;
using Scriban.Runtime;

namespace ManifestGen.Modules.Trident;

/// <summary>
/// Operator settings of the <c>TridentOrchestrator</c> that QNAP's trident chart renders, delivered as
/// a Flux post-renderer on that HelmRelease: a kustomize JSON6902 patch with a target (never the
/// removed <c>patchesJson6902</c>). The entry is marked, so later runs replace it in place and leave
/// the user's own post-renderers alone.
/// </summary>
public sealed class TridentOrchestratorModule : ITuningModule
{
    public const string PostRendererId = "trident-orchestrator";
    public const string Group = "trident.qnap.io";
    public const string Version = "v1";
    public const string Kind = "TridentOrchestrator";

    public void Apply(ClusterTuningSpec spec, GenerationContext context)
    {
        if (spec.Trident?.Orchestrator is not { K8sApiQps: { } qps } orchestrator) return;
        var file = orchestrator.HelmRelease.RepoPath;
        var doc = context.FindDocument(orchestrator.HelmRelease, "HelmRelease");
        context.BeginTuning("trident.orchestrator", "postRenderer");
        var patch = context.Templates.Render("trident/orchestrator-patch.yaml.sbn", new ScriptObject { ["k8s_api_qps"] = qps });
        PostRenderers.Upsert(context, file, doc, PostRendererId,
            PostRenderers.Entry(PostRendererId, PostRenderers.Target(Group, Version, Kind, name: null), patch));
    }
}
