using ManifestGen.Yaml;

namespace ManifestGen.Tests.Yaml;

public class YamlEditorSetTests
{
    private static string Set(string yaml, string path, ScalarValue value, ScalarStyle style = ScalarStyle.Plain, string? comment = null) =>
        YamlEditor.Apply(YamlFile.Parse(yaml), new SetScalar(DocumentSelector.Only, path, value, style, comment)).Text;

    [Fact]
    public void Replaces_an_existing_scalar_and_keeps_its_comment()
    {
        var input = "a: 1 # why\nb: 2\n";
        Assert.Equal("a: 5 # why\nb: 2\n", Set(input, "a", ScalarValue.Integer(5)));
    }

    [Fact]
    public void Setting_the_value_a_node_already_has_is_byte_identical()
    {
        var input = "spec:\n  x: '6h'   # keep\n  y: \"10\"\n";
        Assert.Same(input, Set(input, "spec.x", ScalarValue.String("6h")));
        Assert.Equal(input, Set(input, "spec.y", ScalarValue.String("10")));
    }

    [Fact]
    public void Keeps_the_quote_style_of_an_existing_scalar()
    {
        Assert.Equal("a: 'new'\n", Set("a: 'old'\n", "a", ScalarValue.String("new")));
        Assert.Equal("a: \"new\"\n", Set("a: \"old\"\n", "a", ScalarValue.String("new")));
    }

    [Theory]
    [InlineData("10", "\"10\"")]
    [InlineData("true", "\"true\"")]
    [InlineData("on", "\"on\"")]
    [InlineData("6h", "6h")]
    [InlineData("--kube-api-qps=50", "--kube-api-qps=50")]
    [InlineData("a: b", "\"a: b\"")]
    [InlineData("", "\"\"")]
    [InlineData("null", "\"null\"")]
    [InlineData("1.5", "\"1.5\"")]
    [InlineData("0755", "\"0755\"")]
    [InlineData("- x", "\"- x\"")]
    [InlineData("#x", "\"#x\"")]
    [InlineData("line\nbreak", "\"line\\nbreak\"")]
    public void New_strings_are_plain_unless_plain_would_change_their_type(string value, string expected)
    {
        Assert.Equal($"a: 1\nb: {expected}\n", Set("a: 1\n", "b", ScalarValue.String(value)));
    }

    [Fact]
    public void Creates_missing_parent_mappings_at_the_siblings_indentation()
    {
        var input = "spec:\n    values:\n        bpf:\n            ctTcpMax: 1\n";
        var expected = "spec:\n    values:\n        bpf:\n            ctTcpMax: 1\n        extraConfig:\n            bpf-ct-timeout-regular-tcp: \"6h\"\n";
        Assert.Equal(expected, Set(input, "spec.values.extraConfig.bpf-ct-timeout-regular-tcp", ScalarValue.String("6h"), ScalarStyle.DoubleQuoted));
    }

    [Fact]
    public void Inserts_after_the_last_sibling_and_the_comment_lines_that_belong_to_it()
    {
        var input = "bpf:\n  a: 1\n  # about a\n  #   more\n\n# about next\nnext: 2\n";
        var expected = "bpf:\n  a: 1\n  # about a\n  #   more\n  b: 2\n\n# about next\nnext: 2\n";
        Assert.Equal(expected, Set(input, "bpf.b", ScalarValue.Integer(2)));
    }

    [Fact]
    public void Adds_a_marker_comment_to_the_edited_line()
    {
        Assert.Equal("a: 2 # managed by mg\n", Set("a: 1\n", "a", ScalarValue.Integer(2), comment: "managed by mg"));
        Assert.Equal("a: 2 # user # managed by mg\n", Set("a: 1 # user\n", "a", ScalarValue.Integer(2), comment: "managed by mg"));
        Assert.Equal("a: 1\nb: 2 # managed by mg\n", Set("a: 1\n", "b", ScalarValue.Integer(2), comment: "managed by mg"));
        var marked = "a: 2 # managed by mg\n";
        Assert.Same(marked, Set(marked, "a", ScalarValue.Integer(2), comment: "managed by mg"));
    }

    [Fact]
    public void Fills_an_empty_value()
    {
        Assert.Equal("a: 1\nb: x\n", Set("a: 1\nb:\n", "b", ScalarValue.String("x")));
        Assert.Equal("a:\n  b:\n    c: 1\n", Set("a:\n  b:\n", "a.b.c", ScalarValue.Integer(1)));
        Assert.Equal("a:\n  c: 1\n", Set("a: {}\n", "a.c", ScalarValue.Integer(1)));
        Assert.Equal("a: # keep\n  c: 1\n", Set("a: {} # keep\n", "a.c", ScalarValue.Integer(1)));
    }

    [Fact]
    public void Preserves_crlf_and_uses_it_for_new_lines()
    {
        var input = "a: 1\r\nb:\r\n  c: 2\r\n";
        Assert.Equal("a: 1\r\nb:\r\n  c: 2\r\n  d: 3\r\n", Set(input, "b.d", ScalarValue.Integer(3)));
    }

    [Fact]
    public void Preserves_a_missing_final_newline()
    {
        Assert.Equal("a: 1\nb: 2", Set("a: 1", "b", ScalarValue.Integer(2)));
        Assert.Equal("a: 3", Set("a: 1", "a", ScalarValue.Integer(3)));
    }

    [Fact]
    public void Preserves_a_byte_order_mark()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat("a: 1\n"u8.ToArray()).ToArray();
        var edited = YamlEditor.Apply(YamlFile.Parse(bytes), new SetScalar(DocumentSelector.Only, "a", ScalarValue.Integer(2)));
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }.Concat("a: 2\n"u8.ToArray()), edited.Source.ToBytes());
    }

    [Fact]
    public void Selects_a_document_by_kind_and_name_in_a_multi_document_file()
    {
        var input = "# head\n---\nkind: A\nmetadata:\n  name: one\nspec: {}\n---\nkind: A\nmetadata:\n  name: two\nspec:\n  x: 1\n...\n";
        var edited = YamlEditor.Apply(YamlFile.Parse(input), new SetScalar(DocumentSelector.Object("A", "two"), "spec.z", ScalarValue.Integer(2))).Text;
        Assert.Equal(input.Replace("  x: 1\n", "  x: 1\n  z: 2\n"), edited);
        var ex = Assert.Throws<YamlEditException>(() => DocumentSelector.Object("A").Select(YamlFile.Parse(input)));
        Assert.Equal("MG1011", ex.Code.Code);
    }

    [Fact]
    public void Selects_sequence_items_by_field_and_by_index()
    {
        var input = "containers:\n  - name: a\n    args: [x]\n  - name: b\n    image: i\n";
        Assert.Equal(input.Replace("image: i", "image: j"), Set(input, "containers[name=b].image", ScalarValue.String("j")));
        Assert.Equal(input.Replace("image: i", "image: j"), Set(input, "containers[1].image", ScalarValue.String("j")));
        Assert.Equal(input.Replace("    image: i\n", "    image: i\n    tty: true\n"), Set(input, "containers[name=b].tty", ScalarValue.Boolean(true)));
        var ex = Assert.Throws<YamlEditException>(() => Set(input, "containers[name=c].image", ScalarValue.String("j")));
        Assert.Equal("MG1106", ex.Code.Code);
        Assert.Equal(new SourcePosition(2, 3), ex.Position);
    }

    [Fact]
    public void Works_in_indentless_sequences()
    {
        var input = "containers:\n- name: a\n  image: x\n- name: b\n";
        Assert.Equal("containers:\n- name: a\n  image: x\n- name: b\n  image: z\n", Set(input, "containers[name=b].image", ScalarValue.String("z")));
    }

    [Fact]
    public void Keeps_block_scalars_and_comments_between_keys()
    {
        var input = "a: |\n  line1\n  line2\n\n# between\nb: 1 # end\n";
        Assert.Equal(input.Replace("b: 1", "b: 2"), Set(input, "b", ScalarValue.Integer(2)));
        Assert.Equal("a: x\n\n# between\nb: 1 # end\n", Set(input, "a", ScalarValue.String("x")));
    }

    [Fact]
    public void Quotes_keys_that_yaml_1_1_reads_as_booleans()
    {
        Assert.Equal("a: 1\n\"y\": 2\n", Set("a: 1\n", "y", ScalarValue.Integer(2)));
    }

    [Fact]
    public void Refuses_writing_through_an_alias()
    {
        var input = "base: &b\n  x: 1\nother: *b\n";
        var ex = Assert.Throws<YamlEditException>(() => Set(input, "other.x", ScalarValue.Integer(2)));
        Assert.Equal("MG1102", ex.Code.Code);
        Assert.Equal(new SourcePosition(3, 8), ex.Position);
        Assert.Equal("MG1102", Assert.Throws<YamlEditException>(() => Set(input, "base.x", ScalarValue.Integer(2))).Code.Code);
    }

    [Fact]
    public void Refuses_adding_to_a_non_empty_flow_mapping_but_edits_scalars_in_it()
    {
        var input = "a: {x: 1, y: 2}\n";
        Assert.Equal("MG1103", Assert.Throws<YamlEditException>(() => Set(input, "a.z", ScalarValue.Integer(3))).Code.Code);
        Assert.Equal("a: {x: 1, y: 5}\n", Set(input, "a.y", ScalarValue.Integer(5)));
    }

    [Fact]
    public void Refuses_descending_into_a_template_block()
    {
        var input = "values: |\n  a: {{ .Values.x }}\n";
        var ex = Assert.Throws<YamlEditException>(() => Set(input, "values.a", ScalarValue.Integer(1)));
        Assert.Equal("MG1104", ex.Code.Code);
        Assert.Contains("template", ex.Message);
    }

    [Fact]
    public void Refuses_setting_a_scalar_over_a_mapping()
    {
        var ex = Assert.Throws<YamlEditException>(() => Set("a:\n  b: 1\n", "a", ScalarValue.Integer(1)));
        Assert.Equal("MG1101", ex.Code.Code);
        Assert.Equal(new SourcePosition(2, 3), ex.Position);
    }
}

public class YamlLocatorMessageTests
{
    [Fact]
    public void Descending_into_a_number_says_what_is_there()
    {
        var ex = Assert.Throws<YamlEditException>(() =>
            YamlEditor.Apply(YamlFile.Parse("a: 5\n"), new SetScalar(DocumentSelector.Only, "a.b", ScalarValue.Integer(1))));
        Assert.Equal("MG1104", ex.Code.Code);
        Assert.Equal("cannot edit a.b: a is the integer 5", ex.Message);
        Assert.Equal(new SourcePosition(1, 4), ex.Position);
    }
}
