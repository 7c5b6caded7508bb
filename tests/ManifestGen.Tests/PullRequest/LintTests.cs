using ManifestGen.Tests.Support;

namespace ManifestGen.Tests.PullRequest;

/// <summary>Each lint code of validate: one case where it fires, one where it does not.</summary>
public class LintTests
{
    private static CliRunner.Result Validate(params Action<TempTree>[] changes)
    {
        using var tree = new TempTree(RepoPaths.ExampleInput);
        foreach (var change in changes) change(tree);
        return CliRunner.Run(tree, "validate");
    }

    private static void Edit(TempTree tree, string file, string from, string to)
    {
        var text = tree.Read(file);
        Assert.Contains(from, text);
        tree.Write(file, text.Replace(from, to));
    }

    private const string Cilium = "kubernetes/apps/kube-system/cilium/app/helmrelease.yaml";
    private const string Qnap = "kubernetes/apps/storage/qnap-csi-plugin/app/helmrelease.yaml";

    [Fact]
    public void MG0001_dead_cilium_keys()
    {
        var fires = Validate(_ => { });
        Assert.Contains($"{Cilium}:35:21: warning MG0001: spec.values.bpf.ctTcpTimeout is not a Cilium chart value: it does nothing (hint: set extraConfig.bpf-ct-timeout-regular-tcp with a unit", fires.Stderr);
        Assert.Contains("ctTcpTimeoutClose is not a Cilium chart value: it does nothing (hint: Cilium has no TCP close timeout", fires.Stderr);
        Assert.Equal(0, fires.ExitCode); // warnings do not fail validate
        var quiet = Validate(t => Edit(t, Cilium, "      ctTcpTimeout: 21600       # 6h, in seconds\n      ctAnyTimeout: 60          # UDP and everything else\n      ctTcpTimeoutFin: 10\n      ctTcpTimeoutClose: 10\n", ""));
        Assert.DoesNotContain("MG0001", quiet.Stderr);
    }

    [Fact]
    public void MG0002_bare_number_timeouts()
    {
        var fires = Validate(t => Edit(t, Cilium, "    rollOutCiliumPods: false\n", "    rollOutCiliumPods: false\n    extraConfig:\n      bpf-ct-timeout-regular-tcp: \"21600\"\n"));
        Assert.Contains("error MG0002: extraConfig.bpf-ct-timeout-regular-tcp is 21600 without a unit: Cilium reads it as 21600 nanoseconds (hint: write \"21600s\" for seconds)", fires.Stderr);
        Assert.Equal(2, fires.ExitCode);
        var quiet = Validate(t => Edit(t, Cilium, "    rollOutCiliumPods: false\n", "    rollOutCiliumPods: false\n    extraConfig:\n      bpf-ct-timeout-regular-tcp: \"21600s\"\n"));
        Assert.DoesNotContain("MG0002", quiet.Stderr);
    }

    [Fact]
    public void MG0003_conntrack_without_rollout()
    {
        var fires = Validate(t => Edit(t, "tuning.yaml", "    rollOutPods: true ", "    rollOutPods: false"));
        Assert.Contains("tuning.yaml:9:3: warning MG0003: conntrack tuning without rollOutCiliumPods", fires.Stderr);
        Assert.DoesNotContain("MG0003", Validate(_ => { }).Stderr);
    }

    [Fact]
    public void MG0004_orchestrator_qps_and_sidecar_flags()
    {
        var fires = Validate(t => t.AddOrchestratorQps());
        Assert.Contains("warning MG0004: workload trident-controller sets --kube-api-qps on csi-provisioner while trident.orchestrator.k8sAPIQPS also sets the sidecars' QPS", fires.Stderr);
        var quiet = Validate(_ => { });
        Assert.DoesNotContain("MG0004", quiet.Stderr);
    }

    [Fact]
    public void MG0005_old_helm_release_api()
    {
        var fires = Validate(t =>
        {
            t.AddOrchestratorQps();
            Edit(t, Qnap, "apiVersion: helm.toolkit.fluxcd.io/v2\n", "apiVersion: helm.toolkit.fluxcd.io/v2beta2\n");
        });
        Assert.Contains($"{Qnap}:5:13: warning MG0005: HelmRelease qnap-csi-plugin uses helm.toolkit.fluxcd.io/v2beta2", fires.Stderr);
        Assert.DoesNotContain("MG0005", Validate(_ => { }).Stderr);
    }

    [Fact]
    public void MG0006_removed_post_renderer_fields()
    {
        var fires = Validate(t => t.AddOrchestratorQps(), t => Edit(t, Qnap, "    forceInstallRancherClusterRoles: false\n",
            "    forceInstallRancherClusterRoles: false\n  postRenderers:\n    - kustomize:\n        patchesJson6902:\n          - target: {kind: Deployment, name: x}\n            patch: []\n"));
        Assert.Contains("error MG0006: post-renderer field patchesJson6902 was removed from helm.toolkit.fluxcd.io/v2", fires.Stderr);
        Assert.Equal(2, fires.ExitCode);
        Assert.DoesNotContain("MG0006", Validate(_ => { }).Stderr);
    }

    private static CliRunner.Result ValidateCase(string name, Action<TempTree>? change = null)
    {
        using var tree = new TempTree(Path.Combine(Snapshots.GenerateSnapshotTests.CasesDir, name, "input"));
        change?.Invoke(tree);
        return CliRunner.Run(tree, "validate");
    }

    [Fact]
    public void MG0001_to_MG0003_read_the_values_where_they_live()
    {
        var block = ValidateCase("values-configmap-block");
        Assert.Contains("apps/cilium/values-configmap.yaml:17:21: warning MG0001: bpf.ctTcpTimeout is not a Cilium chart value", block.Stderr);
        var file = ValidateCase("values-configmapgenerator",
            t => Edit(t, "kubernetes/apps/kube-system/cilium/app/helm-values.yaml", "cluster:\n", "extraConfig:\n  bpf-ct-timeout-regular-any: \"60\"\ncluster:\n"));
        Assert.Contains("kubernetes/apps/kube-system/cilium/app/helm-values.yaml:7:17: warning MG0001", file.Stderr);
        Assert.Contains("kubernetes/apps/kube-system/cilium/app/helm-values.yaml:13:31: error MG0002: extraConfig.bpf-ct-timeout-regular-any is 60 without a unit", file.Stderr);
        // rollOutCiliumPods: false in the values file, and the spec does not set rollOutPods: the last source decides.
        var noRollout = ValidateCase("values-configmapgenerator", t => Edit(t, "tuning.yaml", "    rollOutPods: true\n", ""));
        Assert.Contains("warning MG0003", noRollout.Stderr);
        var inlineWins = ValidateCase("values-mixed-inline", t =>
        {
            Edit(t, "tuning.yaml", "    rollOutPods: true\n", "");
            Edit(t, "cilium/values.yaml", "hubble:", "rollOutCiliumPods: true\nhubble:");
        });
        Assert.Contains("warning MG0003", inlineWins.Stderr); // spec.values says false, and it is merged last
    }

    [Fact]
    public void MG0007_k8sAPIQPS_on_QNAP_s_build()
    {
        var fires = Validate(t => t.AddOrchestratorQps());
        Assert.Contains("warning MG0007: k8sAPIQPS 50 is written, but QNAP's builds (1.3 to 1.6.x) are based on Trident 24.06", fires.Stderr);
        Assert.Contains("kubectl -n trident get deploy trident-controller -o yaml | grep -E 'k8s_api_qps|kube-api-qps'", fires.Stderr);
        Assert.DoesNotContain("MG0007", Validate(_ => { }).Stderr);
        Assert.DoesNotContain("MG0007", ValidateCase("trident-netapp-helmrepository").Stderr);
    }

    /// <summary>
    /// The chart data decides: NetApp's template passes k8sAPIQPS from 100.2410.0, so 100.2506.1 takes it in place with
    /// no warning; a chart of Trident 24.06 or older has no k8sAPIQPS anywhere, and MG0008 says nothing was written.
    /// </summary>
    [Fact]
    public void MG0008_a_NetApp_chart_whose_Trident_has_no_k8sAPIQPS()
    {
        Assert.DoesNotContain("MG0008", ValidateCase("trident-netapp-oci-old-chart").Stderr);
        var ancient = ValidateCase("trident-netapp-oci-old-chart", t => Edit(t, "trident/oci.yaml", "tag: 100.2506.1", "tag: 100.2406.0"));
        Assert.Contains("warning MG0008: k8sAPIQPS 50 is not written: trident-operator 100.2406.0 (Trident 24.06.0) has no k8sAPIQPS", ancient.Stderr);
        Assert.Contains("(trident-operator 100.2410.0 is the first chart release that passes it)", ancient.Stderr);
        Assert.DoesNotContain("MG0008", ValidateCase("trident-netapp-helmrepository").Stderr);
    }
}
