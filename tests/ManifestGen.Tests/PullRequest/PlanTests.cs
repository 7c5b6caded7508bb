using ManifestGen.Tests.Support;

namespace ManifestGen.Tests.PullRequest;

public class PlanTests
{
    [Fact]
    public void Plan_lists_every_tuning_with_its_delivery_file_path_and_currency()
    {
        using var tree = new TempTree(RepoPaths.ExampleInput);
        tree.AddOrchestratorQps();
        string[] args = ["plan", "--spec", tree.PathOf("tuning.yaml"), "--root", tree.Root];
        var before = CliRunner.Run(args);
        Assert.Equal(0, before.ExitCode);
        var lines = before.Stdout.Split('\n');
        Assert.Matches(@"^CLUSTER\s+TUNING\s+DELIVERY\s+FILE\s+WRITES\s+CHART\s+DEFAULT\s+CURRENT$", lines[0]);
        // A chart value: the release checked, and what the chart gives without the tuning.
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l,
            @"^home\s+cilium\s+HelmRelease values, in place\s+kubernetes/apps/kube-system/cilium/app/helmrelease\.yaml\s+spec\.values\.extraConfig\.bpf-ct-timeout-regular-tcp\s+cilium 1\.18\.4\s+unset: the agent decides\s+no$"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"spec\.values\.rollOutCiliumPods\s+cilium 1\.18\.4\s+false\s+no$"));
        // The dead keys' removal is planned too, not done behind the plan's back.
        Assert.Contains(lines, l => l.Contains("removes spec.values.bpf.ctTcpTimeout (a key no chart release reads)"));
        Assert.Contains(lines, l => l.StartsWith("home     trident.orchestrator", StringComparison.Ordinal) && l.Contains("spec.postRenderers (trident-orchestrator)") && l.EndsWith("no", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("home     workload trident-controller  kyverno", StringComparison.Ordinal) && l.Contains("the whole file"));
        Assert.Contains("file(s) not current: run `manifestgen generate`", before.Stdout);

        Assert.Equal(0, CliRunner.Run(tree, "generate").ExitCode);
        var after = CliRunner.Run(args);
        Assert.DoesNotContain(after.Stdout.Split('\n').Skip(1).Where(l => l.Length > 0 && !l.StartsWith("all", StringComparison.Ordinal)), l => !l.EndsWith("yes", StringComparison.Ordinal));
        Assert.EndsWith("all files current\n", after.Stdout);
    }
}
