using ManifestGen.Live;
using ManifestGen.Tests.Snapshots;
using ManifestGen.Tests.Support;
using ManifestGen.Verify;

namespace ManifestGen.Tests.Verify;

/// <summary>
/// <c>verify</c> as a library call (<see cref="VerifyRun"/>): what the CLI renders comes from Core, so a caller gets the
/// same plan, checks and exit code without the CLI, and a refusal is a diagnostic.
/// </summary>
public class VerifyRunTests
{
    private static readonly byte[] Live = File.ReadAllBytes(Path.Combine(RepoPaths.Root, "tests", "ManifestGen.Tests", "Verify", "Live", "in-effect.yaml"));

    [Fact]
    public void A_library_caller_plans_checks_and_gets_the_exit_code()
    {
        using var tree = new TempTree(Path.Combine(GenerateSnapshotTests.CasesDir, "example-cluster", "expected"));
        var plan = VerifyRun.Plan(tree.PathOf("tuning.yaml"), tree.Root);
        Assert.False(plan.Failed, string.Join("\n", plan.Diagnostics));
        var cluster = Assert.Single(plan.Clusters);
        Assert.Equal("home", cluster.Name);
        Assert.Contains(cluster.Needed, n => n.Kind == "ConfigMap" && n.Name == "cilium-config");
        Assert.StartsWith("{ kubectl get -n kube-system", cluster.Query);
        Assert.Empty(cluster.Checks);

        var read = new List<string>();
        var result = VerifyRun.Check(plan, ["live.yaml"], name => { read.Add(name); return (name, Live); });
        Assert.Equal(["live.yaml"], read);
        Assert.NotEmpty(result.Checks);
        Assert.All(result.Checks, c => Assert.Equal(TuningStatus.InEffect, c.Status));
        Assert.Equal(0, result.ExitCode(strict: true));
    }

    [Fact]
    public void No_live_objects_is_a_diagnostic_that_says_what_to_fetch()
    {
        using var tree = new TempTree(Path.Combine(GenerateSnapshotTests.CasesDir, "example-cluster", "expected"));
        var result = VerifyRun.Check(VerifyRun.Plan(tree.PathOf("tuning.yaml"), tree.Root), [], _ => throw new InvalidOperationException("nothing to read"));
        Assert.True(result.Failed);
        Assert.Equal(2, result.ExitCode(strict: false));
        Assert.Contains(result.Diagnostics, d => d.Message.StartsWith("verify needs the live objects", StringComparison.Ordinal) && d.Hint!.Contains("kubectl get", StringComparison.Ordinal));
    }
}
