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

    public static TheoryData<string> Cases() => Select(_ => true);

    /// <summary>The cases whose accepted run succeeds (their generate.log says exit code 0).</summary>
    public static TheoryData<string> ValidCases() => Select(IsValid);

    /// <summary>The cases whose accepted run is refused: nothing may be written, however often it runs.</summary>
    public static TheoryData<string> InvalidCases() => Select(c => !IsValid(c));

    /// <summary>Valid cases that start from a repository the tool has never written (no inventory yet).</summary>
    public static TheoryData<string> FreshCases() => Select(c => IsValid(c) && !File.Exists(Path.Combine(CasesDir, c, "input", "tuning.inventory.yaml")));

    private static bool IsValid(string name) =>
        File.ReadLines(Path.Combine(CasesDir, name, "generate.log")).FirstOrDefault() == "exit code: 0";

    private static TheoryData<string> Select(Func<string, bool> keep)
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.EnumerateDirectories(CasesDir).Order(StringComparer.Ordinal))
            if (Directory.Exists(Path.Combine(dir, "input")) && keep(Path.GetFileName(dir))) data.Add(Path.GetFileName(dir));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Snapshot_case(string name)
    {
        var caseDir = Path.Combine(CasesDir, name);
        RunCase(Path.Combine(caseDir, "input"), caseDir);
    }

    /// <summary>
    /// The embedded example (cluster-config/) is the example-cluster case: as committed it equals the
    /// case's input, and after the README's generate command it equals the case's expected tree.
    /// Either way, generating it gives the expected tree.
    /// </summary>
    [Fact]
    public void Snapshot_of_the_example_cluster()
    {
        var caseDir = Path.Combine(CasesDir, "example-cluster");
        var embedded = TempTree.Snapshot(Path.Combine(RepoPaths.Root, "cluster-config"));
        var input = TempTree.Snapshot(Path.Combine(caseDir, "input"));
        var expected = TempTree.Snapshot(Path.Combine(caseDir, "expected"));
        Assert.True(Same(embedded, input) || Same(embedded, expected),
            "cluster-config/ has drifted from tests/ManifestGen.Tests/Cases/example-cluster: copy it to input/ and accept the snapshot");
        RunCase(Path.Combine(RepoPaths.Root, "cluster-config"), caseDir, withLog: false);
    }

    private static bool Same(SortedDictionary<string, byte[]> a, SortedDictionary<string, byte[]> b) =>
        a.Keys.SequenceEqual(b.Keys) && a.All(kv => kv.Value.AsSpan().SequenceEqual(b[kv.Key]));

    /// <summary>A second run over the output changes nothing, for every valid case.</summary>
    [Theory]
    [MemberData(nameof(ValidCases))]
    public void Generate_is_idempotent(string name)
    {
        using var tree = new TempTree(Path.Combine(CasesDir, name, "input"));
        var first = CliRunner.Run(tree, "generate");
        Assert.Equal(0, first.ExitCode);
        var after = tree.Snapshot();
        var second = CliRunner.Run(tree, "generate");
        Assert.Equal(0, second.ExitCode);
        Assert.Equal("up to date: no file changed\n", second.Stdout);
        Assert.Equal(after, tree.Snapshot());
        Assert.Equal(0, CliRunner.Run(tree, "check").ExitCode);
    }

    /// <summary>An invalid case is refused each time, with the same diagnostics, and the tree stays as it was.</summary>
    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void An_invalid_case_writes_nothing_however_often_it_runs(string name)
    {
        using var tree = new TempTree(Path.Combine(CasesDir, name, "input"));
        var before = tree.Snapshot();
        var first = CliRunner.Run(tree, "generate");
        var second = CliRunner.Run(tree, "generate");
        Assert.Equal(2, first.ExitCode);
        Assert.Equal(first, second);
        Assert.True(Same(before, tree.Snapshot()), "a refused run changed the tree");
        Assert.Equal(2, CliRunner.Run(tree, "check").ExitCode);
    }

    private static void RunCase(string input, string caseDir, bool withLog = true)
    {
        // A case that holds validate.log also snapshots what validate says of its input (the lints, MG0009).
        if (withLog && File.Exists(Path.Combine(caseDir, "validate.log")))
        {
            using var before = new TempTree(input);
            var validate = CliRunner.Run(before, "validate");
            SnapshotHarness.AssertText(Path.Combine(caseDir, "validate.log"),
                $"exit code: {validate.ExitCode}\n--- stdout\n{validate.Stdout}--- stderr\n{validate.Stderr}".Replace(before.Root, "<root>"));
        }
        using var tree = new TempTree(input);
        var result = CliRunner.Run(tree, "generate");
        if (withLog)
        {
            var log = $"exit code: {result.ExitCode}\n--- stdout\n{result.Stdout}--- stderr\n{result.Stderr}".Replace(tree.Root, "<root>");
            SnapshotHarness.AssertText(Path.Combine(caseDir, "generate.log"), log);
        }
        else Assert.True(result.ExitCode == 0, result.Stderr);
        SnapshotHarness.AssertTree(Path.Combine(caseDir, "expected"), tree.Snapshot());
    }
}
