using System.Text;
using ManifestGen.Tests.Snapshots;
using ManifestGen.Tests.Support;
using ManifestGen.Yaml;

namespace ManifestGen.Tests.Conformance;

/// <summary>
/// The three deliveries express one intent, so the real kustomize applying our emitted patches must
/// give exactly what <c>manifestgen post-render</c> gives on the same input, for the QNAP and the
/// upstream container layouts; and a changed layout must make the patch fail, not tune the wrong container.
/// </summary>
public class WorkloadDeliveryTests
{
    private static readonly string Layouts = Path.Combine(RepoPaths.Root, "tests", "ManifestGen.Tests", "Conformance", "Layouts");

    private const string QnapContainers = """
              containers:
                - names: [csi-provisioner, csi-attacher, csi-resizer, csi-snapshotter]
                  flags: {--kube-api-qps: "50", --kube-api-burst: "100"}
                - names: [trident-main, csi-provisioner, csi-attacher, csi-resizer, csi-snapshotter]
                  resources:
                    requests: {cpu: 50m, memory: 128Mi}
                    limits: {cpu: 200m, memory: 256Mi}
                - names: [storage-api-server]
                  resources:
                    requests: {cpu: 100m, memory: 256Mi}
                    limits: {cpu: 500m, memory: 1Gi}
        """;

    // The runbook's intent, by name: sidecar flags, main and sidecar resources, autosupport resources.
    private const string RunbookContainers = """
              containers:
                - names: [csi-provisioner, csi-attacher, csi-resizer, csi-snapshotter]
                  flags: {--kube-api-qps: "50", --kube-api-burst: "100"}
                - names: [trident-main, csi-provisioner, csi-attacher, csi-resizer, csi-snapshotter]
                  resources:
                    requests: {cpu: 50m, memory: 128Mi}
                    limits: {cpu: 200m, memory: 256Mi}
                - names: [trident-autosupport]
                  resources:
                    requests: {cpu: 10m, memory: 32Mi}
                    limits: {cpu: 50m, memory: 64Mi}
        """;

    private const string HelmRelease = """
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata:
          name: trident
          namespace: trident
        spec:
          interval: 1h
          chart:
            spec:
              chart: trident-controller
              sourceRef: {kind: HelmRepository, name: example}

        """;

    private static TempTree PostRendererRepo(string layout, string containers)
    {
        var tree = new TempTree();
        tree.Write("helmrelease.yaml", HelmRelease);
        File.Copy(Path.Combine(Layouts, layout), tree.PathOf("observed.yaml"));
        tree.Write("tuning.yaml", Spec("delivery: postRenderer\n      helmRelease: helmrelease.yaml\n      observed: observed.yaml", containers));
        return tree;
    }

    /// <summary>A spec with one trident-controller workload: its delivery keys, then its container groups.</summary>
    private static string Spec(string deliveryKeys, string containers) =>
        "apiVersion: manifestgen.io/v1alpha1\nkind: ClusterTuning\nmetadata: {name: t}\nspec:\n  workloads:\n" +
        "    - name: trident-controller\n      target: {kind: Deployment, namespace: trident, name: trident-controller}\n" +
        "      " + deliveryKeys + "\n" + containers + "\n";

    private static YamlValue PostRenderOurs(TempTree tree, string layoutPath)
    {
        var (code, stdout, stderr) = CliRunner.RunWithStdin(File.ReadAllBytes(layoutPath), "post-render", "--spec", tree.PathOf("tuning.yaml"), "--root", tree.Root);
        Assert.True(code == 0, stderr);
        return DataCompare.Object(Encoding.UTF8.GetString(stdout), "Deployment");
    }

    [KubectlTheory]
    [InlineData("qnap.yaml")]
    [InlineData("upstream.yaml")]
    public void Post_renderer_delivery_under_kustomize_equals_post_render(string layout)
    {
        var containers = layout == "qnap.yaml" ? QnapContainers : RunbookContainers;
        using var tree = PostRendererRepo(layout, containers);
        var generate = CliRunner.Run(tree, "generate");
        Assert.True(generate.ExitCode == 0, generate.Stderr);
        var layoutPath = Path.Combine(Layouts, layout);
        var kustomized = PostRendererKustomizeTests.PostRender(tree.PathOf("helmrelease.yaml"), File.ReadAllText(layoutPath));
        DataCompare.AssertSame(PostRenderOurs(tree, layoutPath), DataCompare.Object(kustomized, "Deployment"), layout);
    }

    [KubectlTheory]
    [InlineData("qnap.yaml")]
    [InlineData("upstream.yaml")]
    public void Kustomization_delivery_under_kustomize_equals_post_render(string layout)
    {
        var containers = layout == "qnap.yaml" ? QnapContainers : RunbookContainers;
        using var tree = new TempTree();
        File.Copy(Path.Combine(Layouts, layout), tree.PathOf("deployment.yaml"));
        Directory.CreateDirectory(tree.PathOf("app"));
        File.Move(tree.PathOf("deployment.yaml"), tree.PathOf("app/deployment.yaml"));
        tree.Write("app/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ./deployment.yaml\n");
        tree.Write("tuning.yaml", Spec("delivery: kustomization\n      kustomization: app\n      output: app/trident-controller-patch.yaml", containers));
        var generate = CliRunner.Run(tree, "generate");
        Assert.True(generate.ExitCode == 0, generate.Stderr);
        Assert.Contains("  - path: ./trident-controller-patch.yaml # managed by manifestgen", tree.Read("app/kustomization.yaml"));
        var built = DataCompare.Object(Kubectl.Kustomize(tree.PathOf("app")), "Deployment");
        DataCompare.AssertSame(PostRenderOurs(tree, Path.Combine(Layouts, layout)), built, layout);
    }

    [KubectlFact]
    public void A_reordered_layout_makes_the_emitted_patch_fail_under_kustomize()
    {
        using var tree = PostRendererRepo("qnap.yaml", QnapContainers);
        Assert.Equal(0, CliRunner.Run(tree, "generate").ExitCode);
        // The next build swaps two sidecars: index 2 is now csi-attacher.
        var qnap = File.ReadAllText(Path.Combine(Layouts, "qnap.yaml"));
        var provisioner = qnap[qnap.IndexOf("        - name: csi-provisioner", StringComparison.Ordinal)..qnap.IndexOf("        - name: csi-attacher", StringComparison.Ordinal)];
        var attacher = qnap[qnap.IndexOf("        - name: csi-attacher", StringComparison.Ordinal)..qnap.IndexOf("        - name: csi-resizer", StringComparison.Ordinal)];
        var reordered = qnap.Replace(provisioner + attacher, attacher + provisioner);
        Assert.NotEqual(qnap, reordered);
        var ex = Assert.Throws<InvalidOperationException>(() => PostRendererKustomizeTests.PostRender(tree.PathOf("helmrelease.yaml"), reordered));
        Assert.Contains("testing value /spec/template/spec/containers/2/name failed", ex.Message);
        // post-render works by name, so the same intent still lands on the right containers.
        var (code, _, stderr) = CliRunner.RunWithStdin(Encoding.UTF8.GetBytes(reordered), "post-render", "--spec", tree.PathOf("tuning.yaml"), "--root", tree.Root);
        Assert.True(code == 0, stderr);
    }

    [KubectlFact]
    public void The_runbook_commands_match_ours_where_their_indices_hold_and_go_wrong_on_qnap()
    {
        var runbook = File.ReadAllText(Path.Combine(Layouts, "runbook-patch.json"));
        YamlValue KubectlPatch(string layout)
        {
            var (code, stdout, stderr) = Kubectl.Run("patch", "--local", "-f", Path.Combine(Layouts, layout), "--type=json", "-p", runbook, "-o", "yaml");
            Assert.True(code == 0, stderr);
            return YamlValue.Parse(stdout);
        }

        // Where the runbook's indices mean what its author meant, it and ours configure the same containers.
        using (var tree = PostRendererRepo("runbook-era.yaml", RunbookContainers))
        {
            var ours = PostRenderOurs(tree, Path.Combine(Layouts, "runbook-era.yaml"));
            DataCompare.AssertSame(DataCompare.EffectiveContainers(KubectlPatch("runbook-era.yaml")), DataCompare.EffectiveContainers(ours), "runbook-era layout");
        }

        // On QNAP's layout the same commands tune storage-api-server as a CSI sidecar and miss csi-snapshotter.
        var wrong = (YamlSeq)DataCompare.EffectiveContainers(KubectlPatch("qnap.yaml"));
        Assert.Contains("--kube-api-qps=50", Args(wrong, "storage-api-server"));
        Assert.DoesNotContain("--kube-api-qps=50", Args(wrong, "csi-snapshotter"));
        Assert.Equal("32Mi", Requests(wrong, "csi-snapshotter"));

        // Ours, by name: the runbook's intent names trident-autosupport, which QNAP's build lacks: a loud error.
        using (var tree = PostRendererRepo("runbook-era.yaml", RunbookContainers))
        {
            var (code, _, stderr) = CliRunner.RunWithStdin(File.ReadAllBytes(Path.Combine(Layouts, "qnap.yaml")), "post-render", "--spec", tree.PathOf("tuning.yaml"), "--root", tree.Root);
            Assert.Equal(2, code);
            Assert.Contains("has no container named trident-autosupport", stderr);
        }
        // And the QNAP intent, by name, tunes exactly the right containers.
        using (var tree = PostRendererRepo("qnap.yaml", QnapContainers))
        {
            var right = (YamlSeq)DataCompare.EffectiveContainers(PostRenderOurs(tree, Path.Combine(Layouts, "qnap.yaml")));
            Assert.DoesNotContain("--kube-api-qps=50", Args(right, "storage-api-server"));
            Assert.Contains("--kube-api-qps=50", Args(right, "csi-snapshotter"));
            Assert.Equal("128Mi", Requests(right, "csi-snapshotter"));
            Assert.Equal("256Mi", Requests(right, "storage-api-server"));
        }
    }

    [SharedFact]
    public void The_kyverno_policy_of_the_example_validates_against_the_kyverno_crd()
    {
        var schema = CrdSchema.Load("kyverno.io_clusterpolicies.crd.yaml", "v1");
        var policy = Path.Combine(GenerateSnapshotTests.CasesDir, "example-cluster", "expected",
            "kubernetes", "apps", "storage", "qnap-csi-plugin", "app", "trident-controller-tuning.yaml");
        var errors = schema.Validate(YamlValue.Parse(File.ReadAllText(policy)));
        Assert.True(errors.Count == 0, string.Join("; ", errors));
    }

    private static List<string> Args(YamlSeq containers, string name) =>
        (((YamlMap)containers.Items.Single(c => ((YamlScalar)((YamlMap)c).Get("name")!).Value.Text == name)).Get("args") as YamlSeq)?
            .Items.Select(a => ((YamlScalar)a).Value.Text).ToList() ?? [];

    private static string? Requests(YamlSeq containers, string name) =>
        ((((YamlMap)containers.Items.Single(c => ((YamlScalar)((YamlMap)c).Get("name")!).Value.Text == name)).Get("resources") as YamlMap)?
            .Get("requests") as YamlMap)?.Get("memory") is YamlScalar s ? s.Value.Text : null;
}
