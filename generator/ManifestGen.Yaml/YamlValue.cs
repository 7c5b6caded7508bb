namespace ManifestGen.Yaml;

/// <summary>
/// Plain data: what a YAML node means, without its text. Used for values to write and for the
/// self-check that compares a file before and after an edit. Aliases stay references.
/// </summary>
public abstract record YamlValue
{
    public static YamlValue FromNode(YamlNode? node) => node switch
    {
        null => new YamlScalar(ScalarValue.Null),
        ScalarNode s => new YamlScalar(s.ToValue()),
        AliasNode a => new YamlAliasRef(a.Name),
        MappingNode m => new YamlMap(m.Entries.Select(e => new KeyValuePair<string, YamlValue>(KeyOf(e.Key), FromNode(e.Value))).ToList()),
        SequenceNode q => new YamlSeq(q.Items.Select(FromNode).ToList()),
        _ => throw new InvalidOperationException(node.GetType().Name),
    };

    /// <summary>Parses one YAML document into data.</summary>
    public static YamlValue Parse(string yaml)
    {
        var file = YamlFile.Parse(yaml);
        return FromNode(file.Documents.Count == 0 ? null : file.Documents[0].Root);
    }

    private static string KeyOf(YamlNode key) => key is ScalarNode s ? s.Value : "?" + key.GetType().Name;

    /// <summary>The text of a scalar that is not null, else null.</summary>
    public static string? TextOf(YamlValue? value) => value is YamlScalar { Value.Kind: not ScalarKind.Null } s ? s.Value.Text : null;

    /// <summary>The value under a path of mapping keys, or null where the path leads nowhere.</summary>
    public static YamlValue? At(YamlValue? value, params string[] keys)
    {
        foreach (var key in keys) value = (value as YamlMap)?.Get(key);
        return value;
    }

    public static YamlScalar Scalar(string text) => new(ScalarValue.String(text));
    public static YamlScalar Scalar(long number) => new(ScalarValue.Integer(number));
    public static YamlScalar Scalar(bool flag) => new(ScalarValue.Boolean(flag));

    public abstract bool DeepEquals(YamlValue other);
}

/// <summary>
/// A value written with an end-of-line comment on its key's line (<c>key: # comment</c>): how
/// markers such as "managed by manifestgen" are emitted. The comment is not data.
/// </summary>
public sealed record YamlCommented(YamlValue Inner, string Comment) : YamlValue
{
    public override bool DeepEquals(YamlValue other) => Inner.DeepEquals(other is YamlCommented c ? c.Inner : other);
}

/// <summary>A scalar; <see cref="Style"/> and <see cref="Comment"/> only say how to write it.</summary>
public sealed record YamlScalar(ScalarValue Value, ScalarStyle Style = ScalarStyle.Plain, string? Comment = null) : YamlValue
{
    public override bool DeepEquals(YamlValue other) =>
        other is YamlCommented c ? DeepEquals(c.Inner) : other is YamlScalar s && Value.SameAs(s.Value);
}

public sealed record YamlMap(IReadOnlyList<KeyValuePair<string, YamlValue>> Entries) : YamlValue
{
    public static YamlMap Empty { get; } = new([]);

    public YamlValue? Get(string key) => Entries.FirstOrDefault(e => e.Key == key).Value is { } v ? Unwrap(v) : null;

    private static YamlValue Unwrap(YamlValue v) => v is YamlCommented c ? c.Inner : v;

    public YamlMap With(string key, YamlValue value)
    {
        var list = Entries.ToList();
        var i = list.FindIndex(e => e.Key == key);
        if (i >= 0) list[i] = new(key, value);
        else list.Add(new(key, value));
        return new YamlMap(list);
    }

    /// <summary>The map with <paramref name="key"/> set: replaced in place, or a new key added where it sorts (<see cref="MappingOrder"/>).</summary>
    public YamlMap WithInOrder(string key, YamlValue value)
    {
        if (Entries.Any(e => e.Key == key)) return With(key, value);
        var list = Entries.ToList();
        list.Insert(MappingOrder.PositionAmong(list.Select(e => (string?)e.Key).ToList(), key), new(key, value));
        return new YamlMap(list);
    }

    public YamlMap Without(string key) => new(Entries.Where(e => e.Key != key).ToList());

    public override bool DeepEquals(YamlValue other) => other is YamlCommented c ? DeepEquals(c.Inner) :
        other is YamlMap m && m.Entries.Count == Entries.Count
        && Entries.Zip(m.Entries).All(p => p.First.Key == p.Second.Key && p.First.Value.DeepEquals(p.Second.Value));
}

public sealed record YamlSeq(IReadOnlyList<YamlValue> Items) : YamlValue
{
    public static YamlSeq Empty { get; } = new([]);

    public override bool DeepEquals(YamlValue other) => other is YamlCommented c ? DeepEquals(c.Inner) :
        other is YamlSeq q && q.Items.Count == Items.Count && Items.Zip(q.Items).All(p => p.First.DeepEquals(p.Second));
}

public sealed record YamlAliasRef(string Name) : YamlValue
{
    public override bool DeepEquals(YamlValue other) => other is YamlCommented c ? DeepEquals(c.Inner) : other is YamlAliasRef a && a.Name == Name;
}
