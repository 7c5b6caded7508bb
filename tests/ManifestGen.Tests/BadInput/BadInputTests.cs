using System.Text;
using ManifestGen.Tests.Support;
using ManifestGen.Yaml;

namespace ManifestGen.Tests.BadInput;

/// <summary>
/// One bad input a file (cases/*.yaml). Each case builds a repository (the example cluster, or files
/// of its own), runs generate, and requires: exit 2, the expected diagnostic code at the expected
/// file:line:col, not a byte of the tree changed, and no stack trace.
/// </summary>
public class BadInputTests
{
    private static readonly string CasesDir = Path.Combine(RepoPaths.Root, "tests", "ManifestGen.Tests", "BadInput", "cases");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(CasesDir, "*.yaml").Order(StringComparer.Ordinal)) data.Add(Path.GetFileNameWithoutExtension(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bad_input_is_refused_with_a_located_diagnostic_and_nothing_changes(string name)
    {
        var spec = (YamlMap)YamlValue.Parse(File.ReadAllText(Path.Combine(CasesDir, name + ".yaml")));
        using var tree = Build(spec);
        var before = tree.Snapshot();
        var result = CliRunner.Run(tree, "generate");
        var expect = (YamlMap)spec.Get("expect")!;
        var code = Text(expect.Get("code"));
        var at = Text(expect.Get("at"));
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}\n{result.Stderr}");
        // The same switch as the snapshots rewrites where each case's first error is (its code stays the case's).
        if (Snapshots.SnapshotHarness.Accepting
            && System.Text.RegularExpressions.Regex.Match(result.Stderr, $@"^(\S+:\d+:\d+): error {code}:", System.Text.RegularExpressions.RegexOptions.Multiline) is { Success: true } m
            && m.Groups[1].Value != at)
        {
            var file = Path.Combine(CasesDir, name + ".yaml");
            File.WriteAllText(file, File.ReadAllText(file).Replace($"at: \"{at}\"", $"at: \"{m.Groups[1].Value}\""));
            at = m.Groups[1].Value;
        }
        Assert.Contains($"{at}: error {code}:", result.Stderr);
        // What the diagnostic must say, where the case names it (the words a user needs, not only the code).
        if (Text(expect.Get("says")) is { } says) Assert.Contains(says, result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.DoesNotContain("Exception", result.Stderr);
        Assert.Equal(before.Keys, tree.Snapshot().Keys);
        Assert.True(before.All(kv => kv.Value.AsSpan().SequenceEqual(tree.Snapshot()[kv.Key])), "a file changed");
    }

    private static TempTree Build(YamlMap spec)
    {
        var tree = Text(spec.Get("base")) == "example"
            ? new TempTree(RepoPaths.ExampleInput)
            : new TempTree();
        foreach (var edit in (spec.Get("edits") as YamlSeq)?.Items.Cast<YamlMap>() ?? [])
        {
            var file = Text(edit.Get("file"))!;
            var text = tree.Read(file);
            var from = Text(edit.Get("from"))!;
            Assert.True(text.Contains(from, StringComparison.Ordinal), $"case edit: '{from}' not in {file}");
            tree.Write(file, text.Replace(from, Text(edit.Get("to"))));
        }
        foreach (var (file, content) in (spec.Get("files") as YamlMap)?.Entries ?? [])
            tree.Write(file, Text(content)!);
        foreach (var g in (spec.Get("generate") as YamlSeq)?.Items.Cast<YamlMap>() ?? [])
            Generate(tree, g);
        return tree;
    }

    /// <summary>Inputs that cannot sit in a text file: invalid bytes, huge or deep files, links.</summary>
    private static void Generate(TempTree tree, YamlMap g)
    {
        var file = tree.PathOf(Text(g.Get("file"))!);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var prefix = Encoding.UTF8.GetBytes(Text(g.Get("prefix")) ?? "");
        if (g.Get("bytes") is YamlSeq bytes)
            File.WriteAllBytes(file, [.. prefix, .. bytes.Items.Select(b => byte.Parse(Text(b)!, System.Globalization.CultureInfo.InvariantCulture))]);
        else if (Text(g.Get("repeat")) is { } repeat)
        {
            using var stream = File.Create(file);
            stream.Write(prefix);
            var chunk = Encoding.UTF8.GetBytes(repeat);
            var times = long.Parse(Text(g.Get("times"))!, System.Globalization.CultureInfo.InvariantCulture);
            for (long i = 0; i < times; i++) stream.Write(chunk);
        }
        else if (Text(g.Get("nest")) is { } nest)
        {
            var n = int.Parse(nest, System.Globalization.CultureInfo.InvariantCulture);
            File.WriteAllText(file, Encoding.UTF8.GetString(prefix) + new string('[', n) + new string(']', n) + "\n");
        }
        else if (Text(g.Get("linkTo")) is { } target)
        {
            File.CreateSymbolicLink(file, target);
        }
    }

    private static string? Text(YamlValue? v) => v is YamlScalar s ? s.Value.Text : null;
}
