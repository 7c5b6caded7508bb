namespace ManifestGen.Yaml;

/// <summary>
/// Applies <see cref="YamlEdit"/>s to a file by splicing its text: only the edited span changes,
/// every other byte (comments, blank lines, quoting, CRLF, BOM, document markers) stays as it was.
/// After each edit the result is parsed again and its data compared with the old data plus exactly
/// the requested change; a mismatch is refused, never written.
/// </summary>
public static class YamlEditor
{
    /// <summary>The node at a path, or null when the path leads nowhere.</summary>
    public static YamlNode? Get(YamlFile file, DocumentSelector document, YamlPath path)
    {
        var doc = document.Select(file);
        return YamlLocator.Locate(file, doc, path, forWrite: false).Node;
    }

    /// <summary>
    /// The node at a path, or null when it is not there: a missing key, document or list item, a path through a scalar,
    /// null or the wrong kind of node, or an alias (what it holds is the anchor's, written elsewhere) (kyaml's Lookup).
    /// Throws only for what is an error whatever is asked: a matcher or a selector naming more than one.
    /// </summary>
    public static YamlNode? TryGet(YamlFile file, DocumentSelector document, YamlPath path) =>
        document.Find(file) is { } doc ? YamlLocator.Locate(file, doc, path, forWrite: false, lookup: true).Node : null;

    /// <summary>The data at a path, or null when the path leads nowhere.</summary>
    public static YamlValue? GetValue(YamlFile file, DocumentSelector document, YamlPath path) =>
        Get(file, document, path) is { } node ? YamlValue.FromNode(node) : null;

    /// <summary>
    /// The text of a block-mapping entry's value as written: from just after the key's colon to the end of the
    /// value's last line (spacing, quoting and end-of-line comment included); null when the path leads nowhere
    /// or not to a block-mapping entry. <see cref="RestoreValue"/> puts such a text back.
    /// </summary>
    public static string? ValueText(YamlFile file, DocumentSelector document, YamlPath path)
    {
        var doc = document.Select(file);
        var loc = YamlLocator.Locate(file, doc, path, forWrite: false);
        return loc.Node is null || loc.Entry is null ? null : new Splicer(file, doc, _ => false).ValueSpan(loc.Entry) is var (start, end) && start >= 0 ? file.Text[start..end] : null;
    }

    public static YamlFile Apply(YamlFile file, params IEnumerable<YamlEdit> edits) => Apply(file, null, edits);

    /// <param name="before">The file as it stood before the run: whether a mapping's keys are in order, so that a new key
    /// goes where it sorts, is read there (<see cref="MappingOrder"/>), whatever this run added or removed since. Null: the
    /// file as it is now.</param>
    public static YamlFile Apply(YamlFile file, YamlFile? before, params IEnumerable<YamlEdit> edits)
    {
        foreach (var edit in edits) file = ApplyOne(file, before ?? file, edit);
        return file;
    }

    /// <summary>Whether the mapping at <paramref name="path"/> held its keys in order in <paramref name="before"/>.</summary>
    private static bool OrderedIn(YamlFile before, DocumentSelector document, YamlPath path)
    {
        try
        {
            return Get(before, document, path) is MappingNode { IsFlow: false } map && MappingOrder.IsOrdered(map.Entries.Select(e => e.KeyText).ToList());
        }
        catch (YamlEditException)
        {
            return false; // the document or the path is not in the earlier file: nothing to keep
        }
    }

    private static YamlFile ApplyOne(YamlFile file, YamlFile before, YamlEdit edit)
    {
        var doc = edit.Document.Select(file);
        var inOrder = false;
        var splice = new Splicer(file, doc, path => inOrder = OrderedIn(before, edit.Document, path));
        var change = edit switch
        {
            SetScalar s => splice.SetScalar(s),
            EnsureMapping m => splice.Ensure(m.Path, YamlMap.Empty),
            EnsureSequence q => splice.Ensure(q.Path, YamlSeq.Empty),
            AppendItem a => splice.Append(a),
            DeleteKey d => splice.Delete(d.Path, d.KeepCommentsAbove),
            DeleteItem d => splice.DeleteItem(d.Path),
            ReplaceSubtree r => splice.Replace(r.Path, r.Value),
            RestoreValue r => splice.Restore(r),
            _ => throw new ArgumentException(edit.GetType().Name),
        };
        if (change is null) return file;
        var (start, end, replacement) = change.Value;
        var text = file.Text[..start] + replacement + file.Text[end..];
        if (text == file.Text) return file;
        return SelfCheck(file, doc, edit, text, inOrder);
    }

    private static YamlFile SelfCheck(YamlFile before, YamlDocumentNode doc, YamlEdit edit, string text, bool inOrder) =>
        Verified(before, doc, text, edit.Path.ToString(), (old, _) => edit.ApplyToData(old, inOrder));

    /// <summary>
    /// The edited text, parsed and checked: every document holds the data it held, except the edited one,
    /// which must hold what <paramref name="expected"/> computes from its old data and the new file (null
    /// refuses). Anything else is an internal error, and nothing is written.
    /// </summary>
    internal static YamlFile Verified(YamlFile before, YamlDocumentNode doc, string text, string what, Func<YamlValue, YamlFile, YamlValue?> expected)
    {
        YamlFile after;
        try
        {
            after = before.WithText(text);
        }
        catch (YamlEditException e)
        {
            throw new YamlEditException(YamlCodes.DoesNotParse, $"internal error: editing {what} would produce YAML that does not parse ({e.Message}); nothing was written",
                before.Source.PositionOf(doc.Start));
        }
        var wanted = before.Documents.Select(d => YamlValue.FromNode(d.Root)).ToList();
        var edited = expected(wanted[doc.Index], after);
        var actual = after.Documents.Select(d => YamlValue.FromNode(d.Root)).ToList();
        if (edited is not null) wanted[doc.Index] = edited;
        if (edited is null || wanted.Count != actual.Count || !wanted.Zip(actual).All(p => p.First.DeepEquals(p.Second)))
            throw new YamlEditException(YamlCodes.ChangedMore, $"internal error: editing {what} changed more than asked; nothing was written",
                before.Source.PositionOf(doc.Start));
        return after;
    }
}
