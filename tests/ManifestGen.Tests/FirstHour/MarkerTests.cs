using ManifestGen.Tests.Snapshots;
using ManifestGen.Tests.Support;

namespace ManifestGen.Tests.FirstHour;

/// <summary>
/// A managed line whose marker someone edited (<c># managed by me by manifestgen</c>) is still the tool's: it gets the
/// exact marker back once and keeps the rest of the comment; a line whose marker is gone is the user's (MG4003).
/// </summary>
public class MarkerTests
{
    private const string HelmRelease = "kubernetes/apps/kube-system/cilium/app/helmrelease.yaml";
    private const string Managed = "      ctTcpMax: 524288 # managed by manifestgen\n";

    private static TempTree Generated() => new(Path.Combine(GenerateSnapshotTests.CasesDir, "example-cluster", "expected"));

    private static void Edit(TempTree tree, string from, string to)
    {
        var text = tree.Read(HelmRelease);
        Assert.Contains(from, text);
        tree.Write(HelmRelease, text.Replace(from, to));
    }

    [Theory]
    [InlineData("# managed by me by manifestgen", "# managed by me # managed by manifestgen")]
    [InlineData("# Managed by ManifestGen", "# managed by manifestgen")]
    [InlineData("# manifestgen: 512k entries for the NAS", "# 512k entries for the NAS # managed by manifestgen")]
    public void An_edited_marker_gets_the_marker_back_once_and_keeps_the_rest(string edited, string expected)
    {
        using var tree = Generated();
        Edit(tree, Managed, $"      ctTcpMax: 524288 {edited}\n");
        var run = CliRunner.Run(tree, "generate");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains($"      ctTcpMax: 524288 {expected}\n", tree.Read(HelmRelease));
        Assert.Equal(1, tree.Read(HelmRelease).Split("ctTcpMax")[1].Split('\n')[0].Split("managed by manifestgen").Length - 1);
        Assert.Equal(0, CliRunner.Run(tree, "check").ExitCode);
        Assert.Equal(0, CliRunner.Run(tree, "generate").ExitCode);
        Assert.Contains($"      ctTcpMax: 524288 {expected}\n", tree.Read(HelmRelease)); // a second run changes nothing
    }

    [Fact]
    public void An_edited_marker_still_counts_when_the_tuning_goes_and_a_removed_one_does_not()
    {
        using var tree = Generated();
        Edit(tree, Managed, "      ctTcpMax: 524288 # managed by me by manifestgen\n");
        Edit(tree, "      ctAnyMax: 262144 # managed by manifestgen\n", "      ctAnyMax: 262144 # mine now\n");
        tree.Write("tuning.yaml", tree.Read("tuning.yaml").Replace("      tcpMax: 524288\n", "").Replace("      anyMax: 262144\n", ""));
        var run = CliRunner.Run(tree, "generate");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var text = tree.Read(HelmRelease);
        Assert.DoesNotContain("ctTcpMax", text);
        Assert.Contains("      ctAnyMax: 262144 # mine now\n", text);
        Assert.Contains("warning MG4003: spec.values.bpf.ctAnyMax is no longer in the spec, but its line lost the '# managed by manifestgen' marker", run.Stderr);
    }

    [Fact]
    public void A_comment_of_the_user_that_names_the_tool_on_a_line_it_never_managed_stays_the_user_s()
    {
        using var tree = new TempTree(RepoPaths.ExampleInput);
        var input = tree.Read(HelmRelease);
        tree.Write(HelmRelease, input.Replace("      masquerade: true\n", "      masquerade: true\n      ctTcpMax: 100000 # set before manifestgen existed\n"));
        Assert.Equal(0, CliRunner.Run(tree, "generate").ExitCode);
        Assert.Contains("      ctTcpMax: 524288 # set before manifestgen existed # managed by manifestgen\n", tree.Read(HelmRelease));
        // Removed from the spec, the user's own value and comment come back.
        tree.Write("tuning.yaml", tree.Read("tuning.yaml").Replace("      tcpMax: 524288\n", ""));
        Assert.Equal(0, CliRunner.Run(tree, "generate").ExitCode);
        Assert.Contains("      ctTcpMax: 100000 # set before manifestgen existed\n", tree.Read(HelmRelease));
    }
}
