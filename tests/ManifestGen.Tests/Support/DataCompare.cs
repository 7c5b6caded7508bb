using ManifestGen.Yaml;

namespace ManifestGen.Tests.Support;

/// <summary>Comparing objects as data: kustomize and kubectl print keys sorted, our editor keeps the file's order.</summary>
public static class DataCompare
{
    public static YamlValue Canonical(YamlValue value) => value switch
    {
        YamlMap m => new YamlMap(m.Entries.OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => new KeyValuePair<string, YamlValue>(e.Key, Canonical(e.Value))).ToList()),
        YamlSeq q => new YamlSeq(q.Items.Select(Canonical).ToList()),
        YamlCommented c => Canonical(c.Inner),
        _ => value,
    };

    /// <summary>The single document of a manifest stream with the given kind, as data.</summary>
    public static YamlValue Object(string yaml, string kind) =>
        YamlValue.FromNode(YamlFile.Parse(yaml).Documents.Single(d => d.Kind == kind).Root);

    public static void AssertSame(YamlValue expected, YamlValue actual, string context)
    {
        var e = Canonical(expected);
        var a = Canonical(actual);
        if (!e.DeepEquals(a))
            Assert.Fail($"{context}: objects differ\n--- expected\n{YamlWriter.Document(e)}--- actual\n{YamlWriter.Document(a)}");
    }

    /// <summary>
    /// The containers with each args list reduced to what Go's flag package reads: for every
    /// --flag=value the last value wins, so two lists that differ only in overridden flags compare equal.
    /// </summary>
    public static YamlValue EffectiveContainers(YamlValue workload)
    {
        var containers = (YamlSeq)((YamlMap)((YamlMap)((YamlMap)((YamlMap)workload).Get("spec")!).Get("template")!).Get("spec")!).Get("containers")!;
        return new YamlSeq(containers.Items.Select(c =>
        {
            var map = (YamlMap)c;
            if (map.Get("args") is not YamlSeq args) return Canonical(map);
            var last = new Dictionary<string, string>(StringComparer.Ordinal);
            var order = new List<string>();
            foreach (var a in args.Items.Select(i => ((YamlScalar)i).Value.Text))
            {
                var key = a.Contains('=') ? a[..a.IndexOf('=')] : a;
                if (!last.ContainsKey(key)) order.Add(key);
                last[key] = a;
            }
            var effective = order.Order(StringComparer.Ordinal).Select(k => (YamlValue)YamlValue.Scalar(last[k])).ToList();
            return Canonical(map.With("args", new YamlSeq(effective)));
        }).ToList());
    }
}
