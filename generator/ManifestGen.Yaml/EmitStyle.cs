namespace ManifestGen.Yaml;

/// <summary>
/// How a document lays out block collections, read from the document itself so inserted lines
/// look like their neighbours: the indentation step of nested mappings, whether sequences under
/// a key are indented or not, and the column of an item's content after its dash.
/// </summary>
public sealed record EmitStyle(int Step = 2, bool IndentlessSequences = false, int ItemOffset = 2)
{
    public static EmitStyle Default { get; } = new();

    public static EmitStyle Detect(YamlFile file, YamlDocumentNode doc)
    {
        int? step = null, itemOffset = null;
        bool? indentless = null;
        var stack = new Stack<YamlNode>();
        if (doc.Root is not null) stack.Push(doc.Root);
        var src = file.Source;
        while (stack.Count > 0 && (step is null || indentless is null || itemOffset is null))
        {
            switch (stack.Pop())
            {
                case MappingNode { IsFlow: false } m:
                    foreach (var (key, value) in m.Entries.Select(e => (e.Key, e.Value)))
                    {
                        var keyLine = src.LineIndexOf(key.ContentStart);
                        var keyCol = src.ColumnOf(key.ContentStart);
                        if (value is MappingNode { IsFlow: false, Entries.Count: > 0 } child && src.LineIndexOf(child.ContentStart) > keyLine)
                            step ??= src.ColumnOf(child.ContentStart) - keyCol is var d && d > 0 ? d : null;
                        if (value is SequenceNode { IsFlow: false, Items.Count: > 0 } seq && src.LineIndexOf(seq.ContentStart) > keyLine)
                            indentless ??= src.ColumnOf(seq.ContentStart) == keyCol;
                        stack.Push(value);
                    }
                    break;
                case SequenceNode { IsFlow: false } q:
                    foreach (var item in q.Items)
                    {
                        var dash = src.ColumnOf(q.ContentStart);
                        if (src.LineIndexOf(item.ContentStart) == src.LineIndexOf(q.ContentStart) && item is not SequenceNode)
                            itemOffset ??= src.ColumnOf(item.ContentStart) - dash is var o && o > 0 ? o : null;
                        stack.Push(item);
                    }
                    break;
            }
        }
        return new EmitStyle(step ?? 2, indentless ?? false, itemOffset ?? 2);
    }
}
