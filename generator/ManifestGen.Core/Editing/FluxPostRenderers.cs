using ManifestGen.Ownership;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Editing;

/// <summary>
/// Writes a marked Flux post-renderer (<c>spec.postRenderers</c>, helm-controller's kustomize step; not Helm's
/// <c>--post-renderer</c>, which is the <c>post-render</c> verb) into a HelmRelease: <c>- kustomize: # managed by manifestgen: ID</c>
/// with one patch and its target. A later run finds it by its marker and replaces it in place; the
/// user's own post-renderers are never touched.
/// </summary>
public static class FluxPostRenderers
{
    public static YamlMap Target(string? group, string version, string kind, string? name)
    {
        var entries = new List<KeyValuePair<string, YamlValue>>();
        if (group is not null) entries.Add(new("group", YamlValue.Scalar(group)));
        entries.Add(new("version", YamlValue.Scalar(version)));
        entries.Add(new("kind", YamlValue.Scalar(kind)));
        if (name is not null) entries.Add(new("name", YamlValue.Scalar(name)));
        return new YamlMap(entries);
    }

    /// <summary>The post-renderer entry: one kustomize patch (JSON6902 in YAML, as a literal block) with a target.</summary>
    public static YamlValue Entry(string id, YamlMap target, string patch)
    {
        var patchEntry = new YamlMap(
        [
            new("target", target),
            new("patch", new YamlScalar(ScalarValue.String(patch), ScalarStyle.Literal)),
        ]);
        var kustomize = new YamlMap([new("patches", new YamlSeq([patchEntry]))]);
        return new YamlMap([new("kustomize", new YamlCommented(kustomize, ManagedMarker.ForPostRenderer(id)))]);
    }

    public static void Upsert(GenerationContext context, PlanTuning tuning, string repoPath, DocumentRef doc, string id, YamlValue entry)
    {
        var file = context.Workspace.ReadYaml(repoPath);
        var index = TargetReads.In(repoPath, () => ManagedMarker.FindPostRenderer(file, doc.Selector, id));
        var list = YamlPath.Keys("spec", "postRenderers");
        context.Workspace.Edit(repoPath, index >= 0
            ? new ReplaceSubtree(doc.Selector, list.Append(new IndexSegment(index)), entry)
            : new AppendItem(doc.Selector, list, entry));
        context.RecordPostRenderer(tuning, repoPath, doc, id);
    }
}
