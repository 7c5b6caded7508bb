using System.Text;

namespace ManifestGen.Yaml;

/// <summary>
/// Writes data as block YAML lines at a given indentation, for insertion into an existing file.
/// Scalars go through <see cref="ScalarFormatter"/>; empty collections are written <c>{}</c> and <c>[]</c>.
/// </summary>
public static class YamlWriter
{
    /// <summary>The text after <c>key:</c> when a value fits on the key's line (scalars, empty collections), else null.</summary>
    public static string? Inline(YamlValue value) => value switch
    {
        YamlScalar s when IsLiteralBlock(s) => null,
        YamlScalar s => ScalarFormatter.Format(s.Value, s.Style) + (s.Comment is null ? "" : " # " + s.Comment),
        YamlCommented c => Inline(c.Inner) is { } inner ? inner + " # " + c.Comment : null,
        YamlMap { Entries.Count: 0 } => "{}",
        YamlSeq { Items.Count: 0 } => "[]",
        YamlAliasRef a => "*" + a.Name,
        _ => null,
    };

    public static string FormatKey(string key) => ScalarFormatter.FormatString(key);

    /// <summary>Lines of one mapping entry, the key at <paramref name="indent"/>.</summary>
    public static List<string> Entry(string key, YamlValue value, int indent, EmitStyle style)
    {
        var lines = new List<string>();
        var pad = new string(' ', indent);
        var inline = Inline(value);
        if (inline is not null)
        {
            lines.Add($"{pad}{FormatKey(key)}: {inline}");
            return lines;
        }
        var comment = value is YamlCommented c ? " # " + c.Comment : "";
        var inner = value is YamlCommented wrapped ? wrapped.Inner : value;
        if (inner is YamlScalar literal && IsLiteralBlock(literal))
        {
            lines.Add($"{pad}{FormatKey(key)}: {LiteralHeader(literal.Value.Text)}{comment}");
            lines.AddRange(LiteralBody(literal.Value.Text, indent + style.Step));
            return lines;
        }
        lines.Add($"{pad}{FormatKey(key)}:{comment}");
        lines.AddRange(Block(inner, ChildIndent(inner, indent, style), style));
        return lines;
    }

    /// <summary>
    /// A multi-line string asked for in literal style is written as a <c>|</c> block when that reads
    /// back exactly: no trailing blanks on a line, no leading blank on the first, no carriage returns.
    /// </summary>
    private static bool IsLiteralBlock(YamlScalar s) =>
        s.Style == ScalarStyle.Literal && s.Value.Kind == ScalarKind.String && s.Value.Text.Contains('\n')
        && !s.Value.Text.Contains('\r') && !s.Value.Text.StartsWith(' ') && !s.Value.Text.StartsWith('\n')
        && !s.Value.Text.EndsWith("\n\n", StringComparison.Ordinal)
        && s.Value.Text.Split('\n').All(l => l.Length == 0 || (!char.IsWhiteSpace(l[^1]) && !l.Any(char.IsControl)));

    private static string LiteralHeader(string text) => text.EndsWith('\n') ? "|" : "|-";

    private static IEnumerable<string> LiteralBody(string text, int indent)
    {
        var body = text.EndsWith('\n') ? text[..^1] : text;
        var pad = new string(' ', indent);
        return body.Split('\n').Select(l => l.Length == 0 ? "" : pad + l);
    }

    /// <summary>The column of a block value written under a key at <paramref name="keyIndent"/>.</summary>
    public static int ChildIndent(YamlValue value, int keyIndent, EmitStyle style) =>
        (value is YamlCommented c ? c.Inner : value) is YamlSeq && style.IndentlessSequences ? keyIndent : keyIndent + style.Step;

    /// <summary>Lines of a non-empty block collection whose keys or dashes stand at <paramref name="indent"/>.</summary>
    public static List<string> Block(YamlValue value, int indent, EmitStyle style)
    {
        var lines = new List<string>();
        switch (value is YamlCommented c ? c.Inner : value)
        {
            case YamlMap map:
                foreach (var (k, v) in map.Entries) lines.AddRange(Entry(k, v, indent, style));
                break;
            case YamlSeq seq:
                foreach (var item in seq.Items) lines.AddRange(Item(item, indent, style));
                break;
            case YamlScalar literal when IsLiteralBlock(literal):
                lines.Add(new string(' ', indent) + LiteralHeader(literal.Value.Text));
                lines.AddRange(LiteralBody(literal.Value.Text, indent + style.Step));
                break;
            default:
                lines.Add(new string(' ', indent) + Inline(value));
                break;
        }
        return lines;
    }

    /// <summary>Lines of one sequence item, its dash at <paramref name="dashColumn"/>.</summary>
    public static List<string> Item(YamlValue item, int dashColumn, EmitStyle style)
    {
        var pad = new string(' ', dashColumn);
        var inline = Inline(item);
        if (inline is not null) return [$"{pad}-{new string(' ', style.ItemOffset - 1)}{inline}"];
        var inner = Block(item, dashColumn + style.ItemOffset, style);
        // The first line of the item's content moves up beside the dash.
        var first = inner[0][(dashColumn + style.ItemOffset)..];
        inner[0] = pad + "-" + new string(' ', style.ItemOffset - 1) + first;
        return inner;
    }

    /// <summary>A whole document, for files the tool writes from scratch.</summary>
    public static string Document(YamlValue value, EmitStyle? style = null, string newLine = "\n")
    {
        style ??= EmitStyle.Default;
        var inline = Inline(value);
        var lines = inline is not null ? [inline] : Block(value, 0, style);
        var sb = new StringBuilder();
        foreach (var l in lines) sb.Append(l).Append(newLine);
        return sb.ToString();
    }
}
