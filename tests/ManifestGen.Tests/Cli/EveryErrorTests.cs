using ManifestGen.Tests.Support;

namespace ManifestGen.Tests.Cli;

/// <summary>
/// Every error of a run, in one run: a refused tuning is reported and the others still run, so a spec with several
/// independent problems shows all of them, each at its spec line, and nothing is written.
/// </summary>
public class EveryErrorTests
{
    [Fact]
    public void Three_independent_problems_give_three_located_errors_in_one_run_and_nothing_is_written()
    {
        using var tree = new TempTree(RepoPaths.ExampleInput);
        var spec = tree.Read("tuning.yaml");
        // 1. Cilium's HelmRelease file names a file that holds a TridentBackendConfig;
        // 2. the backend's name is one the file does not hold;
        // 3. a workload names a container the observed Deployment does not have.
        var broken = spec
            .Replace("    helmRelease: kubernetes/apps/kube-system/cilium/app/helmrelease.yaml", "    helmRelease: kubernetes/apps/storage/qnap-csi-plugin/app/backend.yaml")
            .Replace("      name: qnap-backend", "      name: no-such-backend")
            .Replace("        - names: [csi-provisioner, csi-attacher, csi-resizer, csi-snapshotter]", "        - names: [csi-provisioner, csi-attacher, csi-resizer, csi-snapshoter]");
        Assert.NotEqual(spec, broken);
        tree.Write("tuning.yaml", broken);
        var before = tree.Snapshot();

        var result = CliRunner.Run(tree, "generate");

        Assert.Equal(2, result.ExitCode);
        var errors = result.Stderr.Split('\n').Where(l => l.Contains(": error MG", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 3, result.Stderr);
        Assert.Single(errors, e => e.StartsWith("tuning.yaml:10:18: error MG3002: ", StringComparison.Ordinal) && e.Contains("holds no HelmRelease"));
        Assert.Single(errors, e => e.StartsWith("tuning.yaml:24:13: error MG3002: ", StringComparison.Ordinal) && e.Contains("no TridentBackendConfig named no-such-backend"));
        Assert.Single(errors, e => e.StartsWith("tuning.yaml:39:11: error MG3005: ", StringComparison.Ordinal) && e.Contains("csi-snapshoter"));
        Assert.Contains("manifestgen: nothing was written", result.Stderr);
        Assert.Equal(before.Keys, tree.Snapshot().Keys);
        Assert.All(before, kv => Assert.True(kv.Value.AsSpan().SequenceEqual(tree.Snapshot()[kv.Key]), kv.Key));
    }
}
