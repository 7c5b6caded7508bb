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
        Assert.Matches(@"^TUNING\s+DELIVERY\s+FILE\s+WRITES\s+CURRENT$", lines[0]);
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l,
            @"^cilium\s+HelmRelease values, in place\s+kubernetes/apps/kube-system/cilium/app/helmrelease\.yaml\s+spec\.values\.extraConfig\.bpf-ct-timeout-regular-tcp\s+no$"));
        Assert.Contains(lines, l => l.StartsWith("trident.orchestrator", StringComparison.Ordinal) && l.Contains("spec.postRenderers (trident-orchestrator)") && l.EndsWith("no", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("workload trident-controller  kyverno", StringComparison.Ordinal) && l.Contains("the whole file"));
        Assert.Contains("file(s) not current: run `manifestgen generate`", before.Stdout);

        Assert.Equal(0, CliRunner.Run(tree, "generate").ExitCode);
        var after = CliRunner.Run(args);
        Assert.DoesNotContain(after.Stdout.Split('\n').Skip(1).Where(l => l.Length > 0 && !l.StartsWith("all", StringComparison.Ordinal)), l => !l.EndsWith("yes", StringComparison.Ordinal));
        Assert.EndsWith("all files current\n", after.Stdout);
    }
}
