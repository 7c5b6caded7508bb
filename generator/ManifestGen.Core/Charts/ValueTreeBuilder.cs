using System.Text.Json;
using System.Text.RegularExpressions;
using ManifestGen.Diagnostics;
using ManifestGen.Yaml;

namespace ManifestGen.Charts;

/// <summary>A chart's identity, from its <c>Chart.yaml</c>.</summary>
public sealed record ChartInfo(string Name, SemanticVersion Version, string? AppVersion);

/// <summary>
/// Builds one chart version's value tree from the chart itself: the keys of <c>values.yaml</c> (with their
/// defaults), the keys <c>values.yaml</c> only shows commented out (<c># ctTcpMax: ...</c>), the objects of
/// <c>values.schema.json</c>, and what the templates read (<see cref="TemplateReads"/>). Maps users fill freely
/// accept any key below them: an empty <c>{}</c> default, a schema object without properties, a Kubernetes-typed
/// field (<see cref="IsKubernetesTyped"/>), a subtree a template reads whole.
/// </summary>
public static partial class ValueTreeBuilder
{
    /// <summary>Defaults longer than this (certificates, scripts) are not carried: a reviewer needs the short ones.</summary>
    public const int MaxDefaultLength = 100;

    public static (ChartInfo Info, ValueNode Root) Build(ChartFiles chart)
    {
        var info = ReadInfo(chart);
        var root = new ValueNode(ValueKind.Map);
        if (chart.Text("values.yaml") is { } values) AddValuesFile(root, values, chart.Source);
        if (chart.Text("values.schema.json") is { } schema) AddSchema(root, schema, chart.Source);

        var reads = new TemplateReads();
        foreach (var (path, bytes) in chart.Files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            // Templates, and files a template renders with tpl (.Files.Get): whatever holds an action.
            if (path.StartsWith("charts/", StringComparison.Ordinal) || path.StartsWith("crds/", StringComparison.Ordinal)) continue;
            var text = ChartFiles.Decode(bytes);
            if (!path.StartsWith("templates/", StringComparison.Ordinal) && !text.Contains(".Values", StringComparison.Ordinal)) continue;
            reads.Scan(text);
        }
        // Deeper reads first: .Values.foo.bar makes foo a map, whatever order the templates read foo in.
        foreach (var path in reads.Read.OrderByDescending(p => p.Length)) AddRead(root, path);
        foreach (var path in reads.Whole) AddWhole(root, path);
        MarkKubernetesTyped(root);
        return (info, root);
    }

    private static ChartInfo ReadInfo(ChartFiles chart)
    {
        var text = chart.Text("Chart.yaml") ?? throw ChartFiles.Refused(chart.Source, "no Chart.yaml");
        YamlValue data;
        try
        {
            data = YamlValue.FromNode(YamlFile.Parse(text).Documents.FirstOrDefault()?.Root);
        }
        catch (YamlEditException e)
        {
            throw new InvalidInputException(Diagnostic.Error(DiagnosticCodes.ChartUnreadable, chart.Source, e.Position, $"chart refused: Chart.yaml: {e.Message}"));
        }
        var name = YamlValue.TextOf(YamlValue.At(data, "name"));
        var version = SemanticVersion.TryParse(YamlValue.TextOf(YamlValue.At(data, "version")));
        if (name is null || version is null)
            throw ChartFiles.Refused(chart.Source, "Chart.yaml has no name or no semver version");
        return new ChartInfo(name, version, YamlValue.TextOf(YamlValue.At(data, "appVersion")));
    }

    private static void AddValuesFile(ValueNode root, string text, string source)
    {
        YamlFile file;
        try
        {
            file = YamlFile.Parse(text);
        }
        catch (YamlEditException e)
        {
            throw new InvalidInputException(Diagnostic.Error(DiagnosticCodes.ChartUnreadable, source, e.Position, $"chart refused: values.yaml: {e.Message}"));
        }
        if (file.Documents.FirstOrDefault(d => d.Root is not null)?.Root is not MappingNode top) return;
        var keyLines = new Dictionary<int, (int Indent, string[] Path, ValueNode Node)>();
        var insideScalars = new HashSet<int>();
        Walk(file, top, root, [], keyLines, insideScalars);
        AddCommentedKeys(file, root, keyLines, insideScalars);
    }

    private static void Walk(YamlFile file, MappingNode map, ValueNode node, string[] path,
        Dictionary<int, (int Indent, string[] Path, ValueNode Node)> keyLines, HashSet<int> insideScalars)
    {
        foreach (var entry in map.Entries)
        {
            if (entry.KeyText is not { Length: > 0 } key || key.Any(char.IsControl)) continue;
            var childPath = path.Append(key).ToArray();
            ValueNode child;
            switch (entry.Value)
            {
                case MappingNode { Entries.Count: 0 }:
                    child = node.Child(key, ValueKind.FreeMap);
                    child.Default = "{}";
                    break;
                case MappingNode m:
                    child = node.Child(key, ValueKind.Map);
                    if (child.Kind == ValueKind.Map) Walk(file, m, child, childPath, keyLines, insideScalars);
                    break;
                case SequenceNode s:
                    child = node.Child(key, ValueKind.Leaf);
                    child.Default = s.Items.Count == 0 ? "[]" : null;
                    MarkLines(file, s, insideScalars);
                    break;
                case ScalarNode s:
                    child = node.Child(key, ValueKind.Leaf);
                    child.Default = DefaultText(s);
                    MarkLines(file, s, insideScalars);
                    break;
                default:
                    child = node.Child(key, ValueKind.Leaf);
                    break;
            }
            var line = file.Source.LineIndexOf(entry.Key.ContentStart);
            keyLines[line] = (file.Source.ColumnOf(entry.Key.ContentStart), childPath, child);
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
            : JsonSerializerQuote(s.Value);
        return text.Length > MaxDefaultLength || text.Contains('\n') || text.Contains('\t') ? null : text;
    }

    private static string JsonSerializerQuote(string value)
    {
        var sb = new System.Text.StringBuilder("\"");
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
    /// <c>bpf.ctTcpMax</c> (the <c>#</c> stands where the key would). Below a list, a leaf or a free map they add nothing.
    /// </summary>
    private static void AddCommentedKeys(YamlFile file, ValueNode root, Dictionary<int, (int Indent, string[] Path, ValueNode Node)> keyLines,
        HashSet<int> insideScalars)
    {
        var stack = new List<(int Indent, ValueNode? Node)>();
        for (var line = 0; line < file.Source.LineCount; line++)
        {
            if (keyLines.TryGetValue(line, out var real))
            {
                while (stack.Count > 0 && stack[^1].Indent >= real.Indent) stack.RemoveAt(stack.Count - 1);
                stack.Add((real.Indent, real.Node.Kind == ValueKind.Map ? real.Node : null));
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
            if (parent is null || parent.Kind != ValueKind.Map || Prose.Contains(key))
            {
                stack.Add((indent, null));
                continue;
            }
            // A commented key is a leaf: whatever it held is taken as written.
            var node = parent.Children.GetValueOrDefault(key) ?? (parent.Children[key] = new ValueNode(ValueKind.Leaf));
            stack.Add((indent, node.Kind == ValueKind.Map ? node : null));
        }
    }

    /// <summary>A schema object without <c>properties</c> is a free map; properties the values file lacks are keys too.</summary>
    private static void AddSchema(ValueNode root, string text, string source)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 256, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw ChartFiles.Refused(source, $"values.schema.json does not parse ({e.Message})");
        }
        using (doc) AddSchemaNode(root, doc.RootElement, 0);
    }

    private static void AddSchemaNode(ValueNode node, JsonElement schema, int depth)
    {
        if (depth > 64 || schema.ValueKind != JsonValueKind.Object || node.Kind != ValueKind.Map) return;
        if (!schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object) return;
        foreach (var property in properties.EnumerateObject())
        {
            var key = property.Name;
            if (key.Length == 0 || key.Any(char.IsControl)) continue;
            var value = property.Value;
            var isObject = IsObjectType(value);
            var hasProperties = value.ValueKind == JsonValueKind.Object && value.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object;
            if (!node.Children.TryGetValue(key, out var child))
                node.Children[key] = child = new ValueNode(hasProperties ? ValueKind.Map : isObject ? ValueKind.FreeMap : ValueKind.Leaf);
            else if (isObject && !hasProperties && child.Kind == ValueKind.Map) child.Kind = ValueKind.FreeMap;
            if (hasProperties) AddSchemaNode(child, value, depth + 1);
        }
    }

    private static bool IsObjectType(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("type", out var type)) return false;
        return type.ValueKind switch
        {
            JsonValueKind.String => type.GetString() == "object",
            JsonValueKind.Array => type.EnumerateArray().Any(t => t.ValueKind == JsonValueKind.String && t.GetString() == "object"),
            _ => false,
        };
    }

    private static void AddRead(ValueNode root, string[] path)
    {
        var node = root;
        for (var i = 0; i < path.Length; i++)
        {
            if (node.Kind != ValueKind.Map) return; // below a leaf or a free map: already read
            if (node.Children.TryGetValue(path[i], out var child)) { node = child; continue; }
            node = node.Child(path[i], i == path.Length - 1 ? ValueKind.Leaf : ValueKind.Map);
        }
    }

    private static void AddWhole(ValueNode root, string[] path)
    {
        var node = root;
        for (var i = 0; i < path.Length; i++)
        {
            if (node.Kind != ValueKind.Map) return;
            node = node.Child(path[i], i == path.Length - 1 ? ValueKind.FreeMap : ValueKind.Map);
        }
        if (node.Kind == ValueKind.Map)
        {
            node.Kind = ValueKind.FreeMap;
            node.Children.Clear();
        }
    }

    private static void MarkKubernetesTyped(ValueNode node)
    {
        foreach (var (key, child) in node.Children)
        {
            if (child.Kind != ValueKind.Map) continue;
            if (IsKubernetesTyped(key, child))
            {
                child.Kind = ValueKind.FreeMap;
                child.Children.Clear();
                continue;
            }
            MarkKubernetesTyped(child);
        }
    }

    private static readonly HashSet<string> KubernetesTypedNames = new(StringComparer.Ordinal)
    {
        "nodeSelector", "affinity", "tolerations", "annotations", "labels", "extraConfig", "updateStrategy", "lifecycle",
        "dnsConfig", "topologySpreadConstraints", "securityContext", "podSecurityContext", "containerSecurityContext",
    };

    private static readonly string[] KubernetesTypedSuffixes = ["Annotations", "Labels", "SecurityContext", "Probe", "NodeSelector", "Affinity", "Tolerations"];

    private static readonly HashSet<string> ResourceKeys = new(StringComparer.Ordinal) { "requests", "limits", "claims" };

    /// <summary>
    /// Fields whose type is a Kubernetes one (a node selector, affinity, security context, probe, annotations or
    /// labels) take whatever Kubernetes takes, even where the chart's default shows a few keys. <c>resources</c> is one
    /// only when it looks like a container's (requests, limits, claims): NetApp's <c>resources.controller</c> is not.
    /// </summary>
    public static bool IsKubernetesTyped(string key, ValueNode node)
    {
        if (key == "resources") return node.Children.Keys.All(ResourceKeys.Contains);
        return KubernetesTypedNames.Contains(key) || KubernetesTypedSuffixes.Any(s => key.EndsWith(s, StringComparison.Ordinal) && key.Length > s.Length);
    }
}
