using System.Text.Json;

namespace ManifestGen.Charts.Analysis;

/// <summary>
/// What a chart's <c>values.schema.json</c> says about its values, as Helm's validator reads it (JSON Schema drafts 4,
/// 6, 7, 2019-09 and 2020-12): the keys it declares (<c>properties</c>), objects that take any key (an object type
/// without <c>properties</c>, or with <c>patternProperties</c>), maps of user-chosen names whose items it types
/// (<c>additionalProperties</c> with a schema), and objects that refuse keys they do not list
/// (<c>additionalProperties: false</c>: Helm refuses the install). <c>$ref</c>s are followed inside the document
/// (<c>#/definitions/…</c>, <c>#/$defs/…</c>), to files of the chart (relative to the document, or to its
/// <c>$id</c>), and to a dependency's files when the URL names a chart of the tree (its name and version). Any other
/// reference (a URL, a file the chart lacks) is unknown: it neither adds nor removes a key, and is never fetched.
/// A refusal is only claimed where the validator must refuse: not inside <c>anyOf</c>, <c>oneOf</c>, <c>not</c> or
/// a conditional, and not beside a <c>$ref</c> in drafts up to 7 (which ignore a reference's siblings).
/// </summary>
public sealed class SchemaReader
{
    private const int MaxDepth = 64;

    /// <summary>A schema document and where its relative references point.</summary>
    private sealed record Document(JsonElement Root, LoadedChart Chart, string Folder, string? BaseUrl, bool SiblingsOfRefApply);

    private readonly LoadedChart root;
    private readonly Dictionary<(LoadedChart, string), Document?> documents = [];
    private readonly List<JsonDocument> parsed = [];

    private SchemaReader(LoadedChart root) => this.root = root;

    /// <summary>Adds what <paramref name="chart"/>'s schema says to <paramref name="node"/>, the place of its values.</summary>
    /// <param name="tree">The whole loaded tree: a remote reference may name any chart of it.</param>
    public static void Apply(LoadedChart tree, LoadedChart chart, ValueNode node)
    {
        var reader = new SchemaReader(tree);
        try
        {
            if (reader.Open(chart, "values.schema.json") is { } document)
                reader.Walk(document, document.Root, node, strict: true, depth: 0, []);
        }
        finally
        {
            foreach (var d in reader.parsed) d.Dispose();
        }
    }

    private Document? Open(LoadedChart chart, string path)
    {
        if (documents.TryGetValue((chart, path), out var known)) return known;
        documents[(chart, path)] = null; // a document that refers to itself is opened once
        if (chart.Files.Text(path) is not { } text) return null;
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 256, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw ChartFiles.Refused(chart.Source, $"{path} does not parse ({e.Message})");
        }
        parsed.Add(json);
        var rootElement = json.RootElement;
        var id = rootElement.ValueKind == JsonValueKind.Object && rootElement.TryGetProperty("$id", out var idValue) && idValue.ValueKind == JsonValueKind.String
            ? idValue.GetString() : null;
        var draft = rootElement.ValueKind == JsonValueKind.Object && rootElement.TryGetProperty("$schema", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() ?? "" : "";
        var oldDraft = draft.Contains("draft-04", StringComparison.Ordinal) || draft.Contains("draft-06", StringComparison.Ordinal)
                       || draft.Contains("draft-07", StringComparison.Ordinal) || draft.Contains("draft-03", StringComparison.Ordinal);
        var folder = path.Contains('/') ? path[..path.LastIndexOf('/')] : "";
        var document = new Document(rootElement, chart, folder, id is not null && Uri.TryCreate(id, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" ? id : null, !oldDraft);
        return documents[(chart, path)] = document;
    }

    /// <param name="strict">Whether a refusal here is the validator's (false inside anyOf, oneOf, not, if/then/else).</param>
    private void Walk(Document document, JsonElement schema, ValueNode node, bool strict, int depth, HashSet<(Document, string)> refs)
    {
        if (depth > MaxDepth || schema.ValueKind != JsonValueKind.Object) return;
        var hasRef = schema.TryGetProperty("$ref", out var reference) && reference.ValueKind == JsonValueKind.String;
        var known = true;
        if (hasRef)
        {
            if (Resolve(document, reference.GetString()!) is { } target)
            {
                var key = (target.Document, target.Pointer);
                if (refs.Add(key))
                {
                    Walk(target.Document, target.Element, node, strict, depth + 1, refs);
                    refs.Remove(key);
                }
            }
            else known = false;
        }
        // Beside a $ref, drafts up to 7 ignore every other keyword: they cannot make the validator refuse anything.
        var siblingsValidate = !hasRef || document.SiblingsOfRefApply;

        foreach (var combinator in new[] { "allOf", "anyOf", "oneOf" })
            if (schema.TryGetProperty(combinator, out var list) && list.ValueKind == JsonValueKind.Array)
                foreach (var branch in list.EnumerateArray())
                    Walk(document, branch, node, strict && siblingsValidate && combinator == "allOf", depth + 1, refs);
        foreach (var conditional in new[] { "then", "else" })
            if (schema.TryGetProperty(conditional, out var branch))
                Walk(document, branch, node, false, depth + 1, refs);

        var hasProperties = schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object;
        var hasPatterns = schema.TryGetProperty("patternProperties", out var patterns) && patterns.ValueKind == JsonValueKind.Object;
        var additional = schema.TryGetProperty("additionalProperties", out var a) ? a : default;
        if (hasProperties)
        {
            node.Evidence |= ValueEvidence.SchemaMap;
            foreach (var property in properties.EnumerateObject())
            {
                if (property.Name.Length == 0 || property.Name.Any(char.IsControl)) continue;
                Walk(document, property.Value, node.Child(property.Name), strict && siblingsValidate, depth + 1, refs);
            }
        }
        if (additional.ValueKind == JsonValueKind.Object && TypesItems(document, additional))
            Walk(document, additional, node.Child(ValueTree.Each), strict && siblingsValidate, depth + 1, refs);
        if (!known) return; // an unknown reference beside: nothing here may decide a kind
        if (hasPatterns || additional.ValueKind == JsonValueKind.True) node.Evidence |= ValueEvidence.SchemaFreeMap;
        if (additional.ValueKind == JsonValueKind.False && strict && siblingsValidate)
            node.Allowed ??= new SchemaKeys(hasProperties ? properties.EnumerateObject().Select(p => p.Name).ToList() : [],
                hasPatterns ? patterns.EnumerateObject().Select(p => p.Name).ToList() : []);
        var types = Types(schema);
        if (types.Contains("object"))
        {
            if (!hasProperties && !hasRef && additional.ValueKind is not (JsonValueKind.Object or JsonValueKind.False)
                && !schema.TryGetProperty("allOf", out _) && !schema.TryGetProperty("anyOf", out _) && !schema.TryGetProperty("oneOf", out _))
                node.Evidence |= ValueEvidence.SchemaFreeMap;
        }
        else if (types.Count > 0 && !hasProperties) node.Evidence |= ValueEvidence.SchemaLeaf;
    }

    /// <summary>Whether an <c>additionalProperties</c> schema says what the items are (an unknown reference does not).</summary>
    private bool TypesItems(Document document, JsonElement schema) =>
        !(schema.TryGetProperty("$ref", out var reference) && reference.ValueKind == JsonValueKind.String && Resolve(document, reference.GetString()!) is null)
        || schema.TryGetProperty("properties", out _);

    private static List<string> Types(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type)) return [];
        return type.ValueKind switch
        {
            JsonValueKind.String => [type.GetString()!],
            JsonValueKind.Array => type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToList(),
            _ => [],
        };
    }

    private sealed record Target(Document Document, JsonElement Element, string Pointer);

    /// <summary>The schema a reference names, or null when it is not in the chart tree.</summary>
    private Target? Resolve(Document document, string reference)
    {
        var hash = reference.IndexOf('#');
        var location = hash < 0 ? reference : reference[..hash];
        var pointer = hash < 0 ? "" : reference[(hash + 1)..];
        var target = document;
        if (location.Length > 0)
        {
            target = Uri.TryCreate(location, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
                ? OpenUrl(absolute)
                : document.BaseUrl is { } baseUrl && Uri.TryCreate(new Uri(baseUrl), location, out var resolved) ? OpenUrl(resolved)
                : Uri.TryCreate(location, UriKind.Absolute, out _) ? null
                : OpenRelative(document, location);
            if (target is null) return null;
        }
        var element = Pointer(target.Root, pointer);
        return element is { } e ? new Target(target, e, $"{location}#{pointer}") : null;
    }

    private Document? OpenRelative(Document document, string location)
    {
        var parts = new List<string>(document.Folder.Length == 0 ? [] : document.Folder.Split('/'));
        foreach (var part in location.Split('/'))
        {
            if (part is "" or ".") continue;
            if (part == "..")
            {
                if (parts.Count == 0) return null; // outside the chart
                parts.RemoveAt(parts.Count - 1);
            }
            else parts.Add(part);
        }
        return Open(document.Chart, string.Join('/', parts));
    }

    /// <summary>A URL that names a chart of the tree (its name as a folder, its version somewhere before it) is that chart's file.</summary>
    private Document? OpenUrl(Uri url)
    {
        var segments = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        foreach (var chart in root.All())
        {
            var version = chart.Metadata.Version.Text;
            for (var i = segments.Length - 2; i >= 0; i--)
            {
                if (segments[i] != chart.Metadata.Name) continue;
                if (!segments.Take(i).Any(s => ContainsVersion(s, version))) continue;
                return Open(chart, string.Join('/', segments.Skip(i + 1)));
            }
        }
        return null;
    }

    private static bool ContainsVersion(string segment, string version)
    {
        var at = segment.IndexOf(version, StringComparison.Ordinal);
        if (at < 0) return false;
        var end = at + version.Length;
        return (at == 0 || !char.IsAsciiDigit(segment[at - 1]) && segment[at - 1] != '.')
               && (end == segment.Length || !char.IsAsciiDigit(segment[end]) && segment[end] != '.');
    }

    /// <summary>A JSON pointer (<c>/definitions/x</c>, <c>/$defs/x</c>) in a document; a bare name is not followed.</summary>
    private static JsonElement? Pointer(JsonElement root, string pointer)
    {
        if (pointer.Length == 0) return root;
        if (pointer[0] != '/') return null;
        var current = root;
        foreach (var raw in pointer[1..].Split('/'))
        {
            var token = Uri.UnescapeDataString(raw).Replace("~1", "/").Replace("~0", "~");
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(token, out var next)) current = next;
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(token, out var index) && index >= 0 && index < current.GetArrayLength()) current = current[index];
            else return null;
        }
        return current;
    }
}
