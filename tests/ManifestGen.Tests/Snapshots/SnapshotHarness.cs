using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using ManifestGen.Tests.Support;

namespace ManifestGen.Tests.Snapshots;

/// <summary>
/// Baseline comparison in the manner of Bicep's tests: the expected tree is checked in beside each
/// case; a mismatch fails with a readable diff per file and the one command that accepts the new
/// output. Set MANIFESTGEN_ACCEPT=1 to rewrite every expected tree from the actual output.
/// </summary>
public static class SnapshotHarness
{
    public const string AcceptVariable = "MANIFESTGEN_ACCEPT";

    public static bool Accepting => Environment.GetEnvironmentVariable(AcceptVariable) is "1" or "true";

    /// <summary>
    /// Accept mode rewrites a baseline that differs and then fails, as Bicep's baselines do: a run with the variable set
    /// cannot go green while it changes what the tests expect. A second run (without it) checks what was written.
    /// </summary>
    public static void Rewritten(string what) =>
        Assert.Fail($"{AcceptVariable} rewrote {Path.GetRelativePath(RepoPaths.Root, what)}: review `git diff`, then run the tests again without it.");

    public static void AssertTree(string expectedDir, IReadOnlyDictionary<string, byte[]> actual)
    {
        if (Accepting)
        {
            IReadOnlyDictionary<string, byte[]> before = Directory.Exists(expectedDir) ? TempTree.Snapshot(expectedDir) : new Dictionary<string, byte[]>();
            if (before.Count == actual.Count && before.All(e => actual.TryGetValue(e.Key, out var a) && a.AsSpan().SequenceEqual(e.Value))) return;
            if (Directory.Exists(expectedDir)) Directory.Delete(expectedDir, recursive: true);
            foreach (var (path, bytes) in actual)
            {
                var full = Path.Combine(expectedDir, path);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllBytes(full, bytes);
            }
            Rewritten(expectedDir);
        }
        var expected = TempTree.Snapshot(expectedDir);
        var report = new StringBuilder();
        foreach (var path in expected.Keys.Union(actual.Keys).Order(StringComparer.Ordinal))
        {
            var e = expected.GetValueOrDefault(path);
            var a = actual.GetValueOrDefault(path);
            if (e is not null && a is not null && e.AsSpan().SequenceEqual(a)) continue;
            if (e is null) report.AppendLine($"+ unexpected file {path}");
            else if (a is null) report.AppendLine($"- missing file {path}");
            else report.AppendLine($"~ {path} differs:").Append(Diff(Encoding.UTF8.GetString(e), Encoding.UTF8.GetString(a)));
        }
        if (report.Length > 0)
            Assert.Fail($"output differs from {Path.GetRelativePath(RepoPaths.Root, expectedDir)}:\n{report}\n" +
                        $"If the new output is right, accept it: {AcceptVariable}=1 dotnet test --filter Snapshot, then review `git diff`.");
    }

    public static void AssertText(string expectedFile, string actual)
    {
        if (Accepting)
        {
            if (File.Exists(expectedFile) && File.ReadAllText(expectedFile) == actual) return;
            Directory.CreateDirectory(Path.GetDirectoryName(expectedFile)!);
            File.WriteAllText(expectedFile, actual);
            Rewritten(expectedFile);
        }
        var expected = File.Exists(expectedFile) ? File.ReadAllText(expectedFile) : null;
        if (expected == actual) return;
        Assert.Fail($"{Path.GetRelativePath(RepoPaths.Root, expectedFile)} differs:\n{Diff(expected ?? "", actual)}\n" +
                    $"If the new output is right, accept it: {AcceptVariable}=1 dotnet test --filter Snapshot, then review `git diff`.");
    }

    /// <summary>Changed lines with a little context, marked - (expected) and + (actual); CR shown as ␍.</summary>
    private static string Diff(string expected, string actual)
    {
        var model = InlineDiffBuilder.Diff(expected, actual, ignoreWhiteSpace: false);
        var sb = new StringBuilder();
        var lines = model.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            var near = Enumerable.Range(Math.Max(0, i - 2), Math.Min(lines.Count, i + 3) - Math.Max(0, i - 2))
                .Any(j => lines[j].Type != ChangeType.Unchanged);
            if (!near) continue;
            var mark = lines[i].Type switch { ChangeType.Inserted => "+", ChangeType.Deleted => "-", _ => " " };
            sb.Append("    ").Append(mark).Append(' ').AppendLine(lines[i].Text.Replace("\r", "␍"));
        }
        return sb.ToString();
    }
}
