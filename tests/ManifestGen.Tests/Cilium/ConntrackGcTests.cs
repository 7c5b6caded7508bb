using ManifestGen.Tests.Snapshots;
using ManifestGen.Tests.Support;

namespace ManifestGen.Tests.Cilium;

/// <summary>
/// The worked example of docs/architecture.md: two conntrack settings added as one fact-table entry each
/// (<c>gcInterval</c> to the chart value <c>conntrackGCInterval</c>, <c>gcMaxInterval</c> to
/// <c>conntrackGCMaxInterval</c>), and every phase handles them: generate and validate (the snapshot cases
/// cilium-conntrack-gc and invalid-conntrack-gc-before-its-release), plan, init and verify here.
/// </summary>
public class ConntrackGcTests
{
    private static TempTree Case() => new(Path.Combine(GenerateSnapshotTests.CasesDir, "cilium-conntrack-gc", "input"));

    [Fact]
    public void Plan_shows_the_release_checked_and_the_chart_default()
    {
        using var tree = Case();
        var plan = CliRunner.Run(tree, "plan");
        Assert.Equal(0, plan.ExitCode);
        Assert.Matches(@"spec\.values\.conntrackGCInterval\s+cilium 1\.17\.6\s+"""" \(unset: the agent decides\)\s+no", plan.Stdout);
        Assert.Matches(@"spec\.values\.conntrackGCMaxInterval\s+cilium 1\.17\.6\s+"""" \(unset: the agent decides\)\s+no", plan.Stdout);
    }

    [Fact]
    public void Init_adopts_them_from_the_values_and_generate_after_init_changes_no_value()
    {
        using var tree = Case();
        tree.Write("helmrelease.yaml", tree.Read("helmrelease.yaml").Replace("conntrackGCInterval: \"\"", "conntrackGCInterval: 2m\n    conntrackGCMaxInterval: 15m"));
        File.Delete(tree.PathOf("tuning.yaml"));
        var init = CliRunner.Run("init", tree.Root, "--output", tree.PathOf("tuning.yaml"));
        Assert.Equal(0, init.ExitCode);
        var spec = tree.Read("tuning.yaml");
        Assert.Contains("    conntrack:\n      gcInterval: 2m\n      gcMaxInterval: 15m\n", spec);
        Assert.Contains("init: cilium: conntrackGCInterval 2m adopted as conntrack.gcInterval", init.Stderr);
        var before = tree.Read("helmrelease.yaml");
        Assert.Equal(0, CliRunner.Run(tree, "generate").ExitCode);
        Assert.Equal(before.Replace("conntrackGCInterval: 2m", "conntrackGCInterval: 2m # managed by manifestgen")
            .Replace("conntrackGCMaxInterval: 15m", "conntrackGCMaxInterval: 15m # managed by manifestgen")
            .Replace("rollOutCiliumPods: true", "rollOutCiliumPods: true # managed by manifestgen"), tree.Read("helmrelease.yaml"));
    }

    [Fact]
    public void Verify_reads_them_from_cilium_config_as_durations()
    {
        using var tree = Case();
        Assert.Equal(0, CliRunner.Run(tree, "generate").ExitCode);
        const string live = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: cilium-config, namespace: kube-system}
            data:
              bpf-ct-timeout-regular-tcp: 6h0m0s
              conntrack-gc-interval: 5m0s
              conntrack-gc-max-interval: 1800s
            """;
        tree.Write("live.yaml", live);
        var verify = CliRunner.Run(tree, "verify", "--live", tree.PathOf("live.yaml"));
        Assert.Matches(@"cilium\.conntrack\.gcInterval\s+in effect\s+conntrack-gc-interval=5m0s\s+conntrack-gc-interval=5m", verify.Stdout);
        Assert.Matches(@"cilium\.conntrack\.gcMaxInterval\s+in effect\s+conntrack-gc-max-interval=1800s", verify.Stdout);
        tree.Write("live.yaml", live.Replace("conntrack-gc-interval: 5m0s", "conntrack-gc-interval: 10m"));
        var drift = CliRunner.Run(tree, "verify", "--live", tree.PathOf("live.yaml"));
        Assert.Equal(1, drift.ExitCode);
        Assert.Matches(@"cilium\.conntrack\.gcInterval\s+NOT in effect\s+conntrack-gc-interval=10m", drift.Stdout);
    }
}
