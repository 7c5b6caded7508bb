using ManifestGen.Components;
using ManifestGen.Diagnostics;
using ManifestGen.Spec;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Composition;

/// <summary>
/// Reads <c>manifestgen.io/v1alpha1 ClusterTuning</c> into <see cref="ClusterTuningSpec"/>. Every
/// problem becomes a diagnostic with the spec's line and column; a spec with errors yields no spec.
/// </summary>
public static class SpecLoader
{
    public const string ApiVersion = "manifestgen.io/v1alpha1";
    public const string Kind = "ClusterTuning";

    /// <summary>The spec files are read whole; anything larger is not a hand-written spec.</summary>
    public const long MaxFileBytes = RepositoryWorkspace.MaxFileBytes;

    public static (ClusterTuningSpec? Spec, IReadOnlyList<Diagnostic> Diagnostics) Load(string specFullPath, RepositoryRoot root)
    {
        var bag = new DiagnosticBag();
        var repoPath = root.Relative(specFullPath);
        if (!File.Exists(specFullPath))
        {
            bag.Add(Diagnostic.Unplaced(DiagnosticCodes.SpecMissing, repoPath, $"spec file not found: {specFullPath}",
                "check the path given to --spec"));
            return (null, bag.Sorted());
        }
        if (new FileInfo(specFullPath).Length > MaxFileBytes)
        {
            bag.Add(Diagnostic.Of(DiagnosticCodes.TargetUnreadable, repoPath, null, $"the spec is larger than {MaxFileBytes / (1024 * 1024)} MiB"));
            return (null, bag.Sorted());
        }
        YamlFile file;
        try
        {
            file = YamlFile.Parse(File.ReadAllBytes(specFullPath));
        }
        catch (YamlEditException e)
        {
            bag.Add(Diagnostic.FromYaml(e, repoPath));
            return (null, bag.Sorted());
        }
        var spec = Read(file, repoPath, Path.GetDirectoryName(specFullPath)!, root, bag);
        return (bag.HasErrors ? null : spec, bag.Sorted());
    }

    private static ClusterTuningSpec? Read(YamlFile file, string repoPath, string specDir, RepositoryRoot root, DiagnosticBag bag)
    {
        var r = new SpecReader(file, repoPath, bag, specDir, root);
        var docs = file.Documents.Where(d => d.Root is not null).ToList();
        if (docs.Count != 1)
        {
            bag.Add(Diagnostic.Of(DiagnosticCodes.SpecBadHeader, repoPath, null, $"the spec must hold exactly one document, not {docs.Count}"));
            return null;
        }
        if (FirstAlias(docs[0].Root) is { } alias)
        {
            // A spec is short and hand-written; aliases only hide what it says (and can multiply it).
            r.Error(DiagnosticCodes.SpecAlias, alias, "anchors and aliases are not allowed in the spec; write each value where it is used");
            return null;
        }
        var top = r.Map(docs[0].Root, "the spec");
        if (top is null)
        {
            if (docs[0].Root is ScalarNode s) r.Error(DiagnosticCodes.SpecWrongType, s, "the spec must be a mapping");
            return null;
        }
        r.Keys(top, "the spec", "apiVersion", "kind", "metadata", "spec");
        var apiVersion = r.String(top, "apiVersion", "", required: true);
        if (apiVersion is not null && apiVersion != ApiVersion)
            r.Error(DiagnosticCodes.SpecBadHeader, top.Find("apiVersion")!.Value, $"apiVersion must be {ApiVersion}, not {apiVersion}");
        var kind = r.String(top, "kind", "", required: true);
        if (kind is not null && kind != Kind)
            r.Error(DiagnosticCodes.SpecBadHeader, top.Find("kind")!.Value, $"kind must be {Kind}, not {kind}");
        var metadata = r.Map(top.Find("metadata")?.Value, "metadata");
        string? name = null;
        if (metadata is null) r.Error(DiagnosticCodes.SpecMissingKey, top, "metadata.name is required");
        else
        {
            r.Keys(metadata, "metadata", "name");
            name = r.String(metadata, "name", "metadata", required: true);
        }
        var spec = r.Map(top.Find("spec")?.Value, "spec");
        if (spec is null)
        {
            if (top.Find("spec") is null) r.Error(DiagnosticCodes.SpecMissingKey, top, "spec is required");
            return new ClusterTuningSpec(name ?? "", repoPath, []);
        }
        r.Keys(spec, "spec", [.. ComponentList.All.Select(c => c.Section)]);
        // Each component reads its own section, in the list's order.
        var tunings = ComponentList.All.Select(c => c.Read(r, spec)).OfType<ComponentTuning>().ToList();
        return new ClusterTuningSpec(name ?? "", repoPath, tunings);
    }

    /// <summary>The first anchored or aliased node in document order, if any.</summary>
    private static YamlNode? FirstAlias(YamlNode? root)
    {
        YamlNode? first = null;
        var stack = new Stack<YamlNode>();
        if (root is not null) stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if ((node is AliasNode || node.Anchor is not null) && (first is null || node.Start < first.Start)) first = node;
            if (node is MappingNode m) foreach (var e in m.Entries) { stack.Push(e.Value); stack.Push(e.Key); }
            if (node is SequenceNode q) foreach (var item in q.Items) stack.Push(item);
        }
        return first;
    }
}
