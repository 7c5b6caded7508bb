using ManifestGen.Diagnostics;
using ManifestGen.Templates;
using ManifestGen.Workspace;
using ManifestGen.Yaml;
using Scriban.Runtime;

namespace ManifestGen.Ownership;

/// <summary>
/// The record, committed beside the spec as <c>NAME.inventory.yaml</c>, of everything the spec
/// manages. Pruning compares it with what the current spec manages.
/// </summary>
public static class Inventory
{
    public const string Header = ToolFiles.Header;

    /// <summary><c>cluster-config/tuning.yaml</c> → <c>cluster-config/tuning.inventory.yaml</c>.</summary>
    public static string PathFor(string specRepoPath)
    {
        var dir = System.IO.Path.GetDirectoryName(specRepoPath)?.Replace('\\', '/');
        var name = System.IO.Path.GetFileNameWithoutExtension(specRepoPath) + ".inventory.yaml";
        return string.IsNullOrEmpty(dir) ? name : dir + "/" + name;
    }

    public static InventoryRecord Read(byte[] bytes, string inventoryRepoPath)
    {
        YamlValue data;
        YamlFile parsed;
        try
        {
            parsed = YamlFile.Parse(bytes);
            data = YamlValue.FromNode(parsed.Documents.FirstOrDefault()?.Root);
        }
        catch (YamlEditException e)
        {
            throw new InvalidInputException(Diagnostic.FromYaml(e, inventoryRepoPath));
        }
        var baseDir = System.IO.Path.GetDirectoryName(inventoryRepoPath)?.Replace('\\', '/') ?? "";
        var entries = new List<InventoryEntry>();
        var originals = new Dictionary<InventoryEntry, string>();
        var created = new HashSet<InventoryEntry>();
        if (data is not YamlMap { } map) return InventoryRecord.Empty;
        var objects = (map.Get("objects") as YamlSeq)?.Items ?? [];
        for (var index = 0; index < objects.Count; index++)
        {
            if (objects[index] is not YamlMap item) continue;
            var file = YamlValue.TextOf(item.Get("file"));
            var kind = YamlValue.TextOf(item.Get("kind")) ?? "";
            if (file is null) continue;
            var repoPath = Normalize(baseDir.Length == 0 ? file : baseDir + "/" + file);
            var doc = new DocumentRef(kind, YamlValue.TextOf(item.Get("name")), YamlValue.TextOf(item.Get("namespace")));
            var embedded = YamlValue.TextOf(item.Get("embedded"));
            var had = item.Get("originals") as YamlMap;
            foreach (var p in (item.Get("paths") as YamlSeq)?.Items ?? [])
            {
                if (YamlValue.TextOf(p) is not { } path) continue;
                var entry = new InventoryEntry(repoPath, doc, path, null, null, embedded);
                entries.Add(entry);
                if (had?.Get(path) is YamlScalar && OriginalAt(parsed, index, path) is { } original) originals[entry] = original;
            }
            foreach (var p in (item.Get("created") as YamlSeq)?.Items ?? [])
                if (YamlValue.TextOf(p) is { } path) created.Add(new InventoryEntry(repoPath, doc, path, null, null, embedded));
            foreach (var p in (item.Get("postRenderers") as YamlSeq)?.Items ?? [])
                if (YamlValue.TextOf(p) is { } id) entries.Add(new InventoryEntry(repoPath, doc, null, id));
            foreach (var p in (item.Get("listItems") as YamlSeq)?.Items ?? [])
                if (YamlValue.TextOf(p) is { } li) entries.Add(new InventoryEntry(repoPath, doc, null, null, li));
        }
        foreach (var f in (map.Get("files") as YamlSeq)?.Items ?? [])
            if (YamlValue.TextOf(f) is { } file) entries.Add(InventoryEntry.OwnedFile(Normalize(baseDir.Length == 0 ? file : baseDir + "/" + file)));
        return new InventoryRecord(entries, originals, created);
    }

    /// <summary>
    /// What a value was before the tool took it over, exactly as it was written after its key's colon (spacing and
    /// comment included, so that giving it back is byte for byte). The inventory writes it as the YAML it is
    /// (<c>rollOutCiliumPods: false   # restarts are done by hand</c>), which is that same text read back; a value over
    /// several lines is written as a quoted string of that text (which starts with its space), the form inventories
    /// written before held every value in: both are read.
    /// </summary>
    private static string? OriginalAt(YamlFile inventory, int index, string path)
    {
        var at = YamlPath.Keys("objects").Append(new IndexSegment(index)).Append(new KeySegment("originals")).Append(new KeySegment(path));
        if (YamlEditor.Get(inventory, DocumentSelector.At(0), at) is not ScalarNode node) return null;
        var value = node.ToValue();
        if (value.Kind == ScalarKind.String && node.Style == ScalarStyle.DoubleQuoted && value.Text.StartsWith(' ')) return value.Text;
        return YamlEditor.ValueText(inventory, DocumentSelector.At(0), at);
    }

    /// <summary>Whether an original is written as YAML (one line after its key) or as a quoted string of its text.</summary>
    private static bool WrittenAsYaml(string text) => text.StartsWith(' ') && text.Trim().Length > 0 && !text.Contains('\n', StringComparison.Ordinal)
                                                   && !(text.TrimStart().StartsWith('"') && text.TrimStart().Length > 1 && text.TrimStart()[1] == ' ');

    public static string Render(TemplateRenderer templates, string specRepoPath, string name, IEnumerable<InventoryEntry> entries,
        IReadOnlyDictionary<InventoryEntry, string> originals, IReadOnlySet<InventoryEntry>? created = null)
    {
        created ??= new HashSet<InventoryEntry>();
        var inventoryDir = System.IO.Path.GetDirectoryName(specRepoPath)?.Replace('\\', '/') ?? "";
        var objects = new ScriptArray();
        var relative = (string p) => System.IO.Path.GetRelativePath(inventoryDir.Length == 0 ? "." : inventoryDir, p).Replace('\\', '/');
        var files = new ScriptArray(entries.Where(e => e.IsOwnedFile).Select(e => relative(e.RepoPath)).Distinct().Order(StringComparer.Ordinal));
        var groups = entries.Where(e => !e.IsOwnedFile)
            .GroupBy(e => (e.RepoPath, e.Document, e.Embedded))
            .OrderBy(g => g.Key.RepoPath, StringComparer.Ordinal).ThenBy(g => g.Key.Document!.Kind, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Document!.Namespace ?? "", StringComparer.Ordinal).ThenBy(g => g.Key.Document!.Name ?? "", StringComparer.Ordinal)
            .ThenBy(g => g.Key.Embedded ?? "", StringComparer.Ordinal);
        foreach (var g in groups)
        {
            var taken = new ScriptArray(g.Where(e => e.Path is not null && originals.ContainsKey(e))
                .Select(e => (e.Path!, originals[e])).Distinct().OrderBy(p => p.Item1, StringComparer.Ordinal)
                .Select(p => new ScriptObject { ["path"] = p.Item1, ["text"] = p.Item2, ["as_yaml"] = WrittenAsYaml(p.Item2) }));
            objects.Add(new ScriptObject
            {
                ["file"] = relative(g.Key.RepoPath),
                ["kind"] = g.Key.Document!.Kind,
                ["name"] = g.Key.Document.Name,
                ["namespace"] = g.Key.Document.Namespace,
                ["embedded"] = g.Key.Embedded,
                ["originals"] = taken,
                ["created"] = new ScriptArray(created.Where(c => c.RepoPath == g.Key.RepoPath && c.Document == g.Key.Document && c.Embedded == g.Key.Embedded)
                    .Select(c => c.Path!).Distinct().Order(StringComparer.Ordinal)),
                ["list_items"] = new ScriptArray(g.Where(e => e.ListItem is not null).Select(e => e.ListItem!).Distinct().Order(StringComparer.Ordinal)),
                ["paths"] = new ScriptArray(g.Where(e => e.Path is not null).Select(e => e.Path!).Distinct().Order(StringComparer.Ordinal)),
                ["post_renderers"] = new ScriptArray(g.Where(e => e.PostRenderer is not null).Select(e => e.PostRenderer!).Distinct().Order(StringComparer.Ordinal)),
            });
        }
        return templates.Render("inventory.yaml.sbn", new ScriptObject
        {
            ["spec_file"] = System.IO.Path.GetFileName(specRepoPath),
            ["name"] = name,
            ["objects"] = objects,
            ["files"] = files,
        });
    }


    private static string Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var p in path.Split('/'))
        {
            if (p is "" or ".") continue;
            if (p == ".." && parts.Count > 0 && parts[^1] != "..") parts.RemoveAt(parts.Count - 1);
            else parts.Add(p);
        }
        return string.Join('/', parts);
    }
}
