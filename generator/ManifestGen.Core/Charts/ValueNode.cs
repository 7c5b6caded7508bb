namespace ManifestGen.Charts;

/// <summary>What the sources of a chart's analysis say about one place (several may say something).</summary>
[Flags]
public enum ValueEvidence : ushort
{
    None = 0,
    /// <summary>values.yaml holds a mapping with keys here.</summary>
    ValuesMap = 1 << 0,
    /// <summary>values.yaml holds <c>{}</c> here: a map users fill.</summary>
    ValuesEmptyMap = 1 << 1,
    /// <summary>values.yaml holds a scalar, a list or null here.</summary>
    ValuesLeaf = 1 << 2,
    /// <summary>values.yaml shows the key commented out (<c># ctTcpMax: 524288</c>).</summary>
    Commented = 1 << 3,
    /// <summary>The schema declares an object with properties here.</summary>
    SchemaMap = 1 << 4,
    /// <summary>The schema declares an object that takes any key here.</summary>
    SchemaFreeMap = 1 << 5,
    /// <summary>The schema declares a scalar or a list here.</summary>
    SchemaLeaf = 1 << 6,
    /// <summary>A template reads the place.</summary>
    Read = 1 << 7,
    /// <summary>A template reads the whole subtree (hands it to toYaml, prints it, or beyond what the analysis follows).</summary>
    Whole = 1 << 8,
    /// <summary>Nothing can be said below: a dependency Chart.yaml declares but the package lacks, an analysis that gave up.</summary>
    Unknown = 1 << 9,
    /// <summary>A Kubernetes-typed field (a node selector, a security context): it takes whatever Kubernetes takes.</summary>
    KubernetesTyped = 1 << 10,
}

/// <summary>
/// One place in one chart release's value tree while the analysis builds it: the evidence each source gives, and
/// the children (<see cref="ValueTree.Each"/> for the place of every user-chosen name). <see cref="Freeze"/> decides
/// each place's kind from its evidence and makes the immutable <see cref="ValuePlace"/>.
/// </summary>
public sealed class ValueNode
{
    public ValueEvidence Evidence { get; set; }

    /// <summary>The chart's default as YAML text, or null.</summary>
    public string? Default { get; set; }

    /// <summary>The keys the schema allows here when it allows no others.</summary>
    public SchemaKeys? Allowed { get; set; }

    public SortedDictionary<string, ValueNode> Children { get; } = new(StringComparer.Ordinal);

    public bool Has(ValueEvidence evidence) => (Evidence & evidence) != 0;

    /// <summary>The child at <paramref name="key"/>, created when absent.</summary>
    public ValueNode Child(string key)
    {
        if (!Children.TryGetValue(key, out var child)) Children[key] = child = new ValueNode();
        return child;
    }

    /// <summary>The node at a path, created as needed.</summary>
    public ValueNode At(IEnumerable<string> path)
    {
        var node = this;
        foreach (var key in path) node = node.Child(key);
        return node;
    }

    /// <summary>
    /// The kind the evidence gives, strongest first: a subtree read whole is free; a map of user-chosen names (a
    /// template ranges over it, or the schema types its items) is a map with a place for each name, even where the
    /// default is <c>{}</c>; then <c>{}</c>, a schema object without properties, a Kubernetes-typed field and an unknown
    /// subtree are free; a scalar, list or null default, a scalar type in the schema and a key only values.yaml's
    /// comments show are leaves (the chart takes them as written, whatever is below); a place with keys is a map. A
    /// place the templates only read (test it, compare it, hand it on), never whole and never below, is a map of no
    /// keys: the analysis follows every use that reads further, so nothing below it is read. A schema that lets an object
    /// take any key (<c>additionalProperties: true</c>, <c>type: object</c> alone) says what Helm accepts, not what the
    /// templates read: it makes the place free only where no template reads below it (external-dns's root schema takes
    /// any key, and its templates read the keys they name).
    /// </summary>
    public ValueKind KindOf()
    {
        if (Has(ValueEvidence.Whole | ValueEvidence.Unknown)) return ValueKind.FreeMap;
        if (Children.ContainsKey(ValueTree.Each) && !Has(ValueEvidence.ValuesLeaf)) return ValueKind.Map;
        if (Has(ValueEvidence.ValuesEmptyMap | ValueEvidence.KubernetesTyped)) return ValueKind.FreeMap;
        if (Has(ValueEvidence.SchemaFreeMap) && !ReadBelow()) return ValueKind.FreeMap;
        if (Has(ValueEvidence.ValuesLeaf | ValueEvidence.SchemaLeaf | ValueEvidence.Commented)) return ValueKind.Leaf;
        if (Children.Count > 0 || Has(ValueEvidence.ValuesMap | ValueEvidence.SchemaMap | ValueEvidence.Read)) return ValueKind.Map;
        return ValueKind.Leaf;
    }

    /// <summary>Whether a template reads some place below this one.</summary>
    private bool ReadBelow() =>
        Children.Values.Any(c => c.Has(ValueEvidence.Read | ValueEvidence.Whole) || c.ReadBelow());

    /// <summary>The immutable tree: kinds decided, subtrees below free maps and leaves dropped; a key only
    /// values.yaml's comments show is dropped where a map of user-chosen names takes every key.</summary>
    public ValuePlace Freeze()
    {
        var kind = KindOf();
        if (kind != ValueKind.Map) return new ValuePlace(kind, Default, allowed: Allowed);
        var hasEach = Children.ContainsKey(ValueTree.Each);
        var children = new SortedDictionary<string, ValuePlace>(StringComparer.Ordinal);
        ValuePlace? each = null;
        foreach (var (key, child) in Children)
        {
            if (key == ValueTree.Each)
            {
                each = child.Freeze();
                continue;
            }
            if (hasEach && child.Evidence == ValueEvidence.Commented && child.Children.Count == 0) continue;
            children[key] = child.Freeze();
        }
        return new ValuePlace(kind, Default, children, each, Allowed);
    }
}
