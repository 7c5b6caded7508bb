using System.Text;
using System.Text.RegularExpressions;
using ManifestGen.Diagnostics;
using ManifestGen.Yaml;

namespace ManifestGen.Charts.Analysis;

/// <summary>
/// What a chart's <c>values.yaml</c> says: each key with its default (a mapping, an empty <c>{}</c> users fill, or a
/// scalar, list or null the chart takes as written), and the keys it only shows commented out
/// (<c># ctTcpMax: 524288</c>), placed by indentation.
/// </summary>
public static partial class ValuesFileReader
{
    /// <summary>Defaults longer than this (certificates, scripts) are not carried: a reviewer needs the short ones.</summary>
    public const int MaxDefaultLength = 100;

    /// <summary>Adds the keys of <paramref name="text"/> below <paramref name="root"/> (the place of the chart's values).</summary>
    public static void Add(ValueNode root, string text, string source)
    {
        YamlFile file;
        try
        {
            file = YamlFile.Parse(text);
        }
        catch (YamlEditException e)
        {
            throw new InvalidInputException(Diagnostic.Of(DiagnosticCodes.ChartUnreadable, source, e.Position, $"chart refused: values.yaml: {e.Message}"));
        }
        if (file.Documents.FirstOrDefault(d => d.Root is not null)?.Root is not MappingNode top) return;
        root.Evidence |= ValueEvidence.ValuesMap;
        var keyLines = new Dictionary<int, (int Indent, ValueNode Node)>();
        var insideScalars = new HashSet<int>();
        Walk(file, top, root, keyLines, insideScalars);
        AddCommentedKeys(file, root, keyLines, insideScalars);
    }

    /// <summary>The default values' subtree at a path, as data (for <c>import-values</c>), or null.</summary>
    public static MappingNode? MappingAt(string text, IReadOnlyList<string> path)
    {
        YamlFile file;
        try
        {
            file = YamlFile.Parse(text);
        }
        catch (YamlEditException)
        {
            return null;
        }
        YamlNode? node = file.Documents.FirstOrDefault(d => d.Root is not null)?.Root;
        foreach (var key in path) node = node is MappingNode m ? m.Find(key)?.Value : null;
        return node as MappingNode;
    }

    private static void Walk(YamlFile file, MappingNode map, ValueNode node, Dictionary<int, (int Indent, ValueNode Node)> keyLines, HashSet<int> insideScalars)
    {
        foreach (var entry in map.Entries)
        {
            if (entry.KeyText is not { Length: > 0 } key || key.Any(char.IsControl)) continue;
            var child = node.Child(key);
            switch (entry.Value)
            {
                case MappingNode { Entries.Count: 0 }:
                    child.Evidence |= ValueEvidence.ValuesEmptyMap;
                    child.Default = "{}";
                    break;
                case MappingNode m:
                    child.Evidence |= ValueEvidence.ValuesMap;
                    Walk(file, m, child, keyLines, insideScalars);
                    break;
                case SequenceNode s:
                    child.Evidence |= ValueEvidence.ValuesLeaf;
                    child.Default = s.Items.Count == 0 ? "[]" : null;
                    MarkLines(file, s, insideScalars);
                    break;
                case ScalarNode s:
                    child.Evidence |= ValueEvidence.ValuesLeaf;
                    child.Default = DefaultText(s);
                    MarkLines(file, s, insideScalars);
                    break;
                default:
                    child.Evidence |= ValueEvidence.ValuesLeaf;
                    break;
            }
            keyLines[file.Source.LineIndexOf(entry.Key.ContentStart)] = (file.Source.ColumnOf(entry.Key.ContentStart), child);
        }
    }

    /// <summary>Adds a mapping of default values below a node (what <c>import-values</c> copies into a parent).</summary>
    public static void AddMapping(ValueNode node, MappingNode map)
    {
        node.Evidence |= map.Entries.Count == 0 ? ValueEvidence.ValuesEmptyMap : ValueEvidence.ValuesMap;
        foreach (var entry in map.Entries)
        {
            if (entry.KeyText is not { Length: > 0 } key || key.Any(char.IsControl)) continue;
            var child = node.Child(key);
            if (entry.Value is MappingNode m) AddMapping(child, m);
            else child.Evidence |= ValueEvidence.ValuesLeaf;
        }
    }

    /// <summary>Lines inside a multi-line value (a script in a literal block, a list): their <c>#</c> lines are not commented keys.</summary>
    private static void MarkLines(YamlFile file, YamlNode node, HashSet<int> lines)
    {
        var first = file.Source.LineIndexOf(node.ContentStart);
        var last = file.Source.LineIndexOf(Math.Max(node.ContentStart, node.End - 1));
        for (var l = first + 1; l <= last; l++) lines.Add(l);
    }

    private static string? DefaultText(ScalarNode s)
    {
        var value = s.ToValue();
        if (value.Kind == ScalarKind.Null) return null;
        var text = s.Style == ScalarStyle.Plain && value.Kind != ScalarKind.String ? value.Text
            : s.Style == ScalarStyle.Plain && !s.Value.Contains('\n') ? s.Value
            : Quote(s.Value);
        return text.Length > MaxDefaultLength || text.Contains('\n') || text.Contains('\t') ? null : text;
    }

    private static string Quote(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in value)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        return sb.Append('"').ToString();
    }

    // A commented key: "# key: value" or "# key:" with a name a chart would use (prose such as "# Ref: ..." or
    // "# -- Description" is not one).
    [GeneratedRegex(@"^(?<key>[a-z0-9][A-Za-z0-9_-]*):(\s|$)")]
    private static partial Regex CommentedKey();

    private static readonly HashSet<string> Prose = new(StringComparer.OrdinalIgnoreCase)
    {
        "ref", "refs", "see", "note", "notes", "example", "examples", "eg", "default", "defaults", "warning", "deprecated", "todo",
        "http", "https", "docs", "doc", "link", "info", "tip", "important", "values", "usage", "type", "format", "required",
    };

    /// <summary>
    /// Keys <c>values.yaml</c> shows commented out, placed by indentation: <c>  # ctTcpMax: ~</c> under <c>bpf:</c> is
    /// <c>bpf.ctTcpMax</c> (the <c>#</c> stands where the key would). Only below a mapping with keys of its own: below a
    /// list, a scalar or an empty <c>{}</c> (<c>controllers: {}</c> with a commented example of a controller) they add
    /// nothing, and where a template takes every key of a map as a user-chosen name the tree drops them.
    /// </summary>
    private static void AddCommentedKeys(YamlFile file, ValueNode root, Dictionary<int, (int Indent, ValueNode Node)> keyLines, HashSet<int> insideScalars)
    {
        var stack = new List<(int Indent, ValueNode? Node)>();
        for (var line = 0; line < file.Source.LineCount; line++)
        {
            if (keyLines.TryGetValue(line, out var real))
            {
                while (stack.Count > 0 && stack[^1].Indent >= real.Indent) stack.RemoveAt(stack.Count - 1);
                stack.Add((real.Indent, real.Node.Has(ValueEvidence.ValuesMap) ? real.Node : null));
                continue;
            }
            if (insideScalars.Contains(line) || !file.Source.IsCommentLine(line)) continue;
            var text = file.Source.LineText(line);
            var hash = text.IndexOf('#');
            var content = text[(hash + 1)..];
            var spaces = content.Length - content.TrimStart(' ').Length;
            content = content.TrimStart(' ');
            var match = CommentedKey().Match(content);
            if (!match.Success) continue;
            var key = match.Groups["key"].Value;
            var indent = hash + Math.Max(0, spaces - 1);
            while (stack.Count > 0 && stack[^1].Indent >= indent) stack.RemoveAt(stack.Count - 1);
            var parent = stack.Count == 0 ? root : stack[^1].Node;
            if (parent is null || Prose.Contains(key))
            {
                stack.Add((indent, null));
                continue;
            }
            // A commented key is a leaf: whatever it held is taken as written.
            if (!parent.Children.TryGetValue(key, out var node))
            {
                node = parent.Child(key);
                node.Evidence |= ValueEvidence.Commented;
            }
            stack.Add((indent, null));
        }
    }
}
