namespace ManifestGen.Yaml;

/// <summary>
/// Computes the one text replacement (start, end, new text) that performs an edit on a document.
/// Returns null when the document already says what the edit asks.
/// </summary>
/// <param name="ordered">Asked with the path of the mapping a new key goes into: whether it keeps its keys in order.</param>
internal sealed class Splicer(YamlFile file, YamlDocumentNode doc, Func<YamlPath, bool> ordered)
{
    private readonly SourceText src = file.Source;
    private readonly string text = file.Text;
    private readonly EmitStyle style = EmitStyle.Detect(file, doc);
    private string NL => src.NewLine;

    public (int, int, string)? SetScalar(SetScalar edit)
    {
        var loc = YamlLocator.Locate(file, doc, edit.Path, forWrite: true);
        if (loc.Node is null)
            return CreateMissing(loc, edit.Path, new YamlScalar(edit.Value, edit.Style, edit.LineComment));
        if (loc.Node is not ScalarNode node)
            throw Error(YamlCodes.WrongNodeType, $"cannot set {edit.Path}: it is a {YamlLocator.KindName(loc.Node)}, not a scalar", loc.Node.ContentStart);

        var same = node.ToValue().SameAs(edit.Value) && !node.IsEmpty;
        var quoting = node.Style is ScalarStyle.DoubleQuoted or ScalarStyle.SingleQuoted ? node.Style : edit.Style;
        var valueText = same
            ? text[node.Start..node.End]
            : (node.Anchor is null ? "" : "&" + node.Anchor + " ") + ScalarFormatter.Format(edit.Value, quoting);
        var start = node.Start;
        if (node.IsEmpty) valueText = " " + valueText;
        var end = node.End;

        var inFlow = node.Parent is MappingNode { IsFlow: true } or SequenceNode { IsFlow: true };
        if (edit.LineComment is not null && !inFlow)
        {
            var line = src.LineIndexOf(Math.Max(node.End - 1, node.Start));
            var lineEnd = src.LineContentEnd(line);
            var rest = text[node.End..lineEnd];
            if (!rest.Contains(edit.LineComment, StringComparison.Ordinal))
                rest = edit.LineCommentKeyword is { } keyword && LineComments.Restore(rest, edit.LineComment, keyword) is { } restored
                    ? restored
                    : rest.TrimEnd() + " # " + edit.LineComment;
            valueText += rest;
            end = lineEnd;
        }
        return text[start..end] == valueText ? null : (start, end, valueText);
    }

    public (int, int, string)? Ensure(YamlPath path, YamlValue empty)
    {
        var loc = YamlLocator.Locate(file, doc, path, forWrite: true);
        if (loc.Node is null) return CreateMissing(loc, path, empty);
        var wanted = empty is YamlMap ? typeof(MappingNode) : typeof(SequenceNode);
        if (loc.Node.GetType() == wanted) return null;
        if (loc.Node is ScalarNode s && s.ToValue().Kind == ScalarKind.Null && loc.Entry is not null)
            return ReplaceEntryValue(loc.Entry, empty);
        throw Error(YamlCodes.WrongNodeType, $"{path} is a {YamlLocator.KindName(loc.Node)}, not a {(empty is YamlMap ? "mapping" : "sequence")}", loc.Node.ContentStart);
    }

    public (int, int, string)? Append(AppendItem edit)
    {
        var loc = YamlLocator.Locate(file, doc, edit.Path, forWrite: true);
        if (loc.Node is null) return CreateMissing(loc, edit.Path, new YamlSeq([edit.Item]));
        switch (loc.Node)
        {
            case SequenceNode { IsFlow: false, Items.Count: > 0 } seq:
                return InsertItem(seq, edit.Item);
            case SequenceNode { IsFlow: true, Items.Count: > 0 } flow:
                if (YamlWriter.Inline(edit.Item) is not { } inline || edit.Item is not YamlScalar)
                    throw Error(YamlCodes.FlowCollection, $"cannot append a collection to the flow sequence {edit.Path}; write it in block style", flow.ContentStart);
                var after = flow.Items[^1].End;
                return (after, after, ", " + inline);
            case SequenceNode or ScalarNode when loc.Entry is not null &&
                                                (loc.Node is SequenceNode || ((ScalarNode)loc.Node).ToValue().Kind == ScalarKind.Null):
                return ReplaceEntryValue(loc.Entry, new YamlSeq([edit.Item]));
            default:
                throw Error(YamlCodes.WrongNodeType, $"cannot append to {edit.Path}: it is a {YamlLocator.KindName(loc.Node)}, not a sequence", loc.Node.ContentStart);
        }
    }

    public (int, int, string)? Delete(YamlPath path, bool keepCommentsAbove = false)
    {
        if (path.Segments.Count == 0 || path.Segments[^1] is not KeySegment)
            throw Error(YamlCodes.NotDeletable, $"cannot delete {path}: only mapping keys can be deleted", doc.Start);
        YamlLocator.Locate(file, doc, path.Prefix(path.Segments.Count - 1), forWrite: true);
        Location loc;
        try
        {
            loc = YamlLocator.Locate(file, doc, path, forWrite: true);
        }
        catch (YamlEditException e) when (e.Code == YamlCodes.IntoString || e.Code == YamlCodes.NoItemMatches)
        {
            return null; // what is not there is already deleted
        }
        if (loc.Node is null || loc.Entry is null) return null;
        var map = (MappingNode)loc.Node.Parent!;
        var entry = loc.Entry;
        if (map.IsFlow)
            throw Error(YamlCodes.FlowCollection, $"cannot delete {path} from a flow mapping; write it in block style", map.ContentStart);

        if (map.Entries.Count == 1)
        {
            // The mapping would be empty: write {} so its type stays a mapping.
            var owner = OwnerEntry(map);
            if (owner is not null) return ReplaceEntryValue(owner, YamlMap.Empty);
            return (map.ContentStart, map.End, "{}");
        }

        var index = map.Entries.IndexOf(entry);
        var keyLine = src.LineIndexOf(entry.Key.ContentStart);
        if (!OnlyBlanksBefore(entry.Key.Start))
        {
            // The first key of a sequence item ("- name: x"): the next key moves up beside the dash.
            var next = map.Entries[index + 1].Key.Start;
            return (entry.Key.Start, next, "");
        }
        var keyCol = src.ColumnOf(entry.Key.ContentStart);
        return RemoveLines(keyLine, LastLine(entry.Value, keyLine), keyCol, withLeadingComments: index > 0 && !keepCommentsAbove);
    }

    public (int, int, string)? DeleteItem(YamlPath path)
    {
        if (path.Segments.Count == 0 || path.Segments[^1] is KeySegment)
            throw Error(YamlCodes.NotDeletable, $"cannot delete {path} as an item: it does not name a sequence item", doc.Start);
        Location loc;
        try
        {
            loc = YamlLocator.Locate(file, doc, path, forWrite: true);
        }
        catch (YamlEditException e) when (e.Code == YamlCodes.NoItemMatches)
        {
            return null;
        }
        if (loc.Node is null || loc.Sequence is null) return null;
        var seq = loc.Sequence;
        if (seq.IsFlow)
            throw Error(YamlCodes.FlowCollection, $"cannot delete {path} from a flow sequence; write it in block style", seq.ContentStart);
        if (seq.Items.Count == 1)
        {
            var owner = OwnerEntry(seq);
            if (owner is not null) return ReplaceEntryValue(owner, YamlSeq.Empty);
            return (seq.ContentStart, seq.End, "[]");
        }
        var item = loc.Node;
        var itemLine = src.LineIndexOf(item.ContentStart);
        return RemoveLines(itemLine, LastLine(item, itemLine), src.ColumnOf(seq.ContentStart), withLeadingComments: seq.Items.IndexOf(item) > 0);
    }

    public (int, int, string)? Replace(YamlPath path, YamlValue value)
    {
        var loc = YamlLocator.Locate(file, doc, path, forWrite: true);
        if (loc.Node is null) return CreateMissing(loc, path, value);
        if (YamlValue.FromNode(loc.Node).DeepEquals(value) && SameShape(loc.Node, value)) return null;
        if (loc.Entry is not null) return ReplaceEntryValue(loc.Entry, value);
        if (loc.Sequence is { IsFlow: false } seq)
        {
            var item = loc.Node;
            var dashCol = src.ColumnOf(seq.ContentStart);
            var startLine = src.LineIndexOf(item.ContentStart);
            var endLine = ExtendOverComments(LastLine(item, startLine), dashCol, strict: true);
            var lines = YamlWriter.Item(value, dashCol, ItemStyle(seq));
            return (src.LineStart(startLine), src.LineContentEnd(endLine), string.Join(NL, lines));
        }
        if (loc.Sequence is not null && YamlWriter.Inline(value) is { } inline)
            return (loc.Node.Start, loc.Node.End, inline);
        throw Error(YamlCodes.FlowCollection, $"cannot replace {path} here; only mapping values and block sequence items can be replaced", loc.Node.ContentStart);
    }

    public (int, int, string)? Restore(RestoreValue edit)
    {
        var loc = YamlLocator.Locate(file, doc, edit.Path, forWrite: true);
        if (loc.Node is null || loc.Entry is null)
            throw Error(YamlCodes.NotRestorable, $"cannot restore {edit.Path}: it is not a key of a mapping any more", loc.Deepest?.ContentStart ?? doc.Start);
        var (start, end) = ValueSpan(loc.Entry);
        if (start < 0) throw Error(YamlCodes.FlowCollection, $"cannot restore {edit.Path} inside a flow mapping", loc.Node.ContentStart);
        return text[start..end] == edit.Original ? null : (start, end, edit.Original);
    }

    /// <summary>From just after an entry's colon to the end of its value's last line; (-1, -1) in a flow mapping.</summary>
    public (int Start, int End) ValueSpan(MappingEntry entry)
    {
        if (entry.Value.Parent is MappingNode { IsFlow: true }) return (-1, -1);
        var colon = text.IndexOf(':', entry.Key.End);
        var keyLine = src.LineIndexOf(entry.Key.ContentStart);
        var lastLine = entry.Value is ScalarNode { IsEmpty: true } ? keyLine : LastLine(entry.Value, keyLine);
        return (colon + 1, src.LineContentEnd(lastLine));
    }

    // Scalars differ in style only: writing the same data would still rewrite them, so compare the text too.
    private static bool SameShape(YamlNode node, YamlValue value) => node is not ScalarNode || value is YamlScalar;

    private (int, int, string) CreateMissing(Location loc, YamlPath path, YamlValue leaf)
    {
        var remaining = path.Segments.Skip(loc.Depth).ToList();
        if (remaining.FirstOrDefault(s => s is not KeySegment) is { } bad)
            throw Error(YamlCodes.NoItemMatches, $"cannot create {path}: no item matches {bad}", loc.Deepest?.ContentStart ?? doc.Start);
        var value = leaf;
        for (var i = remaining.Count - 1; i >= 1; i--)
            value = new YamlMap([new(((KeySegment)remaining[i]).Key, value)]);
        var key = ((KeySegment)remaining[0]).Key;

        switch (loc.Deepest)
        {
            case MappingNode { IsFlow: false, Entries.Count: > 0 } map:
                return InsertEntry(map, key, value, () => ordered(new YamlPath(path.Segments.Take(loc.Depth).ToArray())));
            case MappingNode { IsFlow: true, Entries.Count: 0 } or ScalarNode when loc.Entry is not null:
                return ReplaceEntryValue(loc.Entry, new YamlMap([new(key, value)]));
            case MappingNode { IsFlow: true } flow:
                throw Error(YamlCodes.FlowCollection, $"cannot add {path} to a flow mapping ({{...}}) without rewriting it; write it in block style", flow.ContentStart);
            case null:
                throw Error(YamlCodes.EmptyDocument, $"cannot create {path}: the document is empty", doc.Start);
            default:
                throw Error(YamlCodes.WrongNodeType, $"cannot create {path} in a {YamlLocator.KindName(loc.Deepest)}", loc.Deepest.ContentStart);
        }
    }

    /// <param name="inOrder">Asked only where the key could go before another: whether the mapping keeps its order. The
    /// editor's reference computation follows the same answer, so it is asked exactly when it decides.</param>
    private (int, int, string) InsertEntry(MappingNode map, string key, YamlValue value, Func<bool> inOrder)
    {
        var col = src.ColumnOf(map.Entries[0].Key.ContentStart);
        var at = MappingOrder.PositionAmong(map.Entries.Select(e => e.KeyText).ToList(), key);
        // A key that shares its line with a sequence's dash (`- name: x`) has nothing before it to insert at: the end, then.
        if (at < map.Entries.Count && src.IndentOf(src.LineIndexOf(map.Entries[at].Key.ContentStart)) == col && inOrder())
        {
            // Before the key it sorts ahead of, and before the comment lines above that key, which are its own.
            var line = src.LineIndexOf(map.Entries[at].Key.ContentStart);
            while (line > 0 && src.IsCommentLine(line - 1) && src.IndentOf(line - 1) == col) line--;
            var start = src.LineStart(line);
            return (start, start, string.Join(NL, YamlWriter.Entry(key, value, col, style)) + NL);
        }
        var lastLine = ExtendOverComments(src.LineIndexOf(Math.Max(map.End - 1, map.ContentStart)), col, strict: false);
        return InsertLinesAfter(lastLine, YamlWriter.Entry(key, value, col, style));
    }

    private (int, int, string) InsertItem(SequenceNode seq, YamlValue item)
    {
        var dashCol = src.ColumnOf(seq.ContentStart);
        var owner = seq.Parent is MappingNode m ? m.Entries.FirstOrDefault(e => ReferenceEquals(e.Value, seq)) : null;
        var indentless = owner is not null && src.ColumnOf(owner.Key.ContentStart) == dashCol;
        var lastLine = ExtendOverComments(src.LineIndexOf(Math.Max(seq.End - 1, seq.ContentStart)), dashCol, strict: indentless);
        return InsertLinesAfter(lastLine, YamlWriter.Item(item, dashCol, ItemStyle(seq)));
    }

    private EmitStyle ItemStyle(SequenceNode seq)
    {
        var first = seq.Items.Count > 0 ? seq.Items[0] : null;
        if (first is null || src.LineIndexOf(first.ContentStart) != src.LineIndexOf(seq.ContentStart) || first is SequenceNode) return style;
        var offset = src.ColumnOf(first.ContentStart) - src.ColumnOf(seq.ContentStart);
        return offset > 0 ? style with { ItemOffset = offset } : style;
    }

    /// <summary>Rewrites the value of a block-mapping entry, keeping the key's line and its comment.</summary>
    private (int, int, string) ReplaceEntryValue(MappingEntry entry, YamlValue value)
    {
        var parent = (MappingNode)entry.Value.Parent!;
        var v = entry.Value;
        var inline = YamlWriter.Inline(value);
        if (parent.IsFlow)
        {
            if (inline is null)
                throw Error(YamlCodes.FlowCollection, "cannot write a block collection inside a flow mapping", parent.ContentStart);
            return (v.Start, v.End, inline);
        }

        var keyLine = src.LineIndexOf(entry.Key.ContentStart);
        var keyCol = src.ColumnOf(entry.Key.ContentStart);
        var colon = text.IndexOf(':', entry.Key.End);
        if (colon < 0) throw Error(YamlCodes.DoesNotParse, "internal error: no ':' after the key", entry.Key.ContentStart);
        var valueIsEmpty = v is ScalarNode { IsEmpty: true };
        var valueInline = valueIsEmpty || src.LineIndexOf(v.ContentStart) == keyLine;
        var lastLine = valueIsEmpty ? keyLine : LastLine(v, keyLine);
        if (!valueInline) lastLine = ExtendOverComments(lastLine, keyCol, strict: true);
        var valueEnd = valueIsEmpty ? colon + 1 : v.End;

        if (inline is not null)
        {
            if (valueInline) return (colon + 1, valueEnd, " " + inline);
            return (colon + 1, src.LineContentEnd(lastLine), " " + inline + Comment(text[(colon + 1)..src.LineContentEnd(keyLine)]));
        }
        var block = string.Join(NL, YamlWriter.Block(value, YamlWriter.ChildIndent(value, keyCol, style), style));
        var comment = valueInline
            ? Comment(text[valueEnd..src.LineContentEnd(lastLine)])
            : Comment(text[(colon + 1)..src.LineContentEnd(keyLine)]);
        return (colon + 1, src.LineContentEnd(lastLine), comment + NL + block);
    }

    /// <summary>The end-of-line comment in a piece of a line (with one leading space), or "".</summary>
    private static string Comment(string restOfLine)
    {
        for (var i = 0; i < restOfLine.Length; i++)
            if (restOfLine[i] == '#' && (i == 0 || char.IsWhiteSpace(restOfLine[i - 1])))
                return " " + restOfLine[i..].TrimEnd();
        return "";
    }

    private (int, int, string) InsertLinesAfter(int line, List<string> lines)
    {
        var body = string.Join(NL, lines);
        if (src.LineHasBreak(line)) return (src.LineEndWithBreak(line), src.LineEndWithBreak(line), body + NL);
        return (text.Length, text.Length, NL + body);
    }

    /// <summary>
    /// Removes whole lines from <paramref name="firstLine"/> to <paramref name="lastLine"/>, with the deeper comment
    /// lines below that belong to them and, when asked, the full-line comments directly above at the same column.
    /// </summary>
    private (int, int, string) RemoveLines(int firstLine, int lastLine, int column, bool withLeadingComments)
    {
        var startLine = firstLine;
        if (withLeadingComments)
            while (startLine > 0 && src.IsCommentLine(startLine - 1) && src.IndentOf(startLine - 1) == column) startLine--;
        var endLine = ExtendOverComments(lastLine, column, strict: true);
        // Removing the last line of a file without a final newline: take the line break before it instead.
        if (!src.LineHasBreak(endLine) && startLine > 0)
            return (src.LineContentEnd(startLine - 1), text.Length, "");
        return (src.LineStart(startLine), src.LineEndWithBreak(endLine), "");
    }

    private int LastLine(YamlNode node, int fallback) =>
        node.End > node.ContentStart ? src.LineIndexOf(node.End - 1) : fallback;

    /// <summary>Extends a node's last line over the comment lines below it that belong to it.</summary>
    private int ExtendOverComments(int line, int column, bool strict)
    {
        while (line + 1 < src.LineCount && src.IsCommentLine(line + 1))
        {
            var indent = src.IndentOf(line + 1);
            if (indent > column || (!strict && indent == column)) line++;
            else break;
        }
        return line;
    }

    private bool OnlyBlanksBefore(int offset)
    {
        for (var i = src.LineStart(src.LineIndexOf(offset)); i < offset; i++)
            if (text[i] != ' ') return false;
        return true;
    }

    private static MappingEntry? OwnerEntry(YamlNode node) =>
        node.Parent is MappingNode m ? m.Entries.FirstOrDefault(e => ReferenceEquals(e.Value, node)) : null;

    private YamlEditException Error(DiagnosticCode code, string message, int offset) => new(code, message, src.PositionOf(offset));
}
