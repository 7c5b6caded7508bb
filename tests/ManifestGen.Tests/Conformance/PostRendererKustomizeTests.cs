using ManifestGen.Tests.Snapshots;
using ManifestGen.Tests.Support;
using ManifestGen.Yaml;

namespace ManifestGen.Tests.Conformance;

/// <summary>
/// Runs helm-controller's post-render step with the real kustomize: a kustomization over the chart's
/// rendered objects plus the HelmRelease's <c>spec.postRenderers[].kustomize.patches</c>, built with
/// <c>kubectl kustomize</c>. The emitted patch must set k8sAPIQPS on the rendered TridentOrchestrator.
/// </summary>
public class PostRendererKustomizeTests
{
    // What QNAP's trident chart renders for the orchestrator (as in its Deploy/Trident sample).
    private const string RenderedOrchestrator = """
        apiVersion: trident.qnap.io/v1
        kind: TridentOrchestrator
        metadata:
          name: trident
        spec:
          debug: false
          namespace: trident
          tridentImage: qnapsystem/qnap-csi:v1.6.1
        """;

    [KubectlFact]
    public void Emitted_post_renderer_sets_k8sAPIQPS_under_kustomize()
    {
        using var tree = new TempTree(RepoPaths.ExampleInput);
        tree.AddOrchestratorQps();
        Assert.Equal(0, CliRunner.Run(tree, "generate").ExitCode);
        var release = tree.PathOf("kubernetes/apps/storage/qnap-csi-plugin/app/helmrelease.yaml");
        var output = PostRender(release, RenderedOrchestrator);
        var orchestrator = (YamlMap)YamlValue.Parse(output);
        var qps = ((YamlMap)orchestrator.Get("spec")!).Get("k8sAPIQPS");
        Assert.True(qps is YamlScalar { Value.Kind: ScalarKind.Integer, Value.Text: "50" }, output);
        Assert.Contains("tridentImage: qnapsystem/qnap-csi:v1.6.1", output);
    }

    [KubectlFact]
    public void A_user_post_renderer_beside_ours_still_applies()
    {
        var expected = Path.Combine(GenerateSnapshotTests.CasesDir, "trident-orchestrator-beside-user-postrenderer", "expected", "helmrelease.yaml");
        var operatorDeployment = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: trident-operator
            spec:
              selector: {matchLabels: {app: operator}}
              template:
                metadata: {labels: {app: operator}}
                spec:
                  containers:
                    - name: trident-operator
                      image: qnapsystem/qnap-csi-operator:v1.6.1
            """;
        var output = PostRender(expected, RenderedOrchestrator + "\n---\n" + operatorDeployment);
        Assert.Contains("k8sAPIQPS: 40", output);
        Assert.Contains("node-role/storage: \"true\"", output);
    }

    /// <summary>kustomize over the rendered manifests with each post-renderer's patches, in order, as helm-controller does.</summary>
    public static string PostRender(string helmReleasePath, string rendered)
    {
        var release = YamlFile.Parse(File.ReadAllBytes(helmReleasePath));
        var doc = release.Documents.Single(d => d.Kind == "HelmRelease");
        var postRenderers = (YamlSeq)YamlEditor.GetValue(release, DocumentSelector.At(doc.Index), "spec.postRenderers")!;
        var current = rendered;
        foreach (var pr in postRenderers.Items.Cast<YamlMap>())
        {
            using var dir = new TempTree();
            dir.Write("rendered.yaml", current);
            var kustomize = (YamlMap)pr.Get("kustomize")!;
            var kustomization = new YamlMap(
            [
                new("apiVersion", YamlValue.Scalar("kustomize.config.k8s.io/v1beta1")),
                new("kind", YamlValue.Scalar("Kustomization")),
                new("resources", new YamlSeq([YamlValue.Scalar("rendered.yaml")])),
                new("patches", kustomize.Get("patches")!),
            ]);
            dir.Write("kustomization.yaml", YamlWriter.Document(kustomization));
            current = Kubectl.Kustomize(dir.Root);
        }
        return current;
    }
}
