using ManifestGen.Diagnostics;
using ManifestGen.Yaml;

namespace ManifestGen.Live;

/// <summary>
/// Objects as <c>kubectl get ... -o yaml</c> prints them: a <c>List</c> (its <c>items</c>), or several
/// documents, from one input or many. Looked up by kind, namespace and name.
/// </summary>
public sealed class LiveObjects
{
    private readonly List<(LiveRef Ref, YamlMap Object)> objects = [];

    /// <summary>Reads each input; YAML that does not parse stops with a diagnostic naming the input.</summary>
    public static LiveObjects Read(IEnumerable<(string Name, byte[] Bytes)> inputs)
    {
        var live = new LiveObjects();
        foreach (var (name, bytes) in inputs)
        {
            YamlFile file;
            try
            {
                file = YamlFile.Parse(bytes);
            }
            catch (YamlEditException e)
            {
                throw new InvalidInputException(Diagnostic.FromYaml(e, name));
            }
            foreach (var doc in file.Documents)
                if (YamlValue.FromNode(doc.Root) is YamlMap map) live.Add(map);
        }
        return live;
    }

    private void Add(YamlMap obj)
    {
        var kind = YamlValue.TextOf(obj.Get("kind"));
        if (kind is null) return;
        if (kind.EndsWith("List", StringComparison.Ordinal) && obj.Get("items") is YamlSeq items)
        {
            foreach (var item in items.Items.OfType<YamlMap>()) Add(item);
            return;
        }
        var metadata = obj.Get("metadata") as YamlMap;
        if (YamlValue.TextOf(metadata?.Get("name")) is { } name) objects.Add((new LiveRef(kind, YamlValue.TextOf(metadata!.Get("namespace")), name), obj));
    }

    /// <summary>The object, or null when the input lacks it. A null namespace matches any.</summary>
    public YamlMap? Find(LiveRef wanted) =>
        objects.FirstOrDefault(o => o.Ref.Kind == wanted.Kind && o.Ref.Name == wanted.Name
                                    && (wanted.Namespace is null || o.Ref.Namespace is null || o.Ref.Namespace == wanted.Namespace)).Object;
}
