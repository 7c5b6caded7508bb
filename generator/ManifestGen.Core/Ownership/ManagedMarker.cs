using ManifestGen.Yaml;

namespace ManifestGen.Ownership;

/// <summary>
/// How a reader (and the tool) tells what the tool manages inside a hand-written file: an
/// end-of-line comment, in the manner of kpt setters. Values carry <c># managed by manifestgen</c>;
/// a post-renderer carries <c># managed by manifestgen: ID</c> on its <c>kustomize:</c> line.
/// </summary>
public static class ManagedMarker
{
    public const string Value = "managed by manifestgen";

    /// <summary>
    /// The word that keeps a line the tool's when someone edits the marker around it (<c># managed by me by
    /// manifestgen</c>): on a line the inventory records, such a comment counts as the marker, and the next run
    /// writes the exact marker back once, keeping the rest of the comment.
    /// </summary>
    public const string Keyword = "manifestgen";

    public static string ForPostRenderer(string id) => $"{Value}: {id}";

    /// <summary>
    /// True when the line holding the end of <paramref name="node"/> carries the marker comment; with
    /// <paramref name="edited"/>, also when its comment still holds the <see cref="Keyword"/> (a line the inventory
    /// records as managed: anywhere else a comment naming the tool is the user's own).
    /// </summary>
    public static bool IsOnLineOf(YamlFile file, YamlNode node, string marker, bool edited = false)
    {
        var line = file.Source.LineIndexOf(Math.Max(node.End - 1, node.Start));
        var text = file.Source.LineText(line);
        var hash = text.IndexOf(" #", StringComparison.Ordinal);
        if (hash < 0) return false;
        return text[hash..].Contains(marker, StringComparison.Ordinal)
               || edited && text[hash..].Contains(Keyword, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The index of the post-renderer a given id marks, or -1.</summary>
    public static int FindPostRenderer(YamlFile file, DocumentSelector document, string id)
    {
        if (YamlEditor.Get(file, document, "spec.postRenderers") is not SequenceNode seq) return -1;
        var marker = ForPostRenderer(id);
        for (var i = 0; i < seq.Items.Count; i++)
        {
            if (seq.Items[i] is not MappingNode item || item.Find("kustomize") is not { } entry) continue;
            var line = file.Source.LineText(file.Source.LineIndexOf(entry.Key.ContentStart));
            var hash = line.IndexOf(" #", StringComparison.Ordinal);
            if (hash >= 0 && line[(hash + 2)..].Trim() == marker) return i;
        }
        return -1;
    }

    /// <summary>The index of a marked scalar item with this value in a list (a kustomization's resources or patches), or -1.</summary>
    public static int FindListItem(YamlFile file, DocumentSelector document, YamlPath list, string value)
    {
        if (YamlEditor.Get(file, document, list) is not SequenceNode seq) return -1;
        for (var i = 0; i < seq.Items.Count; i++)
        {
            var item = seq.Items[i];
            var text = item switch
            {
                ScalarNode s => s.Value,
                MappingNode m => (m.Find("path")?.Value as ScalarNode)?.Value,
                _ => null,
            };
            if (text == value && IsOnLineOf(file, item is MappingNode map ? map.Find("path")!.Value : item, Value)) return i;
        }
        return -1;
    }
}
