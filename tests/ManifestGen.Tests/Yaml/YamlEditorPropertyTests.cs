using CsCheck;
using ManifestGen.Yaml;

namespace ManifestGen.Tests.Yaml;

/// <summary>Properties of the editor over generated documents and random paths.</summary>
public class YamlEditorPropertyTests
{
    private static readonly string[] Keys = ["a", "b", "name", "spec", "values", "ct-max", "x_y", "Key", "enabled", "image"];
    private static readonly string[] Strings = ["6h", "10", "true", "on", "", "a: b", "x #y", "--kube-api-qps=50", "héllo", "with \"quotes\"", "multi\nline", "plain text", "- dash", "~", "0755", "1.5"];

    private static readonly Gen<YamlValue> Scalar = Gen.OneOf(
        Gen.Int[0, Strings.Length - 1].Select(i => (YamlValue)YamlValue.Scalar(Strings[i])),
        Gen.Long[-1000, 100000].Select(n => (YamlValue)YamlValue.Scalar(n)),
        Gen.Bool.Select(b => (YamlValue)YamlValue.Scalar(b)));

    private static Gen<YamlValue> Value(int depth) => depth == 0
        ? Scalar
        : Gen.Frequency(
            (3, Scalar),
            (2, Gen.Int[1, 4].SelectMany(n => Gen.Int[0, Keys.Length - 1].Array[n]).SelectMany(ix =>
                Value(depth - 1).Array[ix.Distinct().Count()].Select(vals =>
                    (YamlValue)new YamlMap(ix.Distinct().Select((k, j) => new KeyValuePair<string, YamlValue>(Keys[k], vals[j])).ToList())))),
            (1, Value(depth - 1).Array[1, 3].Select(items => (YamlValue)new YamlSeq(items))));

    private static readonly Gen<YamlMap> Root = Value(3).Select(v => v is YamlMap m ? m : new YamlMap([new("root", v)]));

    private static readonly Gen<EmitStyle> Styles = Gen.Select(Gen.Int[1, 2], Gen.Bool, Gen.Int[2, 3],
        (step, indentless, offset) => new EmitStyle(step * 2, indentless, offset));

    /// <summary>A document with blank lines and comments sprinkled between and after lines.</summary>
    internal static readonly Gen<(string Text, YamlMap Data)> Documents =
        Gen.Select(Root, Styles, Gen.Int[0, int.MaxValue], Gen.Bool).Select((root, style, seed, crlf) =>
        {
            var rnd = new Random(seed);
            var lines = YamlWriter.Document(root, style).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
            var output = new List<string>();
            foreach (var line in lines)
            {
                var roll = rnd.Next(10);
                if (roll == 0) output.Add("");
                if (roll == 1) output.Add(new string(' ', rnd.Next(6)) + "# note " + rnd.Next(100));
                output.Add(rnd.Next(5) == 0 ? line + " # eol" : line);
            }
            if (rnd.Next(3) == 0) output.Add("# trailing");
            var nl = crlf ? "\r\n" : "\n";
            return (string.Join(nl, output) + nl, root);
        });

    internal static List<(YamlPath Path, YamlScalar Value)> Leaves(YamlValue value, YamlPath path)
    {
        var result = new List<(YamlPath, YamlScalar)>();
        switch (value)
        {
            case YamlScalar s: result.Add((path, s)); break;
            case YamlMap m: foreach (var (k, v) in m.Entries) result.AddRange(Leaves(v, path.Append(new KeySegment(k)))); break;
            case YamlSeq q: for (var i = 0; i < q.Items.Count; i++) result.AddRange(Leaves(q.Items[i], path.Append(new IndexSegment(i)))); break;
        }
        return result;
    }

    [Fact]
    public void Generated_documents_parse_to_the_data_they_were_written_from()
    {
        Documents.Sample(d => YamlValue.FromNode(YamlFile.Parse(d.Text).Documents[0].Root).DeepEquals(d.Data), iter: 300);
    }

    [Fact]
    public void Set_then_get_returns_the_value()
    {
        Gen.Select(Documents, Gen.Int[0, 1000], Scalar).Sample((d, pick, value) =>
        {
            var leaves = Leaves(d.Data, YamlPath.Root);
            var path = leaves[pick % leaves.Count].Path;
            var scalar = ((YamlScalar)value).Value;
            var edited = YamlEditor.Apply(YamlFile.Parse(d.Text), new SetScalar(DocumentSelector.Only, path, scalar));
            var got = YamlEditor.GetValue(edited, DocumentSelector.Only, path);
            return got is YamlScalar s && s.Value.SameAs(scalar);
        }, iter: 300);
    }

    [Fact]
    public void Setting_the_value_a_node_has_is_byte_identical()
    {
        Gen.Select(Documents, Gen.Int[0, 1000]).Sample((d, pick) =>
        {
            var leaves = Leaves(d.Data, YamlPath.Root);
            var (path, value) = leaves[pick % leaves.Count];
            var file = YamlFile.Parse(d.Text);
            return YamlEditor.Apply(file, new SetScalar(DocumentSelector.Only, path, value.Value)).Text == d.Text;
        }, iter: 300);
    }

    [Fact]
    public void Bytes_outside_the_edited_lines_are_unchanged()
    {
        Gen.Select(Documents, Gen.Int[0, 1000], Scalar, Gen.Bool).Sample((d, pick, value, addNew) =>
        {
            var leaves = Leaves(d.Data, YamlPath.Root);
            var path = leaves[pick % leaves.Count].Path;
            if (addNew)
            {
                // A new key beside an existing scalar inside a mapping.
                if (path.Segments.Count == 0 || path.Segments[^1] is not KeySegment) return true;
                path = path.Prefix(path.Segments.Count - 1).Key("added-key");
            }
            var scalar = ((YamlScalar)value).Value;
            var edited = YamlEditor.Apply(YamlFile.Parse(d.Text), new SetScalar(DocumentSelector.Only, path, scalar)).Text;
            return OnlyOneRegionChanged(d.Text, edited, addNew);
        }, iter: 300);
    }

    /// <summary>Old lines form a common prefix and suffix of the new ones; a set changes one line, an addition only adds.</summary>
    internal static bool OnlyOneRegionChanged(string before, string after, bool onlyAdded)
    {
        var a = before.Split('\n');
        var b = after.Split('\n');
        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix]) prefix++;
        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[^(suffix + 1)] == b[^(suffix + 1)]) suffix++;
        var removed = a.Length - prefix - suffix;
        return onlyAdded ? removed == 0 : removed <= 1 && b.Length - prefix - suffix <= 1 || before == after;
    }
}
