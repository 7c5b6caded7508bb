namespace ManifestGen.Yaml;

/// <summary>Where a path leads in a document: the node, or how far the path got.</summary>
internal sealed record Location(
    YamlNode? Node,            // the node at the end of the path; null when missing
    int Depth,                 // how many segments were resolved
    YamlNode? Deepest,         // the last node reached (the container to create the rest in)
    MappingEntry? Entry,       // the mapping entry whose value is Deepest, if any
    SequenceNode? Sequence);   // the sequence Deepest is an item of, if any

/// <summary>Follows a <see cref="YamlPath"/> through a node tree, refusing to pass aliases or enter scalars.</summary>
internal static class YamlLocator
{
    /// <param name="lookup">A read that asks whether something is there: a list item no matcher names, or a path through
    /// a scalar or into the wrong kind of node, is "not there" (a location without a node), not an error.</param>
    public static Location Locate(YamlFile file, YamlDocumentNode doc, YamlPath path, bool forWrite, bool lookup = false)
    {
        var referenced = forWrite ? ReferencedAnchors(doc.Root) : [];
        YamlNode? current = doc.Root;
        MappingEntry? entry = null;
        SequenceNode? sequence = null;
        for (var i = 0; i < path.Segments.Count; i++)
        {
            var segment = path.Segments[i];
            Guard(file, current, path, forWrite, referenced);
            switch (segment, current)
            {
                case (KeySegment k, MappingNode map):
                {
                    var found = map.Find(k.Key);
                    if (found is null) return new Location(null, i, map, entry, sequence);
                    entry = found;
                    sequence = null;
                    current = found.Value;
                    break;
                }
                case (KeySegment, ScalarNode s) when s.ToValue().Kind == ScalarKind.Null:
                    return new Location(null, i, s, entry, sequence);
                case (IndexSegment or MatchSegment, SequenceNode seq):
                {
                    var index = IndexOf(file, seq, segment, path);
                    if (index < 0 && lookup) return new Location(null, i, seq, entry, sequence);
                    if (index < 0)
                        throw new YamlEditException(YamlCodes.NoItemMatches, $"no item of the sequence matches {segment} (path {path})", file.Source.PositionOf(seq.ContentStart));
                    sequence = seq;
                    entry = null;
                    current = seq.Items[index];
                    break;
                }
                case (_, null):
                    return new Location(null, i, null, entry, sequence);
                case (_, ScalarNode or MappingNode or SequenceNode or AliasNode) when lookup:
                    return new Location(null, i, current, entry, sequence);
                case (_, ScalarNode scalar):
                {
                    var template = scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded && scalar.Value.Contains("{{", StringComparison.Ordinal)
                        ? " (a template block: its content is text, not YAML the tool can edit)" : "";
                    var what = scalar.ToValue().Kind == ScalarKind.String ? "a string" : $"the {scalar.ToValue().Kind.ToString().ToLowerInvariant()} {scalar.Value}";
                    throw new YamlEditException(YamlCodes.IntoString, $"cannot edit {path}: {path.Prefix(i)} is {what}{template}",
                        file.Source.PositionOf(scalar.ContentStart));
                }
                default:
                    throw new YamlEditException(YamlCodes.WrongNodeType, $"cannot follow {path}: {path.Prefix(i)} is a {KindName(current)}, not a {(segment is KeySegment ? "mapping" : "sequence")}",
                        file.Source.PositionOf(current.ContentStart));
            }
        }
        // A lookup does not follow an alias: what it holds is the anchor's, written elsewhere.
        if (lookup && current is AliasNode) return new Location(null, path.Segments.Count, current, entry, sequence);
        Guard(file, current, path, forWrite, referenced);
        return new Location(current, path.Segments.Count, current, entry, sequence);
    }

    public static string KindName(YamlNode? node) => node switch
    {
        MappingNode => "mapping",
        SequenceNode => "sequence",
        AliasNode => "alias",
        ScalarNode => "scalar",
        _ => "nothing",
    };

    private static void Guard(YamlFile file, YamlNode? node, YamlPath path, bool forWrite, HashSet<string> referenced)
    {
        if (node is AliasNode alias)
            throw new YamlEditException(YamlCodes.ThroughAlias, $"cannot edit {path} through the alias *{alias.Name}: an edit there would change what the anchor holds",
                file.Source.PositionOf(alias.Start));
        if (forWrite && node?.Anchor is { } anchor && referenced.Contains(anchor))
            throw new YamlEditException(YamlCodes.ThroughAlias, $"cannot edit {path}: it is inside the anchor &{anchor}, which aliases elsewhere share",
                file.Source.PositionOf(node.Start));
    }

    private static int IndexOf(YamlFile file, SequenceNode seq, PathSegment segment, YamlPath path)
    {
        if (segment is IndexSegment ix) return ix.Index < seq.Items.Count ? ix.Index : -1;
        var m = (MatchSegment)segment;
        var matches = new List<int>();
        for (var i = 0; i < seq.Items.Count; i++)
            if (seq.Items[i] is MappingNode map && map.Find(m.Field)?.Value is ScalarNode s && s.Value == m.Value)
                matches.Add(i);
        if (matches.Count > 1)
            throw new YamlEditException(YamlCodes.ItemsMatch, $"{matches.Count} items match {m} (path {path}); a match must name one item",
                file.Source.PositionOf(seq.Items[matches[1]].ContentStart));
        return matches.Count == 1 ? matches[0] : -1;
    }

    private static HashSet<string> ReferencedAnchors(YamlNode? root)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<YamlNode>();
        if (root is not null) stack.Push(root);
        while (stack.Count > 0)
        {
            switch (stack.Pop())
            {
                case AliasNode a: names.Add(a.Name); break;
                case MappingNode m: foreach (var e in m.Entries) { stack.Push(e.Key); stack.Push(e.Value); } break;
                case SequenceNode q: foreach (var item in q.Items) stack.Push(item); break;
            }
        }
        return names;
    }
}
