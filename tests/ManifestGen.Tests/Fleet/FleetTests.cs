using System.Text.Json;
using ManifestGen.Tests.Snapshots;
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
        // The diffs first, then one line a cluster, then the fleet's: the last line of stdout.
        var lines = check.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(["clusters/alpha/tuning.yaml (alpha): 8 file(s) out of date", "clusters/beta/tuning.yaml (beta): 8 file(s) out of date",
            "clusters/gamma/tuning.yaml (gamma): 8 file(s) out of date", "fleet: 3 cluster(s), 24 file(s) out of date"], lines[^4..]);
        Assert.StartsWith("--- a/", check.Stdout);

        var generate = CliRunner.Run("generate", "--spec", tree.PathOf("clusters"), "--root", tree.Root);
        Assert.Equal(0, generate.ExitCode);
        Assert.Contains("created clusters/alpha/tuning.inventory.yaml", generate.Stdout);
        Assert.Contains("updated clusters/gamma/kubernetes/apps/storage/qnap-csi-plugin/app/backend.yaml", generate.Stdout);
        Assert.EndsWith("clusters/gamma/tuning.yaml (gamma): 8 file(s) written\nfleet: 3 cluster(s), 24 file(s) written\n", generate.Stdout);
        Assert.Contains("limitVolumeSize: 20Ti", tree.Read("clusters/beta/kubernetes/apps/storage/qnap-csi-plugin/app/backend.yaml"));

        var again = CliRunner.Run("check", "--spec", tree.PathOf("clusters"), "--root", tree.Root);
        Assert.Equal(0, again.ExitCode);
        Assert.EndsWith("up to date: committed output matches the spec\nclusters/alpha/tuning.yaml (alpha): up to date\nclusters/beta/tuning.yaml (beta): up to date\n" +
                        "clusters/gamma/tuning.yaml (gamma): up to date\nfleet: 3 cluster(s), 0 file(s) out of date\n", again.Stdout);
    }

    [Fact]
    public void Validate_and_plan_report_each_cluster_and_end_with_the_fleet_line()
    {
        using var tree = ThreeClusters();
        var validate = CliRunner.Run("validate", "--spec", tree.PathOf("clusters"), "--root", tree.Root);
        Assert.Equal(0, validate.ExitCode);
        Assert.Equal("clusters/alpha/tuning.yaml (alpha): valid, 5 warning(s)\nclusters/beta/tuning.yaml (beta): valid, 5 warning(s)\n" +
                     "clusters/gamma/tuning.yaml (gamma): valid, 5 warning(s)\nfleet: 3 cluster(s), 24 file(s) generate would change\n", validate.Stdout);

        // One cluster broken: validate says which, and the fleet line counts it.
        tree.Write("clusters/beta/tuning.yaml", tree.Read("clusters/beta/tuning.yaml").Replace("limitVolumeSize: 20Ti", "limitVolumeSize: 20TB"));
        var broken = CliRunner.Run("validate", "--spec", tree.PathOf("clusters"), "--root", tree.Root);
        Assert.Equal(2, broken.ExitCode);
        Assert.Contains("clusters/beta/tuning.yaml: 1 error(s)\n", broken.Stdout); // a spec that does not load has no name yet
        Assert.EndsWith("fleet: 3 cluster(s), 0 file(s) generate would change, 1 with errors\n", broken.Stdout);
        tree.Write("clusters/beta/tuning.yaml", tree.Read("clusters/beta/tuning.yaml").Replace("limitVolumeSize: 20TB", "limitVolumeSize: 20Ti"));

        var plan = CliRunner.Run("plan", "--spec", tree.PathOf("clusters"), "--root", tree.Root);
        Assert.Equal(0, plan.ExitCode);
        var rows = plan.Stdout.Split('\n');
        Assert.StartsWith("CLUSTER", rows[0]);
        Assert.Contains(rows, r => r.StartsWith("beta ", StringComparison.Ordinal) && r.Contains("clusters/beta/kubernetes/apps/storage/qnap-csi-plugin/app/backend.yaml", StringComparison.Ordinal));
        Assert.EndsWith("clusters/gamma/tuning.yaml (gamma): 20 tuning(s), 7 file(s) not current\nfleet: 3 cluster(s), 24 file(s) not current\n", plan.Stdout);
    }

    [Fact]
    public void Json_of_a_fleet_has_each_cluster_and_the_fleet_line()
    {
        using var tree = ThreeClusters();
        foreach (var verb in new[] { "check", "validate", "plan", "generate" })
        {
            var run = CliRunner.Run(verb, "--spec", tree.PathOf("clusters"), "--root", tree.Root, "--output", "json");
            var json = JsonDocument.Parse(run.Stdout).RootElement;
            Assert.Equal(["alpha", "beta", "gamma"], json.GetProperty("clusters").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToArray());
            Assert.StartsWith("fleet: 3 cluster(s), ", json.GetProperty("fleet").GetString());
        }
    }

    [Fact]
    public void Verify_takes_a_fleet_one_command_a_cluster_and_live_objects_by_cluster_name()
    {
        using var tree = new TempTree();
        foreach (var name in new[] { "alpha", "beta" })
        {
            TempTree.Copy(Path.Combine(GenerateSnapshotTests.CasesDir, "example-cluster", "expected"), tree.PathOf($"clusters/{name}"));
            tree.Write($"clusters/{name}/tuning.yaml", tree.Read($"clusters/{name}/tuning.yaml").Replace("name: home", $"name: {name}"));
        }
        var print = CliRunner.Run("verify", "--spec", tree.PathOf("clusters"), "--root", tree.Root, "--print-kubectl");
        Assert.Equal(0, print.ExitCode);
        var printed = print.Stdout.Split('\n');
        Assert.Equal("# cluster alpha (clusters/alpha/tuning.yaml): add --context for it", printed[0]);
        Assert.StartsWith("{ kubectl get -n kube-system configmap/cilium-config", printed[1]);
        Assert.Equal("# cluster beta (clusters/beta/tuning.yaml): add --context for it", printed[2]);

        var fixture = File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "ManifestGen.Tests", "Verify", "Live", "in-effect.yaml"));
        tree.Write("alpha.yaml", fixture);
        tree.Write("beta.yaml", fixture.Replace("limitVolumeSize: '10995116277760'", "limitVolumeSize: 5Ti"));
        var verify = CliRunner.Run("verify", "--spec", tree.PathOf("clusters"), "--root", tree.Root,
            "--live", "alpha=" + tree.PathOf("alpha.yaml"), "--live", "beta=" + tree.PathOf("beta.yaml"));
        Assert.Equal(1, verify.ExitCode);
        Assert.Matches(@"\nbeta +trident.backend.limitVolumeSize +NOT in effect +5Ti ", verify.Stdout);
        Assert.EndsWith("clusters/alpha/tuning.yaml (alpha): 44 in effect, 0 not in effect, 0 unknown\n" +
                        "clusters/beta/tuning.yaml (beta): 43 in effect, 1 not in effect, 0 unknown\n" +
                        "fleet: 2 cluster(s), 87 in effect, 1 not in effect, 0 unknown\n", verify.Stdout);

        // A live file without a cluster name cannot be placed in a fleet; a cluster without any is all unknown.
        var unnamed = CliRunner.Run("verify", "--spec", tree.PathOf("clusters"), "--root", tree.Root, "--live", tree.PathOf("alpha.yaml"));
        Assert.Equal(2, unnamed.ExitCode);
        Assert.Contains("error MG2013: --live " + tree.PathOf("alpha.yaml") + ": a fleet of 2 clusters needs to know whose objects these are (hint: write --live NAME=FILE, NAME one of alpha, beta)", unnamed.Stderr);
        var half = CliRunner.Run("verify", "--spec", tree.PathOf("clusters"), "--root", tree.Root, "--live", "alpha=" + tree.PathOf("alpha.yaml"));
        Assert.Equal(0, half.ExitCode);
        Assert.EndsWith("fleet: 2 cluster(s), 44 in effect, 0 not in effect, 44 unknown\n", half.Stdout);
        Assert.Contains("manifestgen: warning: beta: 44 tuning(s) could not be checked", half.Stderr);
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
