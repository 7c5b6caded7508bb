using ManifestGen.Tests.Support;

namespace ManifestGen.Tests.Cli;

/// <summary>A file Flux must apply is reachable from a kustomization; a file it must not apply is not.</summary>
public class UnreferencedOutputTests
{
    private static TempTree Example() => new(RepoPaths.ExampleInput);

    [Fact]
    public void A_policy_in_a_folder_without_a_kustomization_is_refused()
    {
        using var tree = Example();
        tree.Write("tuning.yaml", tree.Read("tuning.yaml").Replace(
            "output: kubernetes/apps/storage/qnap-csi-plugin/app/trident-controller-tuning.yaml",
            "output: kubernetes/apps/storage/policies/trident-controller-tuning.yaml"));
        var before = tree.Snapshot();
        var result = CliRunner.Run(tree, "generate");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error MG3006: workload trident-controller: kubernetes/apps/storage/policies/trident-controller-tuning.yaml would be applied by nothing", result.Stderr);
        Assert.Equal(before, tree.Snapshot());
    }

    [Fact]
    public void A_fixture_folder_that_a_kustomization_lists_is_refused()
    {
        using var tree = Example();
        tree.Write("kustomization.yaml", "resources:\n  - ./kubernetes\n  - ./kyverno-tests\n");
        var result = CliRunner.Run(tree, "generate");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("kustomization.yaml:1:1: error MG3006: this kustomization lists kyverno-tests/trident-controller", result.Stderr);
    }

    [Fact]
    public void A_file_the_tool_did_not_write_is_not_overwritten()
    {
        using var tree = Example();
        tree.Write("kubernetes/apps/storage/qnap-csi-plugin/app/trident-controller-tuning.yaml", "# mine\nkind: ConfigMap\n");
        var result = CliRunner.Run(tree, "generate");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error MG3004", result.Stderr);
        Assert.Equal("# mine\nkind: ConfigMap\n", tree.Read("kubernetes/apps/storage/qnap-csi-plugin/app/trident-controller-tuning.yaml"));
    }
}

public class ObservedFileTests
{
    [Fact]
    public void An_observed_file_that_flux_would_apply_is_refused()
    {
        using var tree = new TempTree(RepoPaths.ExampleInput);
        var app = "kubernetes/apps/storage/qnap-csi-plugin/app/";
        File.Copy(tree.PathOf("observed/trident-controller.yaml"), tree.PathOf(app + "observed-controller.yaml"));
        tree.Write(app + "kustomization.yaml", tree.Read(app + "kustomization.yaml") + "  - ./observed-controller.yaml\n");
        tree.Write("tuning.yaml", tree.Read("tuning.yaml").Replace("observed: observed/trident-controller.yaml", $"observed: {app}observed-controller.yaml"));
        var result = CliRunner.Run(tree, "generate");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"error MG3006: {app}observed-controller.yaml is listed by {app}kustomization.yaml, so Flux would apply this copy of the live object", result.Stderr);
    }
}
