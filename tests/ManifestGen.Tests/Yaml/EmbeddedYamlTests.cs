using CsCheck;
using ManifestGen.Yaml;

namespace ManifestGen.Tests.Yaml;

/// <summary>Editing the YAML a literal block scalar holds (a ConfigMap's <c>data."values.yaml"</c>) in place.</summary>
public class EmbeddedYamlTests
{
    private static readonly YamlPath Block = YamlPath.Keys("data", "values.yaml");

    private static string ConfigMap(string values, string header = "|", string nl = "\n", string tail = "")
    {
        var lines = values.Split('\n').ToList();
        if (lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        return ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cilium-values   # read by the HelmRelease\ndata:\n  values.yaml: " + header + "\n"
                + string.Concat(lines.Select(l => (l.Length == 0 ? "" : "    " + l) + "\n")) + tail).Replace("\n", nl);
    }

    private static string Edit(string outer, params YamlEdit[] edits) =>
        EmbeddedYaml.Open(YamlFile.Parse(outer), DocumentSelector.Only, Block).Apply(edits).Outer.Text;

    [Fact]
    public void A_new_key_goes_under_its_parent_at_the_block_s_indentation_and_nothing_else_moves()
    {
        var before = ConfigMap("# Talos\nbpf:\n  masquerade: true\n\nhubble:\n  enabled: false\n", tail: "  other: x\n");
        var after = Edit(before, new SetScalar(DocumentSelector.Only, "bpf.ctTcpMax", ScalarValue.Integer(524288), LineComment: "managed by manifestgen"));
        Assert.Equal(before.Replace("      masquerade: true\n", "      masquerade: true\n      ctTcpMax: 524288 # managed by manifestgen\n"), after);
    }

    [Theory]
    [InlineData("|")]
    [InlineData("|-")]
    [InlineData("|+")]
    [InlineData("|2")]
    [InlineData("| # values")]
    public void The_block_header_is_kept(string header)
    {
        var before = ConfigMap("a: 1\nb:\n  c: 2\n", header);
        var after = Edit(before, new SetScalar(DocumentSelector.Only, "b.c", ScalarValue.Integer(3)));
        Assert.Equal(before.Replace("c: 2", "c: 3"), after);
        Assert.Equal("a: 1\nb:\n  c: 3" + (header.StartsWith("|-") ? "" : "\n"),
            ((ScalarNode)YamlEditor.Get(YamlFile.Parse(after), DocumentSelector.Only, Block)!).Value);
    }

    [Fact]
    public void Crlf_files_and_blank_lines_with_spaces_keep_their_bytes()
    {
        var before = ConfigMap("a: 1\n\nb: 2\n", nl: "\r\n").Replace("    a: 1\r\n\r\n", "    a: 1\r\n      \r\n");
        var after = Edit(before, new SetScalar(DocumentSelector.Only, "b", ScalarValue.Integer(5)), new SetScalar(DocumentSelector.Only, "c", ScalarValue.Integer(6)));
        Assert.Equal(before.Replace("    b: 2\r\n", "    b: 5\r\n    c: 6\r\n"), after);
    }

    [Fact]
    public void Deleting_the_last_key_keeps_the_lines_after_the_block()
    {
        var before = ConfigMap("a: 1\nb: 2\n", tail: "  README: hi\n");
        Assert.Equal(before.Replace("    b: 2\n", ""), Edit(before, new DeleteKey(DocumentSelector.Only, "b")));
    }

    [Fact]
    public void Positions_inside_the_block_map_to_the_outer_file()
    {
        var outer = YamlFile.Parse(ConfigMap("a: 1\nbpf:\n  ctTcpTimeout: 21600\n"));
        var embedded = EmbeddedYaml.Open(outer, DocumentSelector.Only, Block);
        var node = YamlEditor.Get(embedded.Inner, DocumentSelector.Only, "bpf.ctTcpTimeout")!;
        Assert.Equal(new SourcePosition(9, 21), embedded.OuterPosition(node.ContentStart));
        Assert.Equal("21600", outer.Source.LineText(8)[20..25]);
    }

    [Theory]
    [InlineData("  values.yaml: >\n    a: 1\n", "folded block")]
    [InlineData("  values.yaml: \"a: 1\"\n", "quoted string")]
    [InlineData("  values.yaml:\n    a: 1\n", "mapping")]
    public void Only_a_literal_block_is_edited(string data, string what)
    {
        var outer = YamlFile.Parse("kind: ConfigMap\ndata:\n" + data);
        var e = Assert.Throws<YamlEditException>(() => EmbeddedYaml.Open(outer, DocumentSelector.Only, Block));
        Assert.Equal("MG1110", e.Code.Code);
        Assert.Contains(what, e.Message);
    }

    [Fact]
    public void Invalid_yaml_in_the_block_is_reported_at_its_outer_line()
    {
        var outer = YamlFile.Parse(ConfigMap("a: 1\nb: [unclosed\n"));
        var e = Assert.Throws<YamlEditException>(() => EmbeddedYaml.Open(outer, DocumentSelector.Only, Block));
        Assert.True(e.Position!.Value.Line >= 7, e.Position.ToString());
    }

    [Fact]
    public void Set_then_restore_is_byte_identical()
    {
        var before = ConfigMap("rollOutCiliumPods: false   # by hand\nbpf:\n  ctTcpMax: '65536'\n");
        var outer = YamlFile.Parse(before);
        var inner = EmbeddedYaml.Open(outer, DocumentSelector.Only, Block).Inner;
        var originals = new[] { "rollOutCiliumPods", "bpf.ctTcpMax" }.Select(p => (Path: (YamlPath)p, Text: YamlEditor.ValueText(inner, DocumentSelector.Only, p)!)).ToList();
        var set = Edit(before, new SetScalar(DocumentSelector.Only, "rollOutCiliumPods", ScalarValue.Boolean(true), LineComment: "managed by manifestgen"),
            new SetScalar(DocumentSelector.Only, "bpf.ctTcpMax", ScalarValue.Integer(524288), LineComment: "managed by manifestgen"));
        Assert.NotEqual(before, set);
        Assert.Equal(before, Edit(set, originals.Select(o => (YamlEdit)new RestoreValue(DocumentSelector.Only, o.Path, o.Text)).ToArray()));
    }

    /// <summary>Generated documents embedded in a block: a set changes the block as the data says and no outer line but its own.</summary>
    [Fact]
    public void Edits_in_a_block_change_only_their_lines_and_round_trip()
    {
        Gen.Select(YamlEditorPropertyTests.Documents, Gen.Int[0, 1000], Gen.Long[0, 99999], Gen.Bool).Sample((d, pick, number, crlf) =>
        {
            var text = "zfirst: 0\n" + d.Text.Replace("\r\n", "\n");
            var before = ConfigMap(text, nl: crlf ? "\r\n" : "\n");
            var leaves = YamlEditorPropertyTests.Leaves(d.Data, YamlPath.Root);
            var path = leaves[pick % leaves.Count].Path;
            var outer = YamlFile.Parse(before);
            var embedded = EmbeddedYaml.Open(outer, DocumentSelector.Only, Block);
            var original = YamlEditor.ValueText(embedded.Inner, DocumentSelector.Only, path);
            var set = embedded.Apply(new SetScalar(DocumentSelector.Only, path, ScalarValue.Integer(number))).Outer.Text;
            var value = YamlEditor.GetValue(EmbeddedYaml.Open(YamlFile.Parse(set), DocumentSelector.Only, Block).Inner, DocumentSelector.Only, path);
            if (value is not YamlScalar s || s.Value.Text != number.ToString(System.Globalization.CultureInfo.InvariantCulture)) return false;
            if (!YamlEditorPropertyTests.OnlyOneRegionChanged(before, set, onlyAdded: false)) return false;
            if (original is null) return true; // an item of a sequence, not a mapping entry: nothing to restore
            return Edit(set, new RestoreValue(DocumentSelector.Only, path, original)) == before;
        }, iter: 300);
    }
}
