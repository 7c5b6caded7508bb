using ManifestGen.Ownership;
using ManifestGen.Templates;
using ManifestGen.Tests.Support;
using ManifestGen.Workspace;
using Scriban.Runtime;

namespace ManifestGen.Tests.Templates;

/// <summary>
/// The built-in templates render without Scriban's standard library (its reflective import was over
/// half of a native <c>check</c>), and a user's template that uses the library still works.
/// </summary>
public class TemplateBuiltinsTests
{
    /// <summary>A user's orchestrator patch that calls the standard library: it writes k8sAPIQPS, one more than the spec's 50.</summary>
    public const string StandardLibraryTemplate =
        "- op: add\n  path: /spec/{{ \"K8SAPIQPS\" | string.downcase | string.replace \"k8sapiqps\" \"k8sAPIQPS\" }}\n  value: {{ yaml (k8s_api_qps | math.plus 1) }}\n";

    [Fact]
    public void The_built_in_templates_never_reach_the_standard_library()
    {
        var renderer = new TemplateRenderer(null);
        var doc = new DocumentRef("HelmRelease", "cilium", "kube-system");
        var taken = new InventoryEntry("cluster-config/a.yaml", doc, "spec.values.rollOutCiliumPods", null);
        var inventory = Inventory.Render(renderer, "cluster-config/tuning.yaml", "tuning",
        [
            new InventoryEntry("cluster-config/a.yaml", doc, "spec.values.bpf.ctTcpMax", null),
            taken,
            new InventoryEntry("cluster-config/v.yaml", new DocumentRef("ConfigMap", "values", null), "bpf.ctAnyMax", null, null, "data.\"values.yaml\""),
            new InventoryEntry("cluster-config/a.yaml", doc, null, "trident-orchestrator"),
            new InventoryEntry("cluster-config/kustomization.yaml", new DocumentRef("", null, null), null, null, "resources=x.yaml"),
            InventoryEntry.OwnedFile("cluster-config/x.yaml"),
        ], new Dictionary<InventoryEntry, string> { [taken] = " false # the user's" });
        var patch = renderer.Render("trident/orchestrator-patch.yaml.sbn", new ScriptObject { ["k8s_api_qps"] = 50 });
        var owned = renderer.Render("generated-file.yaml.sbn", new ScriptObject { ["spec_file"] = "tuning.yaml", ["purpose"] = "a test", ["body"] = "a: 1" });

        Assert.Contains("      - spec.values.bpf.ctTcpMax\n", inventory);
        Assert.Contains("      - trident-orchestrator\n", inventory);
        Assert.Contains("      - resources=x.yaml\n", inventory);
        Assert.Contains("  - x.yaml\n", inventory);
        Assert.Contains("value: 50", patch);
        Assert.EndsWith("a: 1\n", owned);
        Assert.Equal(0, renderer.StandardLibraryRenders);
    }

    [Fact]
    public void A_user_template_can_still_use_the_standard_library()
    {
        using var tree = new TempTree(RepoPaths.ExampleInput);
        tree.AddOrchestratorQps();
        tree.Write("t/trident/orchestrator-patch.yaml.sbn", StandardLibraryTemplate);
        var result = CliRunner.Run(tree, "generate", "--templates", tree.PathOf("t"));
        Assert.Equal(0, result.ExitCode);
        var helmRelease = tree.Read("kubernetes/apps/storage/qnap-csi-plugin/app/helmrelease.yaml");
        Assert.Contains("path: /spec/k8sAPIQPS", helmRelease);
        Assert.Contains("value: 51", helmRelease);
    }
}
