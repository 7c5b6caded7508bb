namespace ManifestGen.Yaml;

/// <summary>The same edits over plain data: the reference the text splicing is checked against.</summary>
internal static class DataPath
{
    /// <param name="inOrder">Whether a new key goes where it sorts in the mapping that gets it (<see cref="MappingOrder"/>), or at its end.</param>
    public static YamlValue Set(YamlValue node, IReadOnlyList<PathSegment> path, int i, Func<YamlValue?, YamlValue> update, bool inOrder = false)
    {
        if (i == path.Count) return update(node);
        switch (path[i])
        {
            case KeySegment k:
                var map = node as YamlMap ?? YamlMap.Empty;
                var child = map.Get(k.Key);
                var value = child is null && i + 1 < path.Count
                    ? Set(YamlMap.Empty, path, i + 1, update)
                    : child is null ? update(null) : Set(child, path, i + 1, update, inOrder);
                return inOrder && child is null ? map.WithInOrder(k.Key, value) : map.With(k.Key, value);
            default:
                var seq = (YamlSeq)node;
                var index = IndexOf(seq, path[i]);
                var items = seq.Items.ToList();
                items[index] = Set(items[index], path, i + 1, update, inOrder);
                return new YamlSeq(items);
        }
    }

    public static YamlValue Delete(YamlValue node, IReadOnlyList<PathSegment> path)
    {
        if (path.Count == 0) return node;
        var last = (KeySegment)path[^1];
        var parentPath = path.Take(path.Count - 1).ToList();
        if (Get(node, parentPath) is not YamlMap parent || parent.Get(last.Key) is null) return node;
        return Set(node, parentPath, 0, _ => parent.Without(last.Key));
    }

    public static YamlValue DeleteItem(YamlValue node, IReadOnlyList<PathSegment> path)
    {
        var parentPath = path.Take(path.Count - 1).ToList();
        if (Get(node, parentPath) is not YamlSeq seq) return node;
        var index = IndexOf(seq, path[^1]);
        if (index < 0) return node;
        return Set(node, parentPath, 0, _ => new YamlSeq(seq.Items.Where((_, i) => i != index).ToList()));
    }

    public static YamlValue? Get(YamlValue node, IReadOnlyList<PathSegment> path)
    {
        YamlValue? current = node;
        foreach (var segment in path)
        {
            current = (segment, current) switch
            {
                (KeySegment k, YamlMap m) => m.Get(k.Key),
                (IndexSegment or MatchSegment, YamlSeq q) => IndexOf(q, segment) is var i && i >= 0 ? q.Items[i] : null,
                _ => null,
            };
            if (current is null) return null;
        }
        return current;
    }

    private static int IndexOf(YamlSeq seq, PathSegment segment) => segment switch
    {
        IndexSegment ix => ix.Index < seq.Items.Count ? ix.Index : -1,
        MatchSegment m => seq.Items.ToList().FindIndex(item =>
            item is YamlMap map && map.Get(m.Field) is YamlScalar s && s.Value.Text == m.Value),
        _ => -1,
    };
}
