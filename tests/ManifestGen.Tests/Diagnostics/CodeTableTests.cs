using System.Text;
using System.Text.RegularExpressions;
using ManifestGen.Diagnostics;
using ManifestGen.Tests.Snapshots;
using ManifestGen.Tests.Support;
using ManifestGen.Yaml;

namespace ManifestGen.Tests.Diagnostics;

/// <summary>
/// One code table per assembly (<see cref="YamlCodes"/>, <see cref="DiagnosticCodes"/>): codes are unique across both,
/// no source writes a code anywhere else, every entry is used, and the README's list is generated from the tables.
/// </summary>
public partial class CodeTableTests
{
    private static IReadOnlyList<DiagnosticCode> All => [.. YamlCodes.All, .. DiagnosticCodes.All];

    private static readonly string Generator = Path.Combine(RepoPaths.Root, "generator");

    private static IEnumerable<string> Sources() =>
        Directory.EnumerateFiles(Generator, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static bool IsTable(string file) => Path.GetFileName(file) is "YamlCodes.cs" or "DiagnosticCodes.cs";

    [Fact]
    public void Codes_are_unique_across_both_assemblies()
    {
        var duplicates = All.GroupBy(c => c.Code).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(duplicates);
        Assert.All(All, c => Assert.Matches("^MG[0-9]{4}$", c.Code));
    }

    [GeneratedRegex(@"""[^""\n]*MG[0-9]{4}")]
    private static partial Regex CodeInString();

    [Fact]
    public void No_source_writes_a_code_outside_its_table()
    {
        var offenders = new List<string>();
        foreach (var file in Sources().Where(f => !IsTable(f)))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var code = lines[i].Split("//")[0]; // comments may name a code; strings may not
                if (CodeInString().IsMatch(code)) offenders.Add($"{Path.GetRelativePath(RepoPaths.Root, file)}:{i + 1}: {lines[i].Trim()}");
            }
        }
        Assert.Empty(offenders);
    }

    [Fact]
    public void Every_code_of_the_tables_is_used()
    {
        var text = string.Join("\n", Sources().Where(f => !IsTable(f)).Select(File.ReadAllText));
        var names = Sources().Where(IsTable).SelectMany(f => Regex.Matches(File.ReadAllText(f), @"public static readonly DiagnosticCode (\w+) = Define\(""(MG\d{4})""")
            .Select(m => (Name: m.Groups[1].Value, Code: m.Groups[2].Value))).ToList();
        Assert.Equal(All.Count, names.Count);
        var unused = names.Where(n => !Regex.IsMatch(text, $@"\b(YamlCodes|DiagnosticCodes)\.{n.Name}\b")).Select(n => $"{n.Code} {n.Name}").ToList();
        Assert.Empty(unused);
    }

    /// <summary>The README's list of codes, as the tables give it.</summary>
    public static string ReadmeTable()
    {
        var sb = new StringBuilder("| code | severity | what |\n| --- | --- | --- |\n");
        foreach (var c in All.OrderBy(c => c.Code, StringComparer.Ordinal))
            sb.Append($"| {c.Code} | {c.Severity.ToString().ToLowerInvariant()} | {c.Title}{(c.ExplainedIn.StartsWith("docs/", StringComparison.Ordinal) ? $" ([{c.ExplainedIn}]({c.ExplainedIn}))" : "")} |\n");
        return sb.ToString();
    }

    [Fact]
    public void The_README_lists_every_code_as_the_tables_give_it()
    {
        var readme = Path.Combine(RepoPaths.Root, "README.md");
        var text = File.ReadAllText(readme);
        const string begin = "<!-- codes:begin (generated from the code tables: MANIFESTGEN_ACCEPT=1 dotnet test --filter CodeTable) -->\n";
        const string end = "<!-- codes:end -->";
        var from = text.IndexOf(begin, StringComparison.Ordinal);
        var to = text.IndexOf(end, StringComparison.Ordinal);
        Assert.True(from >= 0 && to > from, "README.md has no generated codes block");
        var expected = ReadmeTable();
        var actual = text[(from + begin.Length)..to];
        if (SnapshotHarness.Accepting && actual != expected)
        {
            File.WriteAllText(readme, text[..(from + begin.Length)] + expected + text[to..]);
            SnapshotHarness.Rewritten(readme);
        }
        Assert.True(expected == actual, "README.md's codes differ from the tables: MANIFESTGEN_ACCEPT=1 dotnet test --filter CodeTable, then review git diff");
    }
}
