using System.Text.RegularExpressions;
using ManifestGen.Composition;
using ManifestGen.Containers;
using ManifestGen.Diagnostics;
using ManifestGen.Yaml;

namespace ManifestGen.Import;

/// <summary>
/// Applies a runbook's patches to the observed object, container by container, the way kubectl does: JSON
/// patch operations on <c>/spec/template/spec/containers/N/args</c> and <c>.../resources</c> by index,
/// merge and strategic patches by container name. What cannot become a workload tuning (env, volumes,
/// command, another field, an index beyond the list, a patch that does not parse) is a diagnostic at the
/// runbook's line, never dropped silently. A comment above a command that names another container than its
/// index reaches is a warning naming both.
/// </summary>
public static partial class PatchInterpreter
{

    public static List<ContainerState> Containers(YamlValue observed) =>
        ((YamlValue.At(observed, "spec", "template", "spec", "containers") as YamlSeq)?.Items ?? [])
        .Select((c, i) => new ContainerState(
            (YamlValue.At(c, "name") as YamlScalar)?.Value.Text ?? $"#{i}", i,
            [.. GoFlags.ArgsOf(c)],
            YamlValue.At(c, "resources") as YamlMap ?? YamlMap.Empty))
        .ToList();

    /// <summary>Applies one patch; false when its text does not parse (an error the caller turns into exit 2).</summary>
    public static bool Apply(KubectlPatch patch, List<ContainerState> containers, string objectFile, SourceText source, string display, List<Diagnostic> diagnostics)
    {
        YamlFile parsed;
        try
        {
            parsed = YamlFile.Parse(patch.Patch);
        }
        catch (YamlEditException e)
        {
            var at = e.Position is { } p ? source.PositionOf(patch.SourceOf(Offset(patch.Patch, p))) : source.PositionOf(patch.At);
            diagnostics.Add(Diagnostic.Of(DiagnosticCodes.RunbookPatchUnreadable, display, at, $"the patch does not parse: {e.Message}"));
            return false;
        }
        var root = parsed.Documents.FirstOrDefault()?.Root;
        SourcePosition Pos(YamlNode? node) => source.PositionOf(node is null ? patch.At : patch.SourceOf(node.ContentStart));
        if (patch.Type == PatchType.Json)
        {
            if (root is not SequenceNode ops)
            {
                diagnostics.Add(Diagnostic.Of(DiagnosticCodes.RunbookPatchUnreadable, display, Pos(root), "a JSON patch must be a list of operations"));
                return false;
            }
            var warned = new HashSet<(int, int)>();
            foreach (var op in ops.Items) JsonOp(op, patch, containers, objectFile, Pos, display, diagnostics, warned);
            return true;
        }
        ByName(root, patch, containers, objectFile, Pos, display, diagnostics);
        return true;
    }

    private static void JsonOp(YamlNode opNode, KubectlPatch patch, List<ContainerState> containers, string objectFile,
        Func<YamlNode?, SourcePosition> pos, string display, List<Diagnostic> diagnostics, ISet<(int, int)> warned)
    {
        var op = opNode as MappingNode;
        var kind = (op?.Find("op")?.Value as ScalarNode)?.Value;
        var pathNode = op?.Find("path")?.Value as ScalarNode;
        var valueNode = op?.Find("value")?.Value;
        if (kind is null || pathNode is null)
        {
            diagnostics.Add(Diagnostic.Of(DiagnosticCodes.RunbookPatchUnreadable, display, pos(opNode), "a JSON patch operation needs op and path"));
            return;
        }
        var at = pos(pathNode);
        var segments = pathNode.Value.Split('/').Skip(1).Select(s => s.Replace("~1", "/").Replace("~0", "~")).ToList();
        if (segments.Count < 5 || !segments.Take(4).SequenceEqual(["spec", "template", "spec", "containers"]) || !int.TryParse(segments[4], out var index))
        {
            NotExpressible(display, at, diagnostics, $"{kind} {pathNode.Value} is not a container's args or resources");
            return;
        }
        if (index < 0 || index >= containers.Count)
        {
            diagnostics.Add(Diagnostic.Of(DiagnosticCodes.RunbookPatchNotExpressible, display, at,
                $"{kind} {pathNode.Value}: {objectFile} has {containers.Count} containers ({string.Join(", ", containers.Select(c => c.Name))}), no index {index}; kubectl would refuse this patch"));
            return;
        }
        var container = containers[index];
        CommentCheck(patch, container, objectFile, at, display, diagnostics, warned);
        var rest = segments.Skip(5).ToList();
        var value = valueNode is null ? null : YamlValue.FromNode(valueNode);
        if (kind == "test") return;
        if (kind is not ("add" or "replace"))
        {
            NotExpressible(display, at, diagnostics, $"{kind} {pathNode.Value}: workload tunings set flags and resources; they do not {kind}");
            return;
        }
        switch (rest)
        {
            case ["args", "-"] when value is YamlScalar s:
                container.Args.Add(s.Value.Text);
                break;
            case ["args", var k] when int.TryParse(k, out var argIndex) && value is YamlScalar s && argIndex >= 0 && argIndex <= container.Args.Count:
                if (kind == "add") container.Args.Insert(argIndex, s.Value.Text);
                else if (argIndex < container.Args.Count) container.Args[argIndex] = s.Value.Text;
                break;
            case ["args"] when value is YamlSeq list:
                container.Args = list.Items.Select(a => (a as YamlScalar)?.Value.Text ?? "").ToList();
                break;
            case ["resources"] when value is YamlMap map:
                container.Resources = map;
                break;
            case ["resources", "requests" or "limits"] when value is YamlMap map:
                container.Resources = container.Resources.With(rest[1], map);
                break;
            case ["resources", "requests" or "limits", var key] when value is YamlScalar:
                container.Resources = container.Resources.With(rest[1], ((container.Resources.Get(rest[1]) as YamlMap) ?? YamlMap.Empty).With(key, value));
                break;
            default:
                NotExpressible(display, at, diagnostics, $"{kind} {pathNode.Value}: {string.Join('/', rest.Take(1))} is not something a workload tuning sets (flags in args, and resources)");
                return;
        }
        container.Touched = true;
    }

    /// <summary>Merge and strategic patches name containers: args are replaced whole (kubectl does so), resources merged.</summary>
    private static void ByName(YamlNode? root, KubectlPatch patch, List<ContainerState> containers, string objectFile,
        Func<YamlNode?, SourcePosition> pos, string display, List<Diagnostic> diagnostics)
    {
        var data = YamlValue.FromNode(root);
        if (YamlValue.At(data, "spec", "template", "spec", "containers") is not YamlSeq list || data is not YamlMap top || top.Entries.Count != 1
            || (top.Get("spec") as YamlMap)?.Entries.Count != 1)
        {
            NotExpressible(display, pos(root), diagnostics, "this patch changes more than spec.template.spec.containers");
            if (YamlValue.At(data, "spec", "template", "spec", "containers") is not YamlSeq) return;
        }
        if (patch.Type == PatchType.Merge)
            diagnostics.Add(Diagnostic.Of(DiagnosticCodes.MergePatchReplacesList, display, pos(root),
                "a JSON merge patch replaces the whole containers list (kubectl would drop the other containers); imported by container name, as a strategic merge patch would apply"));
        foreach (var item in ((YamlValue.At(data, "spec", "template", "spec", "containers") as YamlSeq)?.Items ?? []).OfType<YamlMap>())
        {
            var name = (item.Get("name") as YamlScalar)?.Value.Text;
            var container = containers.FirstOrDefault(c => c.Name == name);
            if (container is null)
            {
                diagnostics.Add(Diagnostic.Of(DiagnosticCodes.RunbookPatchNotExpressible, display, pos(root),
                    $"the patch names container {name}, which {objectFile} lacks ({string.Join(", ", containers.Select(c => c.Name))}); a strategic merge would add a new container"));
                continue;
            }
            foreach (var (key, value) in item.Entries)
            {
                switch (key)
                {
                    case "name": break;
                    case "args" when value is YamlSeq args:
                        container.Args = args.Items.Select(a => (a as YamlScalar)?.Value.Text ?? "").ToList();
                        container.Touched = true;
                        break;
                    case "resources" when value is YamlMap resources:
                        foreach (var (kind, map) in resources.Entries)
                        {
                            if (kind is not ("requests" or "limits") || map is not YamlMap quantities) continue;
                            var merged = quantities.Entries.Aggregate((container.Resources.Get(kind) as YamlMap) ?? YamlMap.Empty, (m, q) => m.With(q.Key, q.Value));
                            container.Resources = container.Resources.With(kind, merged);
                        }
                        container.Touched = true;
                        break;
                    default:
                        NotExpressible(display, pos(root), diagnostics, $"container {name}: {key} is not something a workload tuning sets (flags in args, and resources)");
                        break;
                }
            }
        }
    }

    private static void CommentCheck(KubectlPatch patch, ContainerState container, string objectFile, SourcePosition at, string display,
        List<Diagnostic> diagnostics, ISet<(int, int)> warned)
    {
        // Container names to look for in comments: those the components know (Trident's of every build).
        var named = ComponentList.ContainerNames.Where(n => patch.CommentsAbove.Any(c => Regex.IsMatch(c, $@"(?<![-\w]){Regex.Escape(n)}(?![-\w])"))).ToList();
        if (named.Count == 0 || named.Contains(container.Name)) return;
        // One warning per command and container, at its first operation.
        if (!warned.Add((patch.At, container.Index))) return;
        diagnostics.Add(Diagnostic.Of(DiagnosticCodes.RunbookCommentNamesOtherContainer, display, at,
            $"the comment above this command names {string.Join(" and ", named)}, but index {container.Index} is {container.Name} in {objectFile}: " +
            $"the command tunes {container.Name}, and so does the imported spec",
            $"if {string.Join(" and ", named)} was meant, edit the spec's container names; the runbook's index patch would tune the wrong container on this layout"));
    }

    private static void NotExpressible(string display, SourcePosition at, List<Diagnostic> diagnostics, string message) =>
        diagnostics.Add(Diagnostic.Of(DiagnosticCodes.RunbookPatchNotExpressible, display, at, message + "; not imported"));

    private static int Offset(string text, SourcePosition p)
    {
        var source = new SourceText(text);
        var line = Math.Clamp(p.Line - 1, 0, source.LineCount - 1);
        return Math.Min(source.LineStart(line) + p.Column - 1, text.Length);
    }
}
