using ManifestGen.Diagnostics;
using ManifestGen.Repository;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Values;

/// <summary>
/// The values the patches of an applied HelmRelease write, in the order the build applies them (after every source
/// of the base): a strategic merge patch's <c>spec.values</c>, and each JSON 6902 <c>add</c> or <c>replace</c> under
/// <c>/spec/values</c>. Read by lint, which checks them where they are written, and by generate, which must not write a
/// value one of them overrides.
/// </summary>
public static class PatchValueSources
{
    public static IEnumerable<ValueSource> Of(RepositoryWorkspace workspace, AppliedHelmRelease applied)
    {
        foreach (var patch in applied.Patches)
            foreach (var source in patch.Json6902 ? JsonPatch(workspace, patch) : MergePatch(workspace, patch))
                yield return source;
    }

    private static IEnumerable<ValueSource> MergePatch(RepositoryWorkspace workspace, HelmReleasePatch patch)
    {
        var source = new ValueSource(ValueSourceKind.Patch, patch.Where, YamlPath.Keys("spec", "values"), $"{patch.Where} spec.values");
        bool has;
        try
        {
            has = source.Find(workspace, YamlPath.Root) is MappingNode;
        }
        catch (Exception e) when (e is InvalidInputException or YamlEditException)
        {
            has = false;
        }
        if (has) yield return source;
    }

    /// <summary>One source an operation: its <c>value</c>, under the values keys its path names (<see cref="ValueSource.KeyPrefix"/>).</summary>
    private static IEnumerable<ValueSource> JsonPatch(RepositoryWorkspace workspace, HelmReleasePatch patch)
    {
        SequenceNode? operations;
        try
        {
            operations = YamlEditor.TryGet(patch.Where.Read(workspace), patch.Where.Selector, YamlPath.Root) as SequenceNode;
        }
        catch (Exception e) when (e is InvalidInputException or YamlEditException)
        {
            yield break;
        }
        for (var i = 0; i < (operations?.Items.Count ?? 0); i++)
        {
            if (operations!.Items[i] is not MappingNode op) continue;
            var kind = (op.Find("op")?.Value as ScalarNode)?.Value;
            var pointer = (op.Find("path")?.Value as ScalarNode)?.Value;
            if (kind is not ("add" or "replace") || pointer is null || op.Find("value") is null) continue;
            var segments = pointer.Split('/').Skip(1).Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();
            // Into a list (an index or "-"), the value is an item of a list the chart takes as a whole.
            if (segments.Count < 2 || segments[0] != "spec" || segments[1] != "values" || segments.Skip(2).Any(s => s == "-" || s.All(char.IsAsciiDigit))) continue;
            yield return new ValueSource(ValueSourceKind.Patch, patch.Where, YamlPath.Root.Append(new IndexSegment(i)).Append(new KeySegment("value")),
                $"{patch.Where} {kind} {pointer}", segments.Skip(2).ToList());
        }
    }
}
