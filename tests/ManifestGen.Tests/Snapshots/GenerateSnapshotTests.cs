using ManifestGen.Tests.Support;

namespace ManifestGen.Tests.Snapshots;

/// <summary>
/// Every emitted file, for the example cluster and for each case under Cases/: the input tree is
/// copied, <c>generate</c> runs on it, and the whole resulting tree plus what the command printed
/// are compared with the checked-in expected ones.
/// </summary>
public class GenerateSnapshotTests
{
    public static readonly string CasesDir = Path.Combine(RepoPaths.Root, "tests", "ManifestGen.Tests", "Cases");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.EnumerateDirectories(CasesDir).Order(StringComparer.Ordinal))
            if (Directory.Exists(Path.Combine(dir, "input"))) data.Add(Path.GetFileName(dir));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Snapshot_case(string name)
    {
        var caseDir = Path.Combine(CasesDir, name);
        RunCase(Path.Combine(caseDir, "input"), caseDir);
    }

    [Fact]
    public void Snapshot_of_the_example_cluster()
    {
        RunCase(Path.Combine(RepoPaths.Root, "cluster-config"), Path.Combine(CasesDir, "_cluster-config"), withLog: false);
    }

    /// <summary>A second run over the output changes nothing, for every case.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Generate_is_idempotent(string name)
    {
        using var tree = new TempTree(Path.Combine(CasesDir, name, "input"));
        var first = CliRunner.Run("generate", "--spec", tree.PathOf("tuning.yaml"), "--root", tree.Root);
        if (first.ExitCode != 0) return; // invalid-input cases
        var after = tree.Snapshot();
        var second = CliRunner.Run("generate", "--spec", tree.PathOf("tuning.yaml"), "--root", tree.Root);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal("up to date: no file changed\n", second.Stdout);
        Assert.Equal(after, tree.Snapshot());
        Assert.Equal(0, CliRunner.Run("check", "--spec", tree.PathOf("tuning.yaml"), "--root", tree.Root).ExitCode);
    }

    private static void RunCase(string input, string caseDir, bool withLog = true)
    {
        using var tree = new TempTree(input);
        var result = CliRunner.Run("generate", "--spec", tree.PathOf("tuning.yaml"), "--root", tree.Root);
        if (withLog)
        {
            var log = $"exit code: {result.ExitCode}\n--- stdout\n{result.Stdout}--- stderr\n{result.Stderr}".Replace(tree.Root, "<root>");
            SnapshotHarness.AssertText(Path.Combine(caseDir, "generate.log"), log);
        }
        else Assert.True(result.ExitCode == 0, result.Stderr);
        SnapshotHarness.AssertTree(Path.Combine(caseDir, "expected"), tree.Snapshot());
    }
}
