using ManifestGen.Tests.Support;

namespace ManifestGen.Tests.Fleet;

/// <summary>Many clusters in one run: --spec names a folder or a glob; one summary; no two specs may write one file.</summary>
public class FleetTests
{
    private static readonly string Example = RepoPaths.ExampleInput;

    private static TempTree ThreeClusters()
    {
        var tree = new TempTree();
        foreach (var name in new[] { "alpha", "beta", "gamma" })
        {
            TempTree.Copy(Example, tree.PathOf($"clusters/{name}"));
            tree.Write($"clusters/{name}/tuning.yaml", tree.Read($"clusters/{name}/tuning.yaml").Replace("name: home", $"name: {name}"));
        }
        // Each cluster its own limit, so outputs differ.
        tree.Write("clusters/beta/tuning.yaml", tree.Read("clusters/beta/tuning.yaml").Replace("limitVolumeSize: 10Ti", "limitVolumeSize: 20Ti"));
        return tree;
    }

    [Fact]
    public void A_folder_of_specs_is_a_fleet_generated_and_checked_in_one_run()
    {
        using var tree = ThreeClusters();
        var check = CliRunner.Run("check", "--spec", tree.PathOf("clusters"), "--root", tree.Root);
        Assert.Equal(1, check.ExitCode);
        Assert.Contains("fleet: 3 cluster(s), 24 file(s) out of date", check.Stdout);

        var generate = CliRunner.Run("generate", "--spec", tree.PathOf("clusters"), "--root", tree.Root);
        Assert.Equal(0, generate.ExitCode);
        Assert.Contains("created clusters/alpha/tuning.inventory.yaml", generate.Stdout);
        Assert.Contains("updated clusters/gamma/kubernetes/apps/storage/qnap-csi-plugin/app/backend.yaml", generate.Stdout);
        Assert.EndsWith("fleet: 3 cluster(s), 24 file(s) written\n", generate.Stdout);
        Assert.Contains("limitVolumeSize: 20Ti", tree.Read("clusters/beta/kubernetes/apps/storage/qnap-csi-plugin/app/backend.yaml"));

        var again = CliRunner.Run("check", "--spec", tree.PathOf("clusters"), "--root", tree.Root);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("fleet: 3 cluster(s), 0 file(s) out of date", again.Stdout);
    }

    [Fact]
    public void A_glob_selects_specs()
    {
        using var tree = ThreeClusters();
        var result = CliRunner.Run("check", "--spec", tree.PathOf("clusters/*a/tuning.yaml"), "--root", tree.Root);
        Assert.Contains("fleet: 3 cluster(s)", result.Stdout); // alpha, beta, gamma all end in "a"
        var two = CliRunner.Run("check", "--spec", tree.PathOf("clusters/?e*/tuning.yaml"), "--root", tree.Root);
        Assert.Contains("fleet: 1 cluster(s)", two.Stdout); // ?e* matches beta only
    }

    [Fact]
    public void Two_specs_that_write_one_file_are_an_error_and_nothing_is_written()
    {
        using var tree = ThreeClusters();
        // gamma now tunes beta's Cilium HelmRelease.
        tree.Write("clusters/gamma/tuning.yaml", tree.Read("clusters/gamma/tuning.yaml").Replace(
            "helmRelease: kubernetes/apps/kube-system/cilium/app/helmrelease.yaml", "helmRelease: ../beta/kubernetes/apps/kube-system/cilium/app/helmrelease.yaml"));
        var before = tree.Snapshot();
        var result = CliRunner.Run("generate", "--spec", tree.PathOf("clusters"), "--root", tree.Root);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("clusters/beta/tuning.yaml:1:1: error MG2011: clusters/beta/kubernetes/apps/kube-system/cilium/app/helmrelease.yaml is also written by clusters/gamma/tuning.yaml", result.Stderr);
        Assert.Contains("clusters/gamma/tuning.yaml:1:1: error MG2011", result.Stderr);
        Assert.Equal(before, tree.Snapshot());
    }

    [Fact]
    public void An_empty_folder_is_an_error()
    {
        using var tree = new TempTree();
        Directory.CreateDirectory(tree.PathOf("clusters"));
        var result = CliRunner.Run("check", "--spec", tree.PathOf("clusters"), "--root", tree.Root);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error MG2010: no ClusterTuning spec found here", result.Stderr);
    }
}
