using ManifestGen.Yaml;

namespace ManifestGen.Tests.Yaml;

public class YamlEditorStructureTests
{
    private static string Apply(string yaml, YamlEdit edit) => YamlEditor.Apply(YamlFile.Parse(yaml), edit).Text;
    private static readonly DocumentSelector Only = DocumentSelector.Only;

    [Fact]
    public void Ensure_mapping_creates_an_empty_mapping_and_is_a_no_op_when_present()
    {
        Assert.Equal("a: 1\nb:\n  c: {}\n", Apply("a: 1\n", new EnsureMapping(Only, "b.c")));
        Assert.Equal("a: {}\n", Apply("a:\n", new EnsureMapping(Only, "a")));
        var present = "a:\n  b: 1\n";
        Assert.Same(present, Apply(present, new EnsureMapping(Only, "a")));
    }

    [Fact]
    public void Ensure_sequence_creates_an_empty_sequence()
    {
        Assert.Equal("a: 1\nb: []\n", Apply("a: 1\n", new EnsureSequence(Only, "b")));
    }

    [Fact]
    public void Append_keeps_the_sequence_style()
    {
        var indented = "args:\n  - --a\n  - --b # note\nnext: 1\n";
        Assert.Equal("args:\n  - --a\n  - --b # note\n  - --c\nnext: 1\n",
            Apply(indented, new AppendItem(Only, "args", YamlValue.Scalar("--c"))));
        var indentless = "args:\n- --a\n# about next\nnext: 1\n";
        Assert.Equal("args:\n- --a\n- --c\n# about next\nnext: 1\n",
            Apply(indentless, new AppendItem(Only, "args", YamlValue.Scalar("--c"))));
        var wide = "args:\n  -   x\n";
        Assert.Equal("args:\n  -   x\n  -   z\n", Apply(wide, new AppendItem(Only, "args", YamlValue.Scalar("z"))));
    }

    [Fact]
    public void Append_writes_mapping_items_and_converts_empty_flow_sequences()
    {
        var item = YamlValue.Parse("kustomize:\n  patches:\n    - patch: x\n");
        Assert.Equal("spec:\n  postRenderers:\n    - kustomize:\n        patches:\n          - patch: x\n",
            Apply("spec:\n  postRenderers: []\n", new AppendItem(Only, "spec.postRenderers", item)));
        Assert.Equal("a: 1\nlist:\n  - x\n", Apply("a: 1\n", new AppendItem(Only, "list", YamlValue.Scalar("x"))));
        Assert.Equal("args: [a, b, c]\n", Apply("args: [a, b]\n", new AppendItem(Only, "args", YamlValue.Scalar("c"))));
    }

    [Fact]
    public void Delete_removes_the_key_its_value_and_its_own_comments()
    {
        var input = "bpf:\n  # CT max\n  ctTcpMax: 1\n  # timeout in seconds\n  ctTcpTimeout: 21600 # 6h\n  ctAnyMax: 2\n";
        Assert.Equal("bpf:\n  # CT max\n  ctTcpMax: 1\n  ctAnyMax: 2\n", Apply(input, new DeleteKey(Only, "bpf.ctTcpTimeout")));
        // A comment above the first key describes the section: it stays.
        Assert.Equal("bpf:\n  # CT max\n  # timeout in seconds\n  ctTcpTimeout: 21600 # 6h\n  ctAnyMax: 2\n",
            Apply(input, new DeleteKey(Only, "bpf.ctTcpMax")));
    }

    [Fact]
    public void Delete_of_a_block_value_and_of_the_last_key()
    {
        Assert.Equal("a: 1\nc: 3\n", Apply("a: 1\nb:\n  x: 1\n  # inner\n  y:\n    - 2\nc: 3\n", new DeleteKey(Only, "b")));
        Assert.Equal("a: {}\nc: 3\n", Apply("a:\n  x: 1\nc: 3\n", new DeleteKey(Only, "a.x")));
        Assert.Equal("a: 1", Apply("a: 1\nb: 2", new DeleteKey(Only, "b")));
        var absent = "a: 1\n";
        Assert.Same(absent, Apply(absent, new DeleteKey(Only, "b.c")));
    }

    [Fact]
    public void Delete_the_first_key_of_a_sequence_item()
    {
        Assert.Equal("- b: 2\n  c: 3\n", Apply("- a: 1\n  b: 2\n  c: 3\n", new DeleteKey(Only, "[0].a")));
    }

    [Fact]
    public void Replace_a_subtree_with_new_yaml()
    {
        var input = "spec:\n  values: # chart values\n    a: 1\n    b: 2\n  other: x\n";
        Assert.Equal("spec:\n  values: # chart values\n    c:\n      - 1\n  other: x\n",
            Apply(input, new ReplaceSubtree(Only, "spec.values", YamlValue.Parse("c:\n- 1\n"))));
        Assert.Equal("spec:\n  values: 5 # chart values\n  other: x\n",
            Apply(input, new ReplaceSubtree(Only, "spec.values", YamlValue.Scalar(5))));
        Assert.Equal("spec:\n  values: # chart values\n    a: 1\n    b: 2\n  other:\n    k: v\n",
            Apply(input, new ReplaceSubtree(Only, "spec.other", YamlValue.Parse("k: v"))));
    }

    [Fact]
    public void Replace_a_sequence_item()
    {
        var input = "items:\n  - name: a\n    x: 1\n  - name: b\n";
        Assert.Equal("items:\n  - name: a\n    x: 2\n  - name: b\n",
            Apply(input, new ReplaceSubtree(Only, "items[name=a]", YamlValue.Parse("name: a\nx: 2\n"))));
    }

    [Fact]
    public void Get_reads_values()
    {
        var file = YamlFile.Parse("spec:\n  containers:\n    - name: a\n      args: [\"--x=1\"]\n");
        var args = Assert.IsType<YamlSeq>(YamlEditor.GetValue(file, Only, "spec.containers[name=a].args"));
        Assert.Equal("--x=1", ((YamlScalar)args.Items[0]).Value.Text);
        Assert.Null(YamlEditor.Get(file, Only, "spec.missing.deeper"));
    }

    [Fact]
    public void Paths_parse_and_print()
    {
        var path = YamlPath.Parse("spec.template.spec.containers[name=csi-attacher].args[2]");
        Assert.Equal(7, path.Segments.Count);
        Assert.Equal(new MatchSegment("name", "csi-attacher"), path.Segments[4]);
        Assert.Equal("spec.template.spec.containers[name=csi-attacher].args[2]", path.ToString());
        var quoted = YamlPath.Parse("metadata.annotations.\"kustomize.toolkit.fluxcd.io/ssa\"");
        Assert.Equal(new KeySegment("kustomize.toolkit.fluxcd.io/ssa"), quoted.Segments[2]);
        Assert.Throws<FormatException>(() => YamlPath.Parse("a..b"));
        Assert.Throws<FormatException>(() => YamlPath.Parse("a[x"));
    }

    [Fact]
    public void Invalid_yaml_is_reported_with_its_position()
    {
        var ex = Assert.Throws<YamlEditException>(() => YamlFile.Parse("a: 1\nb: [x\nc: 2\n"));
        Assert.Equal("MG1002", ex.Code.Code);
        Assert.NotNull(ex.Position);
        Assert.Equal("MG1003", Assert.Throws<YamlEditException>(() => YamlFile.Parse("a: 1\na: 2\n")).Code.Code);
        var bad = Assert.Throws<YamlEditException>(() => YamlFile.Parse(new byte[] { (byte)'a', (byte)':', (byte)' ', 0xFF, (byte)'\n' }));
        Assert.Equal("MG1001", bad.Code.Code);
        Assert.Equal(new SourcePosition(1, 4), bad.Position);
    }

    [Fact]
    public void Deep_nesting_is_refused_not_a_crash()
    {
        var deep = string.Concat(Enumerable.Repeat("[", 10_000)) + string.Concat(Enumerable.Repeat("]", 10_000));
        Assert.Equal("MG1004", Assert.Throws<YamlEditException>(() => YamlFile.Parse(deep)).Code.Code);
    }
}

public class YamlEditorItemAndCommentTests
{
    private static string Apply(string yaml, YamlEdit edit) => YamlEditor.Apply(YamlFile.Parse(yaml), edit).Text;
    private static readonly DocumentSelector Only = DocumentSelector.Only;

    [Fact]
    public void Delete_item_removes_its_lines_and_empties_to_brackets()
    {
        var input = "list:\n  - name: a\n    x: 1\n  # about b\n  - name: b\n    x: 2\nnext: 1\n";
        Assert.Equal("list:\n  - name: a\n    x: 1\nnext: 1\n", Apply(input, new DeleteItem(Only, "list[name=b]")));
        Assert.Equal("list:\n  # about b\n  - name: b\n    x: 2\nnext: 1\n", Apply(input, new DeleteItem(Only, "list[0]")));
        Assert.Equal("list: []\nnext: 1\n", Apply("list:\n  - a\nnext: 1\n", new DeleteItem(Only, "list[0]")));
        var absent = "list:\n  - a\n";
        Assert.Same(absent, Apply(absent, new DeleteItem(Only, "list[name=zz]")));
    }

    [Fact]
    public void Commented_values_carry_their_marker_on_the_key_line()
    {
        var item = new YamlMap([new("kustomize", new YamlCommented(YamlValue.Parse("patches:\n  - patch: x\n"), "managed by mg: id"))]);
        Assert.Equal("spec:\n  postRenderers:\n    - kustomize: # managed by mg: id\n        patches:\n          - patch: x\n",
            Apply("spec: {}\n", new AppendItem(Only, "spec.postRenderers", item)));
    }

    [Fact]
    public void Multi_line_strings_asked_for_in_literal_style_are_written_as_blocks()
    {
        var patch = new YamlScalar(ScalarValue.String("- op: add\n  path: /spec/x\n  value: 50\n"), ScalarStyle.Literal);
        Assert.Equal("a: 1\npatch: |\n  - op: add\n    path: /spec/x\n    value: 50\n",
            Apply("a: 1\n", new ReplaceSubtree(Only, "patch", patch)));
        var noFinalBreak = new YamlScalar(ScalarValue.String("one\ntwo"), ScalarStyle.Literal);
        Assert.Equal("a: 1\np: |-\n  one\n  two\n", Apply("a: 1\n", new ReplaceSubtree(Only, "p", noFinalBreak)));
        var trailingBlank = new YamlScalar(ScalarValue.String("one \ntwo"), ScalarStyle.Literal);
        Assert.Equal("a: 1\np: \"one \\ntwo\"\n", Apply("a: 1\n", new ReplaceSubtree(Only, "p", trailingBlank)));
    }
}
