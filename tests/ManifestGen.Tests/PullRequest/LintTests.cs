using ManifestGen.Tests.Support;

namespace ManifestGen.Tests.PullRequest;

/// <summary>Each lint code of validate: one case where it fires, one where it does not.</summary>
public class LintTests
{
    private static CliRunner.Result Validate(Action<TempTree> change)
    {
        using var tree = new TempTree(RepoPaths.ExampleInput);
        change(tree);
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
        var fires = Validate(t => Edit(t, Qnap, "apiVersion: helm.toolkit.fluxcd.io/v2\n", "apiVersion: helm.toolkit.fluxcd.io/v2beta2\n"));
        Assert.Contains($"{Qnap}:5:13: warning MG0005: HelmRelease qnap-csi-plugin uses helm.toolkit.fluxcd.io/v2beta2", fires.Stderr);
        Assert.DoesNotContain("MG0005", Validate(_ => { }).Stderr);
    }

    [Fact]
    public void MG0006_removed_post_renderer_fields()
    {
        var fires = Validate(t => Edit(t, Qnap, "    forceInstallRancherClusterRoles: false\n",
            "    forceInstallRancherClusterRoles: false\n  postRenderers:\n    - kustomize:\n        patchesJson6902:\n          - target: {kind: Deployment, name: x}\n            patch: []\n"));
        Assert.Contains("error MG0006: post-renderer field patchesJson6902 was removed from helm.toolkit.fluxcd.io/v2", fires.Stderr);
        Assert.Equal(2, fires.ExitCode);
        Assert.DoesNotContain("MG0006", Validate(_ => { }).Stderr);
    }
}
