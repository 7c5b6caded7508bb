namespace ManifestGen.Yaml;

/// <summary>
/// A YAML document held in a literal block scalar of another file, such as the values a ConfigMap
/// manifest keeps in <c>data: {values.yaml: |</c>. It is read and edited as a file of its own; each
/// edit is spliced back into the block at the block's own indentation, with the header (<c>|</c>,
/// <c>|-</c>, <c>|+</c>, an indentation indicator) and every line the edit did not change kept byte
/// for byte, in the block and around it.
/// </summary>
public sealed class EmbeddedYaml
{
    private readonly YamlFile outer;
    private readonly DocumentSelector document;
    private readonly YamlPath path;
    // 0-based outer line of the block's first content line, and the block's indentation.
    private readonly int firstLine;
    private readonly int indent;
    // Outer lines the block's content spans today (0 when the block is empty).
    private readonly int lineCount;

    private EmbeddedYaml(YamlFile outer, DocumentSelector document, YamlPath path, YamlFile inner, int firstLine, int indent, int lineCount)
    {
        this.outer = outer;
        this.document = document;
        this.path = path;
        Inner = inner;
        this.firstLine = firstLine;
        this.indent = indent;
        this.lineCount = lineCount;
    }

    /// <summary>The embedded document, as a file of its own (positions are in its own text).</summary>
    public YamlFile Inner { get; }

    /// <summary>The file that holds the block.</summary>
    public YamlFile Outer => outer;

    /// <summary>
    /// Opens the block scalar at <paramref name="blockPath"/>. Anything but a literal block (<c>|</c>)
    /// is refused: a folded or quoted string cannot be edited line by line without rewriting it.
    /// </summary>
    public static EmbeddedYaml Open(YamlFile outer, DocumentSelector document, YamlPath blockPath)
    {
        var node = YamlEditor.Get(outer, document, blockPath)
            ?? throw new YamlEditException(YamlCodes.NotLiteralBlock, $"{blockPath} is not there", new SourcePosition(1, 1));
        var src = outer.Source;
        if (node is not ScalarNode { Style: ScalarStyle.Literal } block)
            throw new YamlEditException(YamlCodes.NotLiteralBlock,
                $"{blockPath} holds YAML as a {Describe(node)}; only a literal block (|) can be edited in place", src.PositionOf(node.ContentStart));

        var headerLine = src.LineIndexOf(block.ContentStart);
        var header = src.LineText(headerLine)[src.ColumnOf(block.ContentStart)..];
        var explicitIndent = header.Skip(1).TakeWhile(c => c is not (' ' or '#')).FirstOrDefault(char.IsAsciiDigit);
        var lastLine = block.End > block.ContentStart ? src.LineIndexOf(block.End - 1) : headerLine;
        var first = headerLine + 1;
        var count = Math.Max(0, lastLine - headerLine);
        int indent;
        if (explicitIndent != default)
            indent = Math.Max(0, src.IndentOf(headerLine)) + (explicitIndent - '0');
        else if (count > 0)
            indent = Enumerable.Range(first, count).Select(src.IndentOf).First(i => i >= 0);
        else
            indent = KeyColumn(outer, block) + 2;

        var lines = Enumerable.Range(first, count).Select(l => src.LineText(l)).Select(t => t.Length <= indent ? t.TrimStart(' ') : t[indent..]);
        var text = count == 0 ? "" : string.Join("\n", lines) + "\n";
        YamlFile inner;
        try
        {
            inner = YamlFile.Parse(text);
        }
        catch (YamlEditException e)
        {
            throw new YamlEditException(e.Code, $"the YAML in {blockPath}: {e.Message}", Map(e.Position, first, indent));
        }
        return new EmbeddedYaml(outer, document, blockPath, inner, first, indent, count);
    }

    /// <summary>Where a position of the embedded text stands in the outer file.</summary>
    public SourcePosition OuterPosition(SourcePosition inner) => Map(inner, firstLine, indent)!.Value;

    /// <summary>Where an offset of the embedded text stands in the outer file.</summary>
    public SourcePosition OuterPosition(int innerOffset) => OuterPosition(Inner.Source.PositionOf(innerOffset));

    /// <summary>
    /// Applies edits to the embedded document and splices each back into the outer file. Only the
    /// lines an edit changes are rewritten. The outer file is checked after each edit: the block
    /// must hold exactly the edited YAML and every other value of the file must be as it was.
    /// </summary>
    public EmbeddedYaml Apply(params IEnumerable<YamlEdit> edits) => Apply(null, edits);

    /// <param name="before">The embedded YAML as it stood before the run, whose mappings' order new keys keep (null: as it is now).</param>
    public EmbeddedYaml Apply(YamlFile? before, params IEnumerable<YamlEdit> edits)
    {
        var current = this;
        foreach (var edit in edits) current = current.ApplyOne(edit, before);
        return current;
    }

    private EmbeddedYaml ApplyOne(YamlEdit edit, YamlFile? before)
    {
        YamlFile after;
        try
        {
            after = YamlEditor.Apply(Inner, before, edit);
        }
        catch (YamlEditException e)
        {
            throw new YamlEditException(e.Code, $"the YAML in {path}: {e.Message}", Map(e.Position, firstLine, indent));
        }
        if (ReferenceEquals(after, Inner) || after.Text == Inner.Text) return this;

        // Replace only the lines between the unchanged head and tail of the embedded text.
        var oldLines = SplitLines(Inner.Text);
        var newLines = SplitLines(after.Text);
        var head = 0;
        while (head < oldLines.Count && head < newLines.Count && oldLines[head] == newLines[head]) head++;
        var tail = 0;
        while (tail < oldLines.Count - head && tail < newLines.Count - head && oldLines[^(tail + 1)] == newLines[^(tail + 1)]) tail++;
        var src = outer.Source;
        var nl = src.NewLine;
        var replaced = newLines.Skip(head).Take(newLines.Count - head - tail).Select(l => l.Length == 0 ? "" : new string(' ', indent) + l).ToList();
        var removedFrom = firstLine + head;
        var removedCount = oldLines.Count - head - tail;

        string text;
        if (removedCount > 0)
        {
            var start = src.LineStart(removedFrom);
            var endLine = removedFrom + removedCount - 1;
            if (replaced.Count > 0) text = outer.Text[..start] + string.Join(nl, replaced) + outer.Text[src.LineContentEnd(endLine)..];
            else if (src.LineHasBreak(endLine)) text = outer.Text[..start] + outer.Text[src.LineEndWithBreak(endLine)..];
            else text = outer.Text[..Math.Max(0, start - nl.Length)];
        }
        else
        {
            // Pure insertion before outer line firstLine + head (or after the block's last line).
            var beforeLine = removedFrom - 1;
            var body = string.Join(nl, replaced);
            text = src.LineHasBreak(beforeLine)
                ? outer.Text[..src.LineEndWithBreak(beforeLine)] + body + nl + outer.Text[src.LineEndWithBreak(beforeLine)..]
                : outer.Text + nl + body;
        }
        var outerAfter = Check(after, text);
        return new EmbeddedYaml(outerAfter, document, path, after, firstLine, indent, lineCount - removedCount + replaced.Count);
    }

    /// <summary>The outer file after an edit: the block holds exactly the edited YAML, every other value is as it was.</summary>
    private YamlFile Check(YamlFile innerAfter, string text) =>
        YamlEditor.Verified(outer, document.Select(outer), text, $"the YAML in {path}", (old, after) =>
            YamlEditor.Get(after, document, path) is ScalarNode { Style: ScalarStyle.Literal } block && SameData(block.Value, innerAfter)
                ? new SetScalar(DocumentSelector.Only, path, ScalarValue.String(block.Value)).ApplyTo(old)
                : null);

    private static bool SameData(string blockValue, YamlFile expected)
    {
        try
        {
            var actual = YamlFile.Parse(blockValue);
            return actual.Documents.Count == expected.Documents.Count
                   && actual.Documents.Zip(expected.Documents).All(p => YamlValue.FromNode(p.First.Root).DeepEquals(YamlValue.FromNode(p.Second.Root)));
        }
        catch (YamlEditException)
        {
            return false;
        }
    }

    private static List<string> SplitLines(string text)
    {
        var lines = text.Split('\n').ToList();
        if (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        return lines;
    }

    private static SourcePosition? Map(SourcePosition? inner, int firstLine, int indent) =>
        inner is { } p ? new SourcePosition(firstLine + p.Line, p.Column + indent) : null;

    private static int KeyColumn(YamlFile outer, ScalarNode block) =>
        block.Parent is MappingNode m && m.Entries.FirstOrDefault(e => ReferenceEquals(e.Value, block)) is { } entry
            ? outer.Source.ColumnOf(entry.Key.ContentStart)
            : 0;

    private static string Describe(YamlNode node) => node switch
    {
        ScalarNode { Style: ScalarStyle.Folded } => "folded block (>)",
        ScalarNode { Style: ScalarStyle.DoubleQuoted or ScalarStyle.SingleQuoted } => "quoted string",
        ScalarNode => "plain string",
        MappingNode => "mapping",
        SequenceNode => "sequence",
        _ => "alias",
    };
}
