namespace ManifestGen.Yaml;

public enum ScalarStyle { Plain, SingleQuoted, DoubleQuoted, Literal, Folded }

/// <summary>
/// A node of a parsed document with the exact character span it occupies in the source.
/// <see cref="Start"/> includes an anchor or tag written before the node; <see cref="ContentStart"/>
/// is where the node itself begins; <see cref="End"/> is just after its last content character
/// (trailing blank lines of block scalars and closing brackets of flow collections accounted for).
/// </summary>
public abstract class YamlNode
{
    public int Start { get; internal set; }
    public int ContentStart { get; internal set; }
    public int End { get; internal set; }
    public string? Anchor { get; internal set; }
    public string? Tag { get; internal set; }
    public YamlNode? Parent { get; internal set; }
}

public sealed class ScalarNode : YamlNode
{
    public required string Value { get; init; }
    public required ScalarStyle Style { get; init; }

    /// <summary>An implicit null: a key with nothing after its colon.</summary>
    public bool IsEmpty => Style == ScalarStyle.Plain && Value.Length == 0 && Tag is null;

    /// <summary>The typed value: quoted and block scalars are strings, plain ones are resolved.</summary>
    public ScalarValue ToValue()
    {
        var explicitString = Tag is not null && (Tag.EndsWith(":str", StringComparison.Ordinal) || Tag == "!!str");
        return Style == ScalarStyle.Plain && !explicitString ? ScalarResolver.Resolve(Value) : ScalarValue.String(Value);
    }
}

public sealed record MappingEntry(YamlNode Key, YamlNode Value)
{
    /// <summary>The key's text when it is a scalar, otherwise null.</summary>
    public string? KeyText => (Key as ScalarNode)?.Value;
}

public sealed class MappingNode : YamlNode
{
    public bool IsFlow { get; init; }
    public List<MappingEntry> Entries { get; } = [];

    public MappingEntry? Find(string key) => Entries.FirstOrDefault(e => e.KeyText == key);
}

public sealed class SequenceNode : YamlNode
{
    public bool IsFlow { get; init; }
    public List<YamlNode> Items { get; } = [];
}

public sealed class AliasNode : YamlNode
{
    public required string Name { get; init; }
}

/// <summary>One document of a (possibly multi-document) file.</summary>
public sealed class YamlDocumentNode
{
    public required int Index { get; init; }
    public required YamlNode? Root { get; init; }
    /// <summary>Offset of the document's first character (its <c>---</c> marker when it has one).</summary>
    public required int Start { get; init; }

    public string? Kind => ((Root as MappingNode)?.Find("kind")?.Value as ScalarNode)?.Value;
    public string? ApiVersion => ((Root as MappingNode)?.Find("apiVersion")?.Value as ScalarNode)?.Value;
    public string? Name => Metadata("name");
    public string? Namespace => Metadata("namespace");

    private string? Metadata(string key) =>
        (((Root as MappingNode)?.Find("metadata")?.Value as MappingNode)?.Find(key)?.Value as ScalarNode)?.Value;

    /// <summary>
    /// The node under these mapping keys, or null (a missing key, or a path through something else): a read of a few
    /// fields without turning the whole document into values (an alias is not followed).
    /// </summary>
    public YamlNode? At(params string[] keys)
    {
        var node = Root;
        foreach (var key in keys) node = (node as MappingNode)?.Find(key)?.Value;
        return node;
    }

    /// <summary>
    /// What an alias stands for: the last node before it that carries its anchor (YAML's rule), or the node itself
    /// when it is no alias. Null for an alias without its anchor.
    /// </summary>
    public YamlNode? Dereference(YamlNode node)
    {
        if (node is not AliasNode alias) return node;
        YamlNode? found = null;
        var pending = new Stack<YamlNode>();
        if (Root is not null) pending.Push(Root);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (current.Start >= alias.Start) continue;
            if (current.Anchor == alias.Name && (found is null || current.Start > found.Start)) found = current;
            switch (current)
            {
                case MappingNode m:
                    foreach (var e in m.Entries) { pending.Push(e.Key); pending.Push(e.Value); }
                    break;
                case SequenceNode q:
                    foreach (var i in q.Items) pending.Push(i);
                    break;
            }
        }
        return found;
    }

    public string Describe() => Kind is null ? $"document {Index}" : $"{Kind} {(Namespace is null ? "" : Namespace + "/")}{Name}";
}
