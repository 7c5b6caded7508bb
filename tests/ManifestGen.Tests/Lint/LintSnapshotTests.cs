using ManifestGen.Tests.Snapshots;
using ManifestGen.Tests.Support;

namespace ManifestGen.Tests.Lint;

/// <summary>
/// <c>manifestgen lint</c> on each case under LintCases/: what it prints (exit code, stdout, stderr) is compared with the
/// case's lint.log, accepted with MANIFESTGEN_ACCEPT=1 as every snapshot is.
/// </summary>
public class LintSnapshotTests
{
    public static readonly string CasesDir = Path.Combine(RepoPaths.Root, "tests", "ManifestGen.Tests", "LintCases");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.EnumerateDirectories(CasesDir).Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(dir));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Lint_case(string name)
    {
        using var tree = new TempTree(Path.Combine(CasesDir, name, "input"));
        var result = CliRunner.Run("lint", tree.Root);
        SnapshotHarness.AssertText(Path.Combine(CasesDir, name, "lint.log"),
            $"exit code: {result.ExitCode}\n--- stdout\n{result.Stdout}--- stderr\n{result.Stderr}".Replace(tree.Root, "<root>"));
    }
}
