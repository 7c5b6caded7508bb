namespace ManifestGen.Charts;

/// <summary>
/// Every release of one chart at once: a trie of the places of their values, each place with what it is in which
/// releases (its kind, its default, the keys a schema allows there). It answers questions across releases (which
/// releases read a path: when did a key come or go) and is what the text form writes (<see cref="ChartDataText"/>).
/// </summary>
public sealed class ChartHistory
{
    /// <summary>One place of the trie (<see cref="ValueTree.Each"/> for a map's user-chosen names).</summary>
    public sealed class Node
    {
        public SortedDictionary<string, Node>? Children;
        public readonly List<Entry> Entries = [];
    }

    /// <summary>What a place is in a set of releases.</summary>
    public sealed class Entry(ValueKind kind, string? defaultText, SchemaKeys? allowed)
    {
        public ValueKind Kind { get; } = kind;
        public string? Default { get; } = defaultText;
        public SchemaKeys? Allowed { get; } = allowed;
        public ReleaseSet Releases { get; } = new();

        public bool Same(ValueKind kind, string? defaultText, SchemaKeys? allowed) =>
            Kind == kind && Default == defaultText && SameKeys(Allowed, allowed);

        private static bool SameKeys(SchemaKeys? a, SchemaKeys? b) =>
            a is null ? b is null : b is not null && a.Names.SequenceEqual(b.Names) && a.Patterns.SequenceEqual(b.Patterns);
    }

    public ChartHistory(int releaseCount, Node root)
    {
        ReleaseCount = releaseCount;
        Root = root;
    }

    public int ReleaseCount { get; }

    public Node Root { get; }

    /// <summary>The trie of some releases' trees (release i is trees[i]).</summary>
    public static ChartHistory Of(IReadOnlyList<ValueTree> trees)
    {
        var root = new Node();
        for (var i = 0; i < trees.Count; i++) Add(root, trees[i].Root, i);
        return new ChartHistory(trees.Count, root);
    }

    private static void Add(Node node, ValuePlace place, int release)
    {
        foreach (var (key, child) in place.Each is { } each ? place.Children.Append(new(ValueTree.Each, each)) : place.Children)
        {
            node.Children ??= new SortedDictionary<string, Node>(StringComparer.Ordinal);
            if (!node.Children.TryGetValue(key, out var target)) node.Children[key] = target = new Node();
            var entry = target.Entries.FirstOrDefault(e => e.Same(child.Kind, child.Default, child.Allowed));
            if (entry is null) target.Entries.Add(entry = new Entry(child.Kind, child.Default, child.Allowed));
            entry.Releases.Add(release);
            if (child.Kind == ValueKind.Map) Add(target, child, release);
        }
    }

    /// <summary>The releases that read <paramref name="path"/>: at a place of their own or of a user-chosen name, or below
    /// one of their leaves or free maps.</summary>
    public ReleaseSet ReadBy(IReadOnlyList<string> path)
    {
        var result = new ReleaseSet(ReleaseCount);
        // Each state: a trie node, and the releases for which the path so far reaches it as a map.
        var states = new List<(Node Node, ReleaseSet Alive)> { (Root, ReleaseSet.All(ReleaseCount)) };
        foreach (var key in path)
        {
            var next = new List<(Node, ReleaseSet)>();
            foreach (var (node, alive) in states)
            {
                if (node.Children is null) continue;
                foreach (var k in key == ValueTree.Each ? [key] : new[] { key, ValueTree.Each })
                {
                    if (!node.Children.TryGetValue(k, out var child)) continue;
                    var maps = new ReleaseSet(ReleaseCount);
                    foreach (var e in child.Entries)
                    {
                        var here = alive.Intersect(e.Releases);
                        // A leaf or a free map here reads everything below it.
                        if (e.Kind != ValueKind.Map) result = result.Union(here);
                        else maps = maps.Union(here);
                    }
                    if (!maps.IsEmpty) next.Add((child, maps));
                }
            }
            states = next;
            if (states.Count == 0) return result;
        }
        foreach (var (_, alive) in states) result = result.Union(alive);
        return result;
    }
}
