using System.Text.RegularExpressions;
using ManifestGen.Tests.Snapshots;
using ManifestGen.Tests.Support;

namespace ManifestGen.Tests.Cli;

/// <summary>
/// Removing a tuning gives the files back: <c>generate</c> with a tuning, then <c>generate</c> without
/// it, leaves every file the user wrote byte-identical, values the tool took over included.
/// </summary>
public class GiveBackTests
{
    private const string EmptySpec = "apiVersion: manifestgen.io/v1alpha1\nkind: ClusterTuning\nmetadata:\n  name: removed\nspec: {}\n";

    // The dead bpf.ct*Timeout keys are the one exception, by design: generate removes them as a fix (MG4001), not as a
    // take-over, so the cases start without them.
    private static readonly Regex DeadKey = new(@"^ *ctTcpTimeout(Fin|Close)?:.*\n|^ *ctAnyTimeout:.*\n", RegexOptions.Multiline);

    /// <summary>Every snapshot case that succeeds from a repository the tool has not written yet.</summary>
    [Theory]
    [MemberData(nameof(GenerateSnapshotTests.FreshCases), MemberType = typeof(GenerateSnapshotTests))]
    public void Generate_with_then_without_a_tuning_leaves_every_file_as_it_was(string name)
    {
        using var tree = new TempTree(Path.Combine(GenerateSnapshotTests.CasesDir, name, "input"));
        foreach (var file in Directory.EnumerateFiles(tree.Root, "*.yaml", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            if (DeadKey.IsMatch(text)) File.WriteAllText(file, DeadKey.Replace(text, ""));
        }
        var before = tree.Snapshot();
        before.Remove("tuning.yaml");

        var with = CliRunner.Run(tree, "generate");
        Assert.True(with.ExitCode == 0, with.Stderr);
        // A case whose tuning writes nothing (MG0008's, an empty spec) gives back nothing: the rest holds all the same.
        tree.Write("tuning.yaml", EmptySpec);
        var without = CliRunner.Run(tree, "generate");
        Assert.True(without.ExitCode == 0, without.Stderr);

        var after = tree.Snapshot();
        after.Remove("tuning.yaml");
        Assert.Equal(before.Keys, after.Keys);
        Assert.All(before, kv => Assert.True(kv.Value.AsSpan().SequenceEqual(after[kv.Key]),
            $"{kv.Key} differs after the tuning was removed:\n{System.Text.Encoding.UTF8.GetString(after[kv.Key])}"));
    }

    [Fact]
    public void A_value_changed_again_between_runs_still_gives_back_the_first_original()
    {
        using var tree = new TempTree(Path.Combine(GenerateSnapshotTests.CasesDir, "values-mixed-inline", "input"));
        var original = tree.Read("cilium/helmrelease.yaml");
        Assert.Equal(0, CliRunner.Run(tree, "generate").ExitCode);
        tree.Write("tuning.yaml", tree.Read("tuning.yaml").Replace("anyMax: 262144", "anyMax: 131072"));
        Assert.Equal(0, CliRunner.Run(tree, "generate").ExitCode);
        Assert.Contains("ctAnyMax: 131072 # managed by manifestgen", tree.Read("cilium/helmrelease.yaml"));
        Assert.Contains("spec.values.bpf.ctAnyMax: 65536\n", tree.Read("tuning.inventory.yaml"));
        tree.Write("tuning.yaml", EmptySpec);
        var result = CliRunner.Run(tree, "generate");
        Assert.Contains("note MG4002: generate gives spec.values.bpf.ctAnyMax back its value from before manifestgen took it over (65536)", result.Stderr);
        Assert.Equal(original, tree.Read("cilium/helmrelease.yaml"));
    }
}
