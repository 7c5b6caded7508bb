using ManifestGen.Tests.Support;

namespace ManifestGen.Tests.Cli;

public class GenerateCheckTests
{
    // The example cluster as committed (cluster-config/ itself may have been generated already).
    /// <summary>The example with an orchestrator tuning, so that a run writes a template-rendered post-renderer too.</summary>
    private static TempTree Example()
    {
        var tree = new TempTree(RepoPaths.ExampleInput);
        tree.AddOrchestratorQps();
        return tree;
    }

    private static CliRunner.Result Run(TempTree tree, string verb) =>
        CliRunner.Run(verb, "--spec", tree.PathOf("tuning.yaml"), "--root", tree.Root);

    [Fact]
    public void Check_on_the_untuned_example_exits_1_with_a_diff_and_writes_nothing()
    {
        using var tree = Example();
        var before = tree.Snapshot();
        var check = Run(tree, "check");
        Assert.Equal(1, check.ExitCode);
        Assert.Contains("--- a/kubernetes/apps/kube-system/cilium/app/helmrelease.yaml", check.Stdout);
        Assert.Contains("+      bpf-ct-timeout-regular-tcp: \"6h\" # managed by manifestgen", check.Stdout);
        Assert.Contains("-      ctTcpTimeout: 21600       # 6h, in seconds", check.Stdout);
        Assert.Contains("run `manifestgen generate`", check.Stderr);
        Assert.Equal(before, tree.Snapshot());
    }

    [Fact]
    public void Generate_then_check_exits_0_and_a_hand_edit_makes_check_exit_1()
    {
        using var tree = Example();
        var generate = Run(tree, "generate");
        Assert.Equal(0, generate.ExitCode);
        Assert.Equal(
            "updated kubernetes/apps/kube-system/cilium/app/helmrelease.yaml\n" +
            "updated kubernetes/apps/storage/qnap-csi-plugin/app/backend.yaml\n" +
            "updated kubernetes/apps/storage/qnap-csi-plugin/app/helmrelease.yaml\n" +
            "updated kubernetes/apps/storage/qnap-csi-plugin/app/kustomization.yaml\n" +
            "created kubernetes/apps/storage/qnap-csi-plugin/app/trident-controller-tuning.yaml\n" +
            "created kyverno-tests/trident-controller/kyverno-test.yaml\n" +
            "created kyverno-tests/trident-controller/patched.yaml\n" +
            "created kyverno-tests/trident-controller/resource.yaml\n" +
            "created tuning.inventory.yaml\n", generate.Stdout);
        Assert.Contains("note MG4001: generate removes spec.values.bpf.ctTcpTimeout", generate.Stderr);
        Assert.Equal(0, Run(tree, "check").ExitCode);

        var path = "kubernetes/apps/kube-system/cilium/app/helmrelease.yaml";
        tree.Write(path, tree.Read(path).Replace("bpf-ct-timeout-regular-tcp: \"6h\"", "bpf-ct-timeout-regular-tcp: \"2h\""));
        var check = Run(tree, "check");
        Assert.Equal(1, check.ExitCode);
        Assert.Contains("-      bpf-ct-timeout-regular-tcp: \"2h\" # managed by manifestgen", check.Stdout);
        Assert.Contains("+      bpf-ct-timeout-regular-tcp: \"6h\" # managed by manifestgen", check.Stdout);
    }

    [Fact]
    public void Validate_reports_only_diagnostics()
    {
        using var tree = Example();
        var before = tree.Snapshot();
        var result = Run(tree, "validate");
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("valid:", result.Stdout);
        Assert.Equal(before, tree.Snapshot());
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("--version")]
    [InlineData("generate --help")]
    public void Help_and_version_exit_0(string args)
    {
        Assert.Equal(0, CliRunner.Run(args.Split(' ')).ExitCode);
    }

    [Fact]
    public void An_unknown_verb_exits_2()
    {
        Assert.Equal(2, CliRunner.Run("frobnicate").ExitCode);
    }

    [Fact]
    public void A_missing_spec_exits_2_with_a_hint()
    {
        using var tree = new TempTree();
        var result = CliRunner.Run("check", "--spec", tree.PathOf("nope.yaml"), "--root", tree.Root);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error MG2010: spec file not found", result.Stderr);
    }

    /// <summary>generate runs and reports the lints validate runs: a tree validate rejects is refused, and nothing written.</summary>
    [Fact]
    public void Generate_refuses_a_tree_validate_rejects_and_writes_nothing()
    {
        using var tree = Example();
        const string release = "kubernetes/apps/kube-system/cilium/app/helmrelease.yaml";
        tree.Write(release, tree.Read(release).Replace("  values:\n",
            "  postRenderers:\n    - kustomize:\n        patchesStrategicMerge:\n          - kind: DaemonSet\n            apiVersion: apps/v1\n            metadata: {name: cilium}\n  values:\n"));
        var validate = Run(tree, "validate");
        Assert.Equal(2, validate.ExitCode);
        Assert.Contains("error MG0006", validate.Stderr);
        var before = tree.Snapshot();
        var generate = Run(tree, "generate");
        Assert.Equal(2, generate.ExitCode);
        Assert.Contains("error MG0006", generate.Stderr);
        Assert.Contains("nothing was written", generate.Stderr);
        Assert.Equal(before, tree.Snapshot());
    }

    [Fact]
    public void A_bad_target_stops_the_whole_run_and_nothing_is_written()
    {
        using var tree = Example();
        // The Cilium edits would succeed; the backend file is broken. Nothing may be written.
        tree.Write("kubernetes/apps/storage/qnap-csi-plugin/app/backend.yaml", "spec:\n  limitVolumeSize: [\n");
        var before = tree.Snapshot();
        var result = Run(tree, "generate");
        Assert.Equal(2, result.ExitCode);
        Assert.Matches(@"kubernetes/apps/storage/qnap-csi-plugin/app/backend.yaml:\d+:\d+: error MG1002: invalid YAML", result.Stderr);
        Assert.Contains("nothing was written", result.Stderr);
        Assert.Equal(before, tree.Snapshot());
    }

    [Fact]
    public void A_target_without_the_expected_kind_is_reported_at_the_spec_line()
    {
        using var tree = Example();
        tree.Write("kubernetes/apps/storage/qnap-csi-plugin/app/backend.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
        var result = Run(tree, "validate");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("tuning.yaml:24:13: error MG3002: kubernetes/apps/storage/qnap-csi-plugin/app/backend.yaml holds no TridentBackendConfig named qnap-backend; it holds ConfigMap x", result.Stderr);
    }

    [Fact]
    public void Paths_leaving_the_repository_are_refused_before_anything_is_read()
    {
        using var tree = Example();
        tree.Write("tuning.yaml", tree.Read("tuning.yaml").Replace(
            "helmRelease: kubernetes/apps/kube-system/cilium/app/helmrelease.yaml", "helmRelease: ../../etc/passwd"));
        var result = Run(tree, "validate");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error MG2007: spec.cilium.helmRelease: '../../etc/passwd' is refused: it resolves outside the repository root", result.Stderr);
    }

    [Fact]
    public void An_inventory_file_the_tool_did_not_write_is_not_overwritten()
    {
        using var tree = Example();
        tree.Write("tuning.inventory.yaml", "# my notes\n");
        var result = Run(tree, "generate");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error MG3004", result.Stderr);
        Assert.Equal("# my notes\n", tree.Read("tuning.inventory.yaml"));
    }
}

public class HelpOutputTests
{
    [Fact]
    public void Version_and_help_go_to_stdout_and_usage_errors_to_stderr()
    {
        // In-process the parser names the test host; the installed tool's own name is checked in Distribution/.
        var version = CliRunner.Run("--version");
        Assert.Matches(@"^\S+ \d+\.\d+", version.Stdout);
        Assert.Equal("", version.Stderr);
        var help = CliRunner.Run("--help");
        Assert.Contains("generate", help.Stdout);
        Assert.Contains("post-render", help.Stdout);
        var wrong = CliRunner.Run("frobnicate");
        Assert.Equal("", wrong.Stdout);
        Assert.Contains("frobnicate", wrong.Stderr);
    }
}
