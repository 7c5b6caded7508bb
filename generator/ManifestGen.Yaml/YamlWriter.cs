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
        YamlScalar s => ScalarFormatter.Format(s.Value, s.Style) + (s.Comment is null ? "" : " # " + s.Comment),
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
        lines.Add($"{pad}{FormatKey(key)}:");
        lines.AddRange(Block(value, ChildIndent(value, indent, style), style));
        return lines;
    }

    /// <summary>The column of a block value written under a key at <paramref name="keyIndent"/>.</summary>
    public static int ChildIndent(YamlValue value, int keyIndent, EmitStyle style) =>
        value is YamlSeq && style.IndentlessSequences ? keyIndent : keyIndent + style.Step;

    /// <summary>Lines of a non-empty block collection whose keys or dashes stand at <paramref name="indent"/>.</summary>
    public static List<string> Block(YamlValue value, int indent, EmitStyle style)
    {
        var lines = new List<string>();
        switch (value)
        {
            case YamlMap map:
                foreach (var (k, v) in map.Entries) lines.AddRange(Entry(k, v, indent, style));
                break;
            case YamlSeq seq:
                foreach (var item in seq.Items) lines.AddRange(Item(item, indent, style));
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
