using CsCheck;
using ManifestGen.Yaml;

namespace ManifestGen.Tests.Yaml;

/// <summary>
/// A new key goes where it sorts when the mapping's keys (three or more, as the file stood before the run) are in
/// order, case-insensitive; otherwise at the end. Removing it again gives the file back byte for byte.
/// </summary>
public class MappingOrderTests
{
    private static readonly string[] Words = ["alpha", "Bravo", "charlie", "delta", "Echo", "foxtrot", "golf", "hotel", "India", "juliet"];

    private static string Mapping(IEnumerable<string> keys) =>
        "values:\n" + string.Concat(keys.Select(k => $"  # about {k}\n  {k}: 1\n"));

    [Fact]
    public void A_key_goes_where_it_sorts_in_an_ordered_mapping_with_its_comments_left_to_their_keys()
    {
        var file = YamlFile.Parse("values:\n  envoy:\n    enabled: true\n  # Hubble: the UI too\n  hubble:\n    ui: true\n  ipam: {mode: kubernetes}\n");
        var edited = YamlEditor.Apply(file, new SetScalar(DocumentSelector.Only, "values.extraConfig.a", ScalarValue.String("b")));
        Assert.Equal("values:\n  envoy:\n    enabled: true\n  extraConfig:\n    a: b\n  # Hubble: the UI too\n  hubble:\n    ui: true\n  ipam: {mode: kubernetes}\n", edited.Text);
    }

    [Fact]
    public void Two_keys_or_keys_out_of_order_get_the_new_key_at_the_end()
    {
        var two = YamlFile.Parse("v:\n  b: 1\n  d: 1\n");
        Assert.Equal("v:\n  b: 1\n  d: 1\n  a: 1\n", YamlEditor.Apply(two, new SetScalar(DocumentSelector.Only, "v.a", ScalarValue.Integer(1))).Text);
        var unordered = YamlFile.Parse("v:\n  b: 1\n  d: 1\n  c: 1\n");
        Assert.Equal("v:\n  b: 1\n  d: 1\n  c: 1\n  a: 1\n", YamlEditor.Apply(unordered, new SetScalar(DocumentSelector.Only, "v.a", ScalarValue.Integer(1))).Text);
    }

    [Fact]
    public void The_order_is_the_one_before_the_run_whatever_the_run_removed_first()
    {
        // bpf's keys before the run: datapathMode, masquerade, ctTcpTimeout (not in order). The run removes the dead
        // ctTcpTimeout first; what is left is in order, but a new key still goes to the end.
        var before = YamlFile.Parse("bpf:\n  datapathMode: netkit\n  masquerade: true\n  ctTcpTimeout: 21600\n");
        var removed = YamlEditor.Apply(before, new DeleteKey(DocumentSelector.Only, "bpf.ctTcpTimeout"));
        var added = YamlEditor.Apply(removed, before, new SetScalar(DocumentSelector.Only, "bpf.ctTcpMax", ScalarValue.Integer(524288)));
        Assert.Equal("bpf:\n  datapathMode: netkit\n  masquerade: true\n  ctTcpMax: 524288\n", added.Text);
        // Without the earlier file, the mapping as it is now decides (the editor used on its own).
        var now = YamlEditor.Apply(YamlFile.Parse("bpf:\n  datapathMode: netkit\n  masquerade: true\n  preallocateMaps: true\n"),
            new SetScalar(DocumentSelector.Only, "bpf.ctTcpMax", ScalarValue.Integer(524288)));
        Assert.StartsWith("bpf:\n  ctTcpMax: 524288\n  datapathMode", now.Text);
    }

    [Fact]
    public void Any_new_key_keeps_an_ordered_mapping_in_order_and_removing_it_gives_the_bytes_back()
    {
        Gen.Select(Gen.Int[3, Words.Length].SelectMany(n => Gen.Shuffle(Words, n)), Gen.Int[0, Words.Length - 1], Gen.Bool).Sample((picked, newIndex, sorted) =>
        {
            var keys = picked.Where(w => w != Words[newIndex]).ToList();
            if (keys.Count < 3) return true;
            if (sorted) keys.Sort(StringComparer.OrdinalIgnoreCase);
            var text = Mapping(keys);
            var key = Words[newIndex];
            var edited = YamlEditor.Apply(YamlFile.Parse(text), new SetScalar(DocumentSelector.Only, YamlPath.Keys("values", key), ScalarValue.Integer(2)));
            var after = ((MappingNode)((MappingNode)edited.Documents[0].Root!).Find("values")!.Value).Entries.Select(e => e.KeyText!).ToList();
            var ordered = MappingOrder.IsOrdered(keys);
            var expected = ordered ? keys.Append(key).Order(StringComparer.OrdinalIgnoreCase).ToList() : [.. keys, key];
            var back = YamlEditor.Apply(edited, new DeleteKey(DocumentSelector.Only, YamlPath.Keys("values", key)));
            return after.SequenceEqual(expected) && back.Text == text;
        }, iter: 500);
    }
}
