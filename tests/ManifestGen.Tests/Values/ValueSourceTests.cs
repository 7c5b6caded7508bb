using ManifestGen.Tests.Support;
using ManifestGen.Yaml;

namespace ManifestGen.Tests.Values;

/// <summary>
/// Where values are written, and the layouts refused: each refusal names the reference, leaves the
/// repository as it was, and points at the spec's <c>values</c> key.
/// </summary>
public class ValueSourceTests
{
    private const string Release = """
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata:
          name: cilium
          namespace: kube-system
        spec:
          interval: 1h
          chart:
            spec:
              chart: cilium
              sourceRef: {kind: HelmRepository, name: cilium}
          valuesFrom:
            - kind: ConfigMap
              name: cilium-values

        """;

    private static TempTree Tree(string kustomization, string release = Release, string spec = "    rollOutPods: true\n")
    {
        var tree = new TempTree();
        tree.Write("app/helmrelease.yaml", release);
        tree.Write("app/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: kube-system\nresources:\n  - helmrelease.yaml\n" + kustomization);
        tree.Write("tuning.yaml", $"apiVersion: manifestgen.io/v1alpha1\nkind: ClusterTuning\nmetadata:\n  name: t\nspec:\n  cilium:\n    helmRelease: app/helmrelease.yaml\n{spec}");
        return tree;
    }

    private static void Refused(TempTree tree, string message)
    {
        var before = tree.Snapshot();
        var result = CliRunner.Run(tree, "generate");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr);
        Assert.Contains("cilium.values: PATH", result.Stderr);
        Assert.Equal(before, tree.Snapshot());
    }

    [Fact]
    public void A_target_path_is_refused() =>
        Refused(Tree("", Release.Replace("      name: cilium-values\n", "      name: cilium-values\n      targetPath: bpf.ctTcpMax\n")),
            "app/helmrelease.yaml:13:7: error MG3007: spec.valuesFrom[0] (ConfigMap cilium-values, key values.yaml): targetPath bpf.ctTcpMax places one value");

    [Fact]
    public void A_config_map_the_repository_does_not_produce_is_refused() =>
        Refused(Tree(""), "the repository does not produce this ConfigMap (app/kustomization.yaml, which lists the HelmRelease, has neither a configMapGenerator nor a listed ConfigMap manifest of that name)");

    [Fact]
    public void A_generator_without_a_file_under_the_key_is_refused() =>
        Refused(Tree("configMapGenerator:\n  - name: cilium-values\n    literals:\n      - values.yaml=a\n"),
            "the configMapGenerator cilium-values in app/kustomization.yaml has no file under the key values.yaml");

    [Fact]
    public void A_values_file_outside_the_repository_is_refused()
    {
        using var tree = Tree("configMapGenerator:\n  - name: cilium-values\n    files:\n      - values.yaml=../../values.yaml\n");
        var result = CliRunner.Run(["generate", "--spec", tree.PathOf("tuning.yaml"), "--root", tree.Root]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("app/kustomization.yaml builds it from ../../values.yaml, which is outside the repository", result.Stderr);
    }

    [Fact]
    public void A_folded_block_is_refused()
    {
        using var tree = Tree("  - values.yaml\n");
        tree.Write("app/values.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cilium-values\ndata:\n  values.yaml: >\n    bpf: {}\n");
        Refused(tree, "data.values.yaml in app/values.yaml is not a literal block (|), so its YAML cannot be edited in place");
    }

    [Fact]
    public void A_release_no_kustomization_lists_is_refused()
    {
        using var tree = Tree("");
        tree.Write("app/kustomization.yaml", "resources: []\n");
        Refused(tree, "no kustomization.yaml lists this HelmRelease, so the ConfigMap cannot be followed to a file");
    }

    [Fact]
    public void The_spec_s_values_key_names_the_file_for_layouts_the_tool_cannot_follow()
    {
        // A per-cluster overlay patches the ConfigMap; its block is what this cluster gets.
        using var tree = Tree("configMapGenerator:\n  - name: cilium-values\n    files:\n      - values.yaml\n",
            spec: "    values: overlays/prod/values-patch.yaml\n    rollOutPods: true\n");
        tree.Write("app/values.yaml", "bpf:\n  masquerade: true\n");
        const string patch = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cilium-values\ndata:\n  values.yaml: |\n    # prod overrides\n    ipv4NativeRoutingCIDR: 10.102.0.0/16\n";
        tree.Write("overlays/prod/values-patch.yaml", patch);
        tree.Write("overlays/prod/kustomization.yaml", "resources:\n  - ../../app\npatches:\n  - path: values-patch.yaml\n");
        var result = CliRunner.Run(tree, "generate");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(patch + "    rollOutCiliumPods: true # managed by manifestgen\n", tree.Read("overlays/prod/values-patch.yaml"));
        Assert.Equal("bpf:\n  masquerade: true\n", tree.Read("app/values.yaml"));

        // The same file, once no kustomization references it: Flux never applies it, so it is not edited.
        tree.Write("overlays/prod/kustomization.yaml", "resources:\n  - ../../app\n");
        var unreferenced = CliRunner.Run(tree, "generate");
        Assert.Equal(2, unreferenced.ExitCode);
        Assert.Contains("error MG3006: cilium.values: no kustomization.yaml in the repository references overlays/prod/values-patch.yaml", unreferenced.Stderr);
    }

    [KubectlFact]
    public void The_spec_s_values_key_naming_a_cluster_s_HelmRelease_patch_writes_under_its_spec_values()
    {
        // Flux's own layout: a base HelmRelease, and a patch per cluster that the overlay's kustomization lists.
        using var tree = Tree("", release: Release.Replace("  valuesFrom:\n    - kind: ConfigMap\n      name: cilium-values\n", "  values:\n    bpf:\n      masquerade: true\n"),
            spec: "    values: overlays/prod/cilium-patch.yaml\n    rollOutPods: true\n    conntrack:\n      tcpTimeout: 6h\n");
        const string patch = "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: cilium\n  namespace: kube-system\nspec:\n  chart:\n    spec:\n      version: 1.18.4\n";
        tree.Write("overlays/prod/cilium-patch.yaml", patch);
        tree.Write("overlays/prod/kustomization.yaml", "resources:\n  - ../../app\npatches:\n  - path: cilium-patch.yaml\n");
        var result = CliRunner.Run(tree, "generate");
        Assert.True(result.ExitCode == 0, result.Stderr);
        var written = YamlValue.FromNode(YamlFile.Parse(File.ReadAllBytes(tree.PathOf("overlays/prod/cilium-patch.yaml"))).Documents[0].Root) as YamlMap;
        // Nothing at the patch's top level beside apiVersion, kind, metadata and spec.
        Assert.Equal(["apiVersion", "kind", "metadata", "spec"], written!.Entries.Select(e => e.Key));
        // What Flux applies for that cluster: the base's values and the tuning, merged into the rendered HelmRelease.
        var rendered = YamlFile.Parse(Kubectl.Kustomize(tree.PathOf("overlays/prod"))).Documents.Single(d => d.Kind == "HelmRelease");
        var values = YamlValue.At(YamlValue.FromNode(rendered.Root), "spec", "values");
        Assert.Equal("true", YamlValue.TextOf(YamlValue.At(values, "rollOutCiliumPods")));
        Assert.Equal("6h", YamlValue.TextOf(YamlValue.At(values, "extraConfig", "bpf-ct-timeout-regular-tcp")));
        Assert.Equal("true", YamlValue.TextOf(YamlValue.At(values, "bpf", "masquerade")));
        Assert.Equal(0, CliRunner.Run(tree, "check").ExitCode);
        Assert.Equal(0, CliRunner.Run(tree, "validate").ExitCode);

        // The tuning removed: the patch is given back byte for byte.
        var tuned = tree.Read("tuning.yaml");
        tree.Write("tuning.yaml", tuned.Replace("    rollOutPods: true\n    conntrack:\n      tcpTimeout: 6h\n", ""));
        Assert.Equal(0, CliRunner.Run(tree, "generate").ExitCode);
        Assert.Equal(patch, tree.Read("overlays/prod/cilium-patch.yaml"));
        tree.Write("tuning.yaml", tuned);

        // Naming a file that holds another kind is a located error, and nothing is written.
        tree.Write("overlays/prod/operator-patch.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: cilium-operator\nspec:\n  replicas: 1\n");
        tree.Write("overlays/prod/kustomization.yaml", "resources:\n  - ../../app\npatches:\n  - path: cilium-patch.yaml\n  - path: operator-patch.yaml\n");
        tree.Write("tuning.yaml", tree.Read("tuning.yaml").Replace("overlays/prod/cilium-patch.yaml", "overlays/prod/operator-patch.yaml"));
        var before = tree.Snapshot();
        var refused = CliRunner.Run(tree, "generate");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("tuning.yaml:8:13: error MG3002: cilium.values names overlays/prod/operator-patch.yaml, which holds a Deployment", refused.Stderr);
        Assert.Equal(before, tree.Snapshot());
    }

    private static TempTree Orchestrator(string chart, string orchestrator)
    {
        var tree = new TempTree();
        tree.Write("trident/helmrelease.yaml",
            $"apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: trident\n  namespace: trident\nspec:\n  chart:\n    spec:\n{chart}  values:\n    debug: false\n");
        tree.Write("tuning.yaml", $"apiVersion: manifestgen.io/v1alpha1\nkind: ClusterTuning\nmetadata:\n  name: t\nspec:\n  trident:\n    orchestrator:\n      helmRelease: trident/helmrelease.yaml\n{orchestrator}");
        return tree;
    }

    [Fact]
    public void An_orchestrator_chart_of_unknown_build_asks_for_the_build_and_the_build_key_decides()
    {
        const string chart = "      chart: ./charts/storage\n      sourceRef: {kind: GitRepository, name: platform}\n";
        using var unknown = Orchestrator(chart, "      k8sAPIQPS: 50\n");
        var result = CliRunner.Run(unknown, "generate");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error MG3008: cannot tell which Trident trident/helmrelease.yaml installs (chart ./charts/storage from GitRepository platform)", result.Stderr);
        Assert.Contains("set trident.orchestrator.build: netapp or qnap", result.Stderr);

        using var netapp = Orchestrator(chart, "      build: netapp\n      k8sAPIQPS: 50\n");
        Assert.Equal(0, CliRunner.Run(netapp, "generate").ExitCode);
        Assert.Contains("    k8sAPIQPS: 50 # managed by manifestgen\n", netapp.Read("trident/helmrelease.yaml"));

        using var qnap = Orchestrator(chart, "      build: qnap\n      k8sAPIQPS: 50\n");
        Assert.Equal(0, CliRunner.Run(qnap, "generate").ExitCode);
        Assert.Contains("group: trident.qnap.io", qnap.Read("trident/helmrelease.yaml"));
    }

    [Fact]
    public void Controller_resources_name_upstream_containers_and_need_NetApp_s_chart()
    {
        const string netappChart = "      chart: trident-operator\n      version: 100.2510.0\n      sourceRef: {kind: HelmRepository, name: netapp-trident}\n";
        using var misspelled = Orchestrator(netappChart, "      resources:\n        csi-provisoner: {limits: {cpu: 1}}\n");
        var wrong = CliRunner.Run(misspelled, "validate");
        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("'csi-provisoner'", wrong.Stderr);
        Assert.Contains("it sets trident-main, csi-provisioner, csi-attacher, csi-resizer, csi-snapshotter, trident-autosupport", wrong.Stderr);

        using var qnap = Orchestrator("      chart: ./Helm/trident\n      sourceRef: {kind: GitRepository, name: qnap-csi}\n", "      resources:\n        trident-main: {limits: {cpu: 1}}\n");
        var refused = CliRunner.Run(qnap, "generate");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("needs NetApp's trident-operator chart; QNAP's chart and operator (Trident 24.06) have no such setting", refused.Stderr);

        // The chart data says where resources.controller starts: an older NetApp chart is refused, naming that release.
        using var older = Orchestrator(netappChart.Replace("100.2510.0", "100.2506.3"), "      resources:\n        trident-main: {limits: {cpu: 1}}\n");
        var old = CliRunner.Run(older, "generate");
        Assert.Equal(2, old.ExitCode);
        Assert.Contains("error MG3009: trident-operator 100.2506.3 does not read the value resources.controller.trident-main.limits.cpu", old.Stderr);
        Assert.Contains("trident-operator 100.2510.0 is the first release that reads it", old.Stderr);
    }
}
