namespace ManifestGen.Yaml;

/// <summary>
/// One edit of one document, addressed by a document selector and a path. Edits are data;
/// <see cref="YamlEditor.Apply(YamlFile, IEnumerable{YamlEdit})"/> turns a file and an edit into a new file.
/// </summary>
public abstract record YamlEdit(DocumentSelector Document, YamlPath Path)
{
    /// <summary>What the edit does to the document's data, for the self-check.</summary>
    /// <param name="inOrder">Whether a key the edit adds to an existing mapping goes where it sorts (the editor decides, <see cref="MappingOrder"/>).</param>
    internal abstract YamlValue ApplyToData(YamlValue root, bool inOrder = false);

    /// <summary>The edit applied to plain data instead of text: the same result, without a file.</summary>
    public YamlValue ApplyTo(YamlValue root, bool inOrder = false) => ApplyToData(root, inOrder);
}

/// <summary>Sets a scalar, creating missing parent mappings. <paramref name="LineComment"/>, when given,
/// is kept as an end-of-line comment on the value's line (a marker such as "managed by manifestgen").
/// <paramref name="LineCommentKeyword"/>, when given, marks a comment someone edited: one that still holds the
/// word (any case) but not the whole <paramref name="LineComment"/> gets it back once, its other text kept.</summary>
public sealed record SetScalar(DocumentSelector Document, YamlPath Path, ScalarValue Value,
    ScalarStyle Style = ScalarStyle.Plain, string? LineComment = null, string? LineCommentKeyword = null) : YamlEdit(Document, Path)
{
    internal override YamlValue ApplyToData(YamlValue root, bool inOrder = false) => DataPath.Set(root, Path.Segments, 0, _ => new YamlScalar(Value), inOrder);
}

/// <summary>Makes sure a mapping exists at the path (<c>{}</c> when it is created).</summary>
public sealed record EnsureMapping(DocumentSelector Document, YamlPath Path) : YamlEdit(Document, Path)
{
    internal override YamlValue ApplyToData(YamlValue root, bool inOrder = false) =>
        DataPath.Set(root, Path.Segments, 0, old => old is YamlMap ? old : YamlMap.Empty, inOrder);
}

/// <summary>Makes sure a sequence exists at the path (<c>[]</c> when it is created).</summary>
public sealed record EnsureSequence(DocumentSelector Document, YamlPath Path) : YamlEdit(Document, Path)
{
    internal override YamlValue ApplyToData(YamlValue root, bool inOrder = false) =>
        DataPath.Set(root, Path.Segments, 0, old => old is YamlSeq ? old : YamlSeq.Empty, inOrder);
}

/// <summary>Appends an item to the sequence at the path, creating the sequence when missing.</summary>
public sealed record AppendItem(DocumentSelector Document, YamlPath Path, YamlValue Item) : YamlEdit(Document, Path)
{
    internal override YamlValue ApplyToData(YamlValue root, bool inOrder = false) =>
        DataPath.Set(root, Path.Segments, 0, old => new YamlSeq([.. (old as YamlSeq)?.Items ?? [], Item]), inOrder);
}

/// <summary>
/// Deletes a key (and its value) from a mapping; nothing happens when it is absent. The full-line comments
/// directly above the key go with it, unless <paramref name="KeepCommentsAbove"/> (for a key the tool added
/// itself: the comments above it are someone else's).
/// </summary>
public sealed record DeleteKey(DocumentSelector Document, YamlPath Path, bool KeepCommentsAbove = false) : YamlEdit(Document, Path)
{
    internal override YamlValue ApplyToData(YamlValue root, bool inOrder = false) => DataPath.Delete(root, Path.Segments);
}

/// <summary>Deletes an item (<c>[2]</c> or <c>[name=x]</c>) from a block sequence; nothing happens when it is absent.</summary>
public sealed record DeleteItem(DocumentSelector Document, YamlPath Path) : YamlEdit(Document, Path)
{
    internal override YamlValue ApplyToData(YamlValue root, bool inOrder = false) => DataPath.DeleteItem(root, Path.Segments);
}

/// <summary>Replaces the node at the path (a mapping value or a sequence item) with new data, creating it when missing.</summary>
public sealed record ReplaceSubtree(DocumentSelector Document, YamlPath Path, YamlValue Value) : YamlEdit(Document, Path)
{
    internal override YamlValue ApplyToData(YamlValue root, bool inOrder = false) => DataPath.Set(root, Path.Segments, 0, _ => Value, inOrder);
}

/// <summary>
/// Puts back what a mapping entry's value was before the tool took it over: <paramref name="Original"/> is the
/// text after the key's colon to the end of the value's last line, as <see cref="YamlEditor.ValueText"/> read it
/// (value, quoting and end-of-line comment).
/// </summary>
public sealed record RestoreValue(DocumentSelector Document, YamlPath Path, string Original) : YamlEdit(Document, Path)
{
    internal override YamlValue ApplyToData(YamlValue root, bool inOrder = false) => DataPath.Set(root, Path.Segments, 0, _ => ValueOf(Original), inOrder);

    /// <summary>The data <paramref name="original"/> stands for, read as the value of a key.</summary>
    public static YamlValue ValueOf(string original)
    {
        var doc = YamlFile.Parse("k:" + original).Documents.FirstOrDefault()?.Root as MappingNode;
        return YamlValue.FromNode(doc?.Entries[0].Value);
    }
}
