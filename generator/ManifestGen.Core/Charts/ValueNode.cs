namespace ManifestGen.Charts;

/// <summary>How a place in a chart's values takes what a user writes below it.</summary>
public enum ValueKind : byte
{
    /// <summary>A mapping whose keys the chart reads one by one: any other key below it is read by nothing.</summary>
    Map = 0,
    /// <summary>A mapping users fill freely (<c>{}</c> by default, a schema object without properties, a
    /// Kubernetes-typed field such as <c>nodeSelector</c>, or a subtree a template hands whole to <c>toYaml</c>):
    /// every key below it is read.</summary>
    FreeMap = 1,
    /// <summary>A scalar, a list or a <c>null</c> default: the chart reads the value whole, so anything written
    /// below it is taken as it is.</summary>
    Leaf = 2,
}

/// <summary>One place in one chart version's value tree, as the builder finds it.</summary>
public sealed class ValueNode
{
    public ValueNode(ValueKind kind, string? defaultText = null)
    {
        Kind = kind;
        Default = defaultText;
    }

    public ValueKind Kind { get; set; }

    /// <summary>The chart's default as YAML text (<c>524288</c>, <c>"6h"</c>, <c>{}</c>), or null when it has none.</summary>
    public string? Default { get; set; }

    public SortedDictionary<string, ValueNode> Children { get; } = new(StringComparer.Ordinal);

    /// <summary>The child at <paramref name="key"/>, created as <paramref name="kind"/> when absent.</summary>
    public ValueNode Child(string key, ValueKind kind)
    {
        if (!Children.TryGetValue(key, out var child)) Children[key] = child = new ValueNode(kind);
        return child;
    }
}
