using System.Text;

namespace ManifestGen.Yaml;

/// <summary>
/// The exact text of a YAML file as it was read: the byte-order mark is kept aside (YamlDotNet
/// reads U+FEFF as content), the file's own line ending is remembered so new lines match it,
/// and offsets map to 1-based line and column for diagnostics.
/// </summary>
public sealed class SourceText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly int[] lineStarts;

    public SourceText(string text, bool hasBom = false)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
            hasBom = true;
        }
        Text = text;
        HasBom = hasBom;
        NewLine = DetectNewLine(text);
        lineStarts = ComputeLineStarts(text);
    }

    /// <summary>The content without the byte-order mark.</summary>
    public string Text { get; }
    public bool HasBom { get; }
    /// <summary>"\r\n" when the first line break of the file is CRLF, otherwise "\n".</summary>
    public string NewLine { get; }
    public int LineCount => lineStarts.Length;

    /// <summary>Decodes UTF-8 strictly: invalid bytes are an error, never replaced silently.</summary>
    public static SourceText FromBytes(byte[] bytes)
    {
        var hasBom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
        var offset = hasBom ? 3 : 0;
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes, offset, bytes.Length - offset);
        }
        catch (DecoderFallbackException e)
        {
            var at = e.Index >= 0 ? e.Index + offset : 0;
            var (line, col) = ByteLineColumn(bytes, at);
            throw new YamlEditException(YamlCodes.NotUtf8, $"the file is not valid UTF-8 (invalid byte 0x{bytes[at]:X2})", new SourcePosition(line, col));
        }
        return new SourceText(text, hasBom);
    }

    public byte[] ToBytes()
    {
        var body = Encoding.UTF8.GetBytes(Text);
        if (!HasBom) return body;
        var result = new byte[body.Length + 3];
        result[0] = 0xEF; result[1] = 0xBB; result[2] = 0xBF;
        body.CopyTo(result, 3);
        return result;
    }

    public SourceText WithText(string text) => new(text, HasBom);

    /// <summary>0-based line index of a character offset.</summary>
    public int LineIndexOf(int offset)
    {
        var i = Array.BinarySearch(lineStarts, offset);
        return i >= 0 ? i : ~i - 1;
    }

    public int LineStart(int lineIndex) => lineStarts[lineIndex];

    /// <summary>Offset of the line's end, before its line break.</summary>
    public int LineContentEnd(int lineIndex)
    {
        var end = LineEndWithBreak(lineIndex);
        if (end > 0 && end <= Text.Length && end > lineStarts[lineIndex] && Text[end - 1] == '\n') end--;
        if (end > lineStarts[lineIndex] && Text[end - 1] == '\r') end--;
        return end;
    }

    /// <summary>Offset just after the line's break (or the end of the text on the last line).</summary>
    public int LineEndWithBreak(int lineIndex) =>
        lineIndex + 1 < lineStarts.Length ? lineStarts[lineIndex + 1] : Text.Length;

    public bool LineHasBreak(int lineIndex) => LineContentEnd(lineIndex) < LineEndWithBreak(lineIndex);

    public string LineText(int lineIndex) => Text[lineStarts[lineIndex]..LineContentEnd(lineIndex)];

    /// <summary>0-based column of an offset within its line (in characters).</summary>
    public int ColumnOf(int offset) => offset - lineStarts[LineIndexOf(offset)];

    public SourcePosition PositionOf(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        var line = LineIndexOf(offset);
        return new SourcePosition(line + 1, offset - lineStarts[line] + 1);
    }

    /// <summary>Number of leading spaces of a line, or -1 when the line is blank.</summary>
    public int IndentOf(int lineIndex)
    {
        var start = lineStarts[lineIndex];
        var end = LineContentEnd(lineIndex);
        var i = start;
        while (i < end && Text[i] == ' ') i++;
        return i == end ? -1 : i - start;
    }

    public bool IsCommentLine(int lineIndex)
    {
        var indent = IndentOf(lineIndex);
        return indent >= 0 && Text[lineStarts[lineIndex] + indent] == '#';
    }

    private static string DetectNewLine(string text)
    {
        var i = text.IndexOf('\n');
        return i > 0 && text[i - 1] == '\r' ? "\r\n" : "\n";
    }

    private static int[] ComputeLineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
            if (text[i] == '\n' && i + 1 <= text.Length) starts.Add(i + 1);
        // A final line break does not open a line of its own unless text follows it.
        if (starts.Count > 1 && starts[^1] == text.Length) starts.RemoveAt(starts.Count - 1);
        return starts.ToArray();
    }

    private static (int Line, int Column) ByteLineColumn(byte[] bytes, int at)
    {
        int line = 1, col = 1;
        for (var i = 0; i < at && i < bytes.Length; i++)
        {
            if (bytes[i] == '\n') { line++; col = 1; }
            else col++;
        }
        return (line, col);
    }
}

/// <summary>A 1-based line and column.</summary>
public readonly record struct SourcePosition(int Line, int Column)
{
    public override string ToString() => $"{Line}:{Column}";
}
