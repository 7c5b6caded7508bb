using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ManifestGen.Yaml;

/// <summary>
/// Builds a file's node trees from YamlDotNet's event stream, giving every node its exact span in the source
/// (YamlDotNet's own marks stop short of comments and properties, so ends are recomputed from the text).
/// </summary>
internal static class YamlTreeBuilder
{
    internal sealed class Progress
    {
        public int LastEnd;
    }

    internal static List<YamlDocumentNode> Build(SourceText source, Progress progress)
    {
        var text = source.Text;
        var documents = new List<YamlDocumentNode>();
        // Comments are found in the text itself (the splicer reads the lines around a node), so the
        // parser skips them: YamlDotNet 18.1 rejects valid files when it keeps comments that follow a
        // flow collection at a lesser indentation (seen in the shared corpus).
        var parser = new Parser(new Scanner(new StringReader(text), skipComments: true));
        var stack = new List<YamlNode>();
        YamlNode? root = null;
        var docStart = 0;
        // Keys waiting for their values, per open mapping.
        var pendingKeys = new Dictionary<MappingNode, YamlNode>(ReferenceEqualityComparer.Instance);

        while (parser.MoveNext())
        {
            var e = parser.Current!;
            progress.LastEnd = (int)e.End.Index;
            switch (e)
            {
                case DocumentStart ds:
                    docStart = (int)ds.Start.Index;
                    root = null;
                    break;
                case DocumentEnd:
                    documents.Add(new YamlDocumentNode { Index = documents.Count, Root = root, Start = docStart });
                    break;
                case Scalar s:
                {
                    var node = new ScalarNode { Value = s.Value, Style = MapStyle(s.Style) };
                    SetProperties(node, s.Anchor, s.Tag, text, (int)s.Start.Index);
                    var end = (int)s.End.Index;
                    if (node.Style is ScalarStyle.Literal or ScalarStyle.Folded or ScalarStyle.Plain)
                        end = TrimEnd(text, node.ContentStart, end);
                    node.End = Math.Max(end, node.ContentStart);
                    Attach(node);
                    break;
                }
                case AnchorAlias a:
                {
                    var node = new AliasNode { Name = a.Value.Value, Start = (int)a.Start.Index, ContentStart = (int)a.Start.Index, End = (int)a.End.Index };
                    Attach(node);
                    break;
                }
                case MappingStart ms:
                {
                    var node = new MappingNode { IsFlow = ms.Style == MappingStyle.Flow };
                    SetProperties(node, ms.Anchor, ms.Tag, text, (int)ms.Start.Index);
                    Open(node);
                    break;
                }
                case SequenceStart ss:
                {
                    var node = new SequenceNode { IsFlow = ss.Style == SequenceStyle.Flow };
                    SetProperties(node, ss.Anchor, ss.Tag, text, (int)ss.Start.Index);
                    Open(node);
                    break;
                }
                case MappingEnd or SequenceEnd:
                {
                    var node = stack[^1];
                    stack.RemoveAt(stack.Count - 1);
                    var flow = node is MappingNode { IsFlow: true } or SequenceNode { IsFlow: true };
                    if (flow)
                    {
                        var close = (int)e.Start.Index;
                        node.End = close < text.Length && text[close] is '}' or ']' ? close + 1 : close;
                    }
                    else
                    {
                        YamlNode? last = node switch
                        {
                            MappingNode m => m.Entries.Count > 0 ? m.Entries[^1].Value : null,
                            SequenceNode q => q.Items.Count > 0 ? q.Items[^1] : null,
                            _ => null,
                        };
                        node.End = last is null ? node.ContentStart : Math.Max(last.End, LastKeyEnd(node));
                    }
                    if (node is MappingNode pending && pendingKeys.Remove(pending, out var dangling))
                        throw new YamlEditException(YamlCodes.InvalidYaml, "mapping key without value", source.PositionOf(dangling.Start));
                    Attach(node);
                    break;
                }
            }
        }
        return documents;

        void Open(YamlNode node)
        {
            if (stack.Count >= YamlFile.MaxDepth)
                throw new YamlEditException(YamlCodes.TooDeep, $"nesting deeper than {YamlFile.MaxDepth} levels", source.PositionOf(node.Start));
            node.Parent = stack.Count > 0 ? stack[^1] : null;
            stack.Add(node);
        }

        void Attach(YamlNode node)
        {
            if (stack.Count == 0)
            {
                // A collection closing at top level was already attached when opened; only set the root.
                root = node;
                return;
            }
            var parent = stack[^1];
            if (ReferenceEquals(parent, node)) return;
            node.Parent = parent;
            switch (parent)
            {
                case SequenceNode seq:
                    seq.Items.Add(node);
                    break;
                case MappingNode map:
                    if (pendingKeys.Remove(map, out var key))
                    {
                        if (key is ScalarNode k && map.Entries.Any(x => x.KeyText == k.Value))
                            throw new YamlEditException(YamlCodes.DuplicateKey, $"duplicate mapping key '{k.Value}'", source.PositionOf(k.ContentStart));
                        map.Entries.Add(new MappingEntry(key, node));
                    }
                    else pendingKeys[map] = node;
                    break;
            }
        }
    }

    private static int LastKeyEnd(YamlNode node) =>
        node is MappingNode { Entries.Count: > 0 } m ? m.Entries[^1].Key.End : node.ContentStart;

    private static ScalarStyle MapStyle(YamlDotNet.Core.ScalarStyle style) => style switch
    {
        YamlDotNet.Core.ScalarStyle.SingleQuoted => ScalarStyle.SingleQuoted,
        YamlDotNet.Core.ScalarStyle.DoubleQuoted => ScalarStyle.DoubleQuoted,
        YamlDotNet.Core.ScalarStyle.Literal => ScalarStyle.Literal,
        YamlDotNet.Core.ScalarStyle.Folded => ScalarStyle.Folded,
        _ => ScalarStyle.Plain,
    };

    private static void SetProperties(YamlNode node, AnchorName anchor, TagName tag, string text, int start)
    {
        node.Anchor = anchor.IsEmpty ? null : anchor.Value;
        node.Tag = tag.IsEmpty || tag.IsNonSpecific ? null : tag.Value;
        node.Start = start;
        node.ContentStart = node.Anchor is null && node.Tag is null ? start : SkipProperties(text, start);
        node.End = node.ContentStart;
    }

    /// <summary>Skips anchors and tags written before a node (and the blanks after them).</summary>
    private static int SkipProperties(string text, int i)
    {
        while (i < text.Length && text[i] is '&' or '!')
        {
            while (i < text.Length && !char.IsWhiteSpace(text[i])) i++;
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            while (i < text.Length && text[i] == '#')
            {
                while (i < text.Length && text[i] != '\n') i++;
                while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            }
        }
        return i;
    }

    private static int TrimEnd(string text, int start, int end)
    {
        end = Math.Min(end, text.Length);
        while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        return end;
    }
}
