using System.Text.RegularExpressions;
using ManifestGen.Diagnostics;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Repository;

/// <summary>A patch of a HelmRelease, where it is written: a document of a file, or the block scalar an inline patch is.</summary>
/// <param name="Json6902">A list of JSON 6902 operations, not a strategic merge patch.</param>
public sealed record HelmReleasePatch(ManagedDocument Where, bool Json6902, SourcePosition At)
{
    public override string ToString() => $"{Where.RepoPath}:{At.Line}";
}

/// <summary>One object of a build, with the patches the build applies to it and the namespace it ends in.</summary>
public sealed record BuiltObject(string RepoPath, int Index, string Kind, string? Name, string? Namespace, IReadOnlyList<HelmReleasePatch> Patches)
{
    public override string ToString() => $"{Kind} {(Namespace is null ? "" : Namespace + "/")}{Name} ({RepoPath})";
}

/// <summary>
/// What <c>kustomize build</c> of a folder makes of the repository's files, as far as the tool needs it: which
/// documents it emits (HelmReleases and the Flux sources they name), in which namespace, and which patches it applies
/// to each HelmRelease. It follows kustomize's order: the <c>resources</c> (each a file, or a folder built as its own
/// kustomization), then the <c>components</c> (whose resources join and whose patches apply to everything so far), then
/// the kustomization's own patches (<c>patchesStrategicMerge</c>, <c>patches</c>, <c>patchesJson6902</c>, by file or
/// inline, a <c>target</c> selecting by kind, name and namespace as regular expressions, and by label and annotation
/// equalities), then its <c>namespace</c>. A folder without a kustomization is built as kustomize-controller generates
/// one: its YAML files, and each subfolder by the same rule. Each folder is built once a run.
/// </summary>
public sealed class KustomizeBuild(RepositoryWorkspace workspace)
{
    /// <summary>The kinds a build keeps: what a HelmRelease's chart and values are read from.</summary>
    public static readonly IReadOnlySet<string> Kept = new HashSet<string>(StringComparer.Ordinal)
        { "HelmRelease", "HelmRepository", "OCIRepository", "HelmChart", "GitRepository", "Bucket" };

    // A kept object's kind starts a line (a sourceRef's "kind: GitRepository" is indented): most resource files are not parsed.
    private static readonly byte[][] KeptWords = [.. Kept.Select(k => System.Text.Encoding.UTF8.GetBytes($"\nkind: {k}"))];

    private readonly Dictionary<string, IReadOnlyList<BuiltObject>> built = new(StringComparer.Ordinal);
    private readonly HashSet<string> building = new(StringComparer.Ordinal);

    /// <summary>The files a build read as patches (never resources of their own).</summary>
    public ISet<string> PatchFiles { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>What a build of <paramref name="folder"/> (relative to the root) emits.</summary>
    /// <param name="components">Components added to the folder's kustomization (a Flux Kustomization's <c>spec.components</c>,
    /// which kustomize-controller adds to it): full paths.</param>
    public IReadOnlyList<BuiltObject> Build(string folder, IReadOnlyList<string>? components = null) =>
        Folder(workspace.Root.Full(folder), components ?? []);

    private IReadOnlyList<BuiltObject> Folder(string full, IReadOnlyList<string>? components = null)
    {
        full = Path.TrimEndingDirectorySeparator(full);
        components ??= [];
        if (components.Count == 0 && built.TryGetValue(full, out var done)) return done;
        if (!workspace.Root.Contains(full) || !Directory.Exists(full) || !building.Add(full)) return [];
        try
        {
            var repoPath = workspace.Root.Relative(full);
            var kustomization = KustomizationReach.FileNames.Select(n => (repoPath == "." ? "" : repoPath + "/") + n).FirstOrDefault(workspace.Exists);
            var objects = kustomization is null ? Generated(full, components) : Kustomization(kustomization, components);
            // With components added, the result is that Kustomization's own: not kept as the folder's build.
            if (components.Count == 0) built[full] = objects;
            return objects;
        }
        finally
        {
            building.Remove(full);
        }
    }

    private static readonly EnumerationOptions Options = new() { IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };

    /// <summary>kustomize-controller's generated kustomization: the folder's YAML files, and each subfolder by its own kustomization or this rule.</summary>
    private List<BuiltObject> Generated(string full, IReadOnlyList<string> components)
    {
        var objects = new List<BuiltObject>();
        foreach (var file in Directory.EnumerateFiles(full, "*", Options).Order(StringComparer.Ordinal))
            if (file.EndsWith(".yaml", StringComparison.Ordinal) || file.EndsWith(".yml", StringComparison.Ordinal))
                objects.AddRange(Objects(workspace.Root.Relative(file)));
        foreach (var sub in Directory.EnumerateDirectories(full, "*", Options).Order(StringComparer.Ordinal))
            if (!Path.GetFileName(sub).StartsWith('.')) objects.AddRange(Folder(sub));
        foreach (var component in components) objects = Component(component, objects);
        return objects;
    }

    /// <summary>The kept documents of a resource file, as they are written.</summary>
    private IEnumerable<BuiltObject> Objects(string repoPath)
    {
        // A file the build reads as a patch elsewhere is still a resource here: kustomize does what the lists say.
        // Only a file whose text names a kept kind is parsed (most of a repository is Deployments, Secrets, RBAC).
        YamlFile file;
        try
        {
            if (workspace.Read(repoPath) is not { } bytes || !KeptWords.Any(w => bytes.AsSpan().IndexOf(w) >= 0 || bytes.AsSpan().StartsWith(w.AsSpan(1)))) yield break;
            file = workspace.ReadYaml(repoPath);
        }
        catch (InvalidInputException)
        {
            yield break; // lint reports files it cannot read where it scans them
        }
        foreach (var document in file.Documents)
            if (document.Kind is { } kind && Kept.Contains(kind))
                yield return new BuiltObject(repoPath, document.Index, kind, document.Name, document.Namespace, []);
    }

    private List<BuiltObject> Kustomization(string path, IReadOnlyList<string> added)
    {
        YamlFile file;
        YamlDocumentNode document;
        try
        {
            file = workspace.ReadYaml(path);
            document = TargetReads.KustomizationDocument(file, path);
        }
        catch (InvalidInputException)
        {
            return [];
        }
        if (YamlValue.FromNode(document.Root) is not YamlMap map) return [];
        var dir = Path.GetDirectoryName(workspace.Root.Full(path))!;
        string Full(string p) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.Combine(dir, p)));
        var objects = new List<BuiltObject>();
        foreach (var item in (map.Get("resources") as YamlSeq)?.Items ?? [])
            if (YamlValue.TextOf(item) is { } resource) objects.AddRange(Resource(Full(resource)));
        foreach (var item in (map.Get("components") as YamlSeq)?.Items ?? [])
            if (YamlValue.TextOf(item) is { } component) objects = Component(Full(component), objects);
        foreach (var component in added) objects = Component(component, objects);
        Patch(objects, Patches(path, document, map, Full, YamlPath.Root));
        if (YamlValue.TextOf(map.Get("namespace")) is { Length: > 0 } ns) objects = objects.Select(o => o with { Namespace = ns }).ToList();
        return objects;
    }

    private IEnumerable<BuiltObject> Resource(string full)
    {
        if (Directory.Exists(full)) return Folder(full);
        if (!File.Exists(full) || !workspace.Root.Contains(full)) return []; // a URL, or a file the repository lacks
        return Objects(workspace.Root.Relative(full));
    }

    /// <summary>A component: its resources join what the including kustomization has so far, and its patches apply to all of it.</summary>
    private List<BuiltObject> Component(string full, List<BuiltObject> so)
    {
        var repoPath = workspace.Root.Relative(full);
        var kustomization = KustomizationReach.FileNames.Select(n => repoPath + "/" + n).FirstOrDefault(workspace.Exists);
        if (kustomization is null || !building.Add(full)) return so;
        try
        {
            var file = workspace.ReadYaml(kustomization);
            var document = TargetReads.KustomizationDocument(file, kustomization);
            if (YamlValue.FromNode(document.Root) is not YamlMap map) return so;
            string Full(string p) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.Combine(full, p)));
            var objects = new List<BuiltObject>(so);
            foreach (var item in (map.Get("resources") as YamlSeq)?.Items ?? [])
                if (YamlValue.TextOf(item) is { } resource) objects.AddRange(Resource(Full(resource)));
            foreach (var item in (map.Get("components") as YamlSeq)?.Items ?? [])
                if (YamlValue.TextOf(item) is { } inner) objects = Component(Full(inner), objects);
            Patch(objects, Patches(kustomization, document, map, Full, YamlPath.Root));
            return objects;
        }
        catch (InvalidInputException)
        {
            return so;
        }
        finally
        {
            building.Remove(full);
        }
    }

    /// <summary>The files any kustomization of the repository reads as patches, built or not (a repository without Flux Kustomizations).</summary>
    public ISet<string> PatchFilesOfEveryKustomization()
    {
        foreach (var path in RepositoryScan.Files(workspace, workspace.Root.FullPath, KustomizationReach.FileNames))
        {
            try
            {
                var document = TargetReads.KustomizationDocument(workspace.ReadYaml(path), path);
                var dir = Path.GetDirectoryName(workspace.Root.Full(path))!;
                if (YamlValue.FromNode(document.Root) is YamlMap map)
                    Patches(path, document, map, p => Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.Combine(dir, p))), YamlPath.Root);
            }
            catch (InvalidInputException)
            {
                // an unreadable kustomization names no patch the tool can see
            }
        }
        return PatchFiles;
    }

    /// <summary>A patch and what it applies to.</summary>
    public sealed record PatchRule(HelmReleasePatch Patch, Target? Selector, string? OwnKind, string? OwnName, string? OwnNamespace);

    /// <summary>A patch's <c>target</c>: kind, name and namespace are regular expressions kustomize anchors; the selectors equalities.</summary>
    public sealed record Target(string? Kind, string? Name, string? Namespace, string? LabelSelector, string? AnnotationSelector);

    /// <summary>
    /// The patches of a kustomization (or of a Flux Kustomization's <c>spec</c>, at <paramref name="at"/>): each
    /// strategic merge document and each JSON 6902 list, by file or inline.
    /// </summary>
    public List<PatchRule> Patches(string file, YamlDocumentNode document, YamlMap map, Func<string, string> full, YamlPath at)
    {
        var rules = new List<PatchRule>();
        var doc = DocumentRef.Of(document);
        var yaml = workspace.ReadYaml(file);
        SourcePosition Position(YamlPath path) =>
            YamlEditor.TryGet(yaml, DocumentSelector.At(document.Index), at.Then(path)) is { } node ? yaml.Source.PositionOf(node.ContentStart) : new SourcePosition(1, 1);
        void FromFile(string relative, Target? target, bool json)
        {
            var path = full(relative);
            if (!File.Exists(path) || !workspace.Root.Contains(path)) return;
            var repoPath = workspace.Root.Relative(path);
            PatchFiles.Add(repoPath);
            YamlFile patchFile;
            try
            {
                patchFile = workspace.ReadYaml(repoPath);
            }
            catch (InvalidInputException)
            {
                return;
            }
            foreach (var d in patchFile.Documents)
            {
                if (d.Root is null) continue;
                var patch = new HelmReleasePatch(new ManagedDocument(repoPath, DocumentRef.Of(d)), json || d.Root is SequenceNode, patchFile.Source.PositionOf(d.Root.ContentStart));
                rules.Add(new PatchRule(patch, target, d.Kind, d.Name, d.Namespace));
            }
        }
        void Inline(YamlPath block, string text, Target? target, bool json)
        {
            YamlDocumentNode? parsed;
            try
            {
                parsed = YamlFile.Parse(System.Text.Encoding.UTF8.GetBytes(text)).Documents.FirstOrDefault(d => d.Root is not null);
            }
            catch (YamlEditException)
            {
                return;
            }
            if (parsed is null) return;
            var patch = new HelmReleasePatch(new ManagedDocument(file, doc, at.Then(block)), json || parsed.Root is SequenceNode, Position(block));
            rules.Add(new PatchRule(patch, target, parsed.Kind, parsed.Name, parsed.Namespace));
        }
        var index = 0;
        foreach (var item in (map.Get("patchesStrategicMerge") as YamlSeq)?.Items ?? [])
        {
            if (YamlValue.TextOf(item) is { } text)
            {
                // Either a path or the patch itself, as kustomize decides: a path has no newline.
                if (text.Contains('\n', StringComparison.Ordinal)) Inline(YamlPath.Keys("patchesStrategicMerge").Append(new IndexSegment(index)), text, null, false);
                else FromFile(text, null, false);
            }
            index++;
        }
        // patches: a strategic merge patch or a JSON 6902 list, as the file or text is; patchesJson6902: a list.
        foreach (var (list, json) in new[] { ("patches", false), ("patchesJson6902", true) })
        {
            index = 0;
            foreach (var item in (map.Get(list) as YamlSeq)?.Items ?? [])
            {
                if (item is YamlMap patch)
                {
                    var target = TargetOf(patch.Get("target") as YamlMap);
                    if (YamlValue.TextOf(patch.Get("path")) is { } relative) FromFile(relative, target, json);
                    else if (YamlValue.TextOf(patch.Get("patch")) is { } text)
                        Inline(YamlPath.Keys(list).Append(new IndexSegment(index)).Append(new KeySegment("patch")), text, target, json);
                }
                index++;
            }
        }
        return rules;
    }

    private static Target? TargetOf(YamlMap? target) => target is null ? null
        : new Target(YamlValue.TextOf(target.Get("kind")), YamlValue.TextOf(target.Get("name")), YamlValue.TextOf(target.Get("namespace")),
            YamlValue.TextOf(target.Get("labelSelector")), YamlValue.TextOf(target.Get("annotationSelector")));

    /// <summary>Applies each patch to the HelmReleases it selects, in order.</summary>
    public void Patch(List<BuiltObject> objects, IReadOnlyList<PatchRule> rules)
    {
        if (rules.Count == 0) return;
        for (var i = 0; i < objects.Count; i++)
        {
            var o = objects[i];
            if (o.Kind != "HelmRelease") continue;
            var applied = rules.Where(r => Selects(r, o)).Select(r => r.Patch).ToList();
            if (applied.Count > 0) objects[i] = o with { Patches = [.. o.Patches, .. applied] };
        }
    }

    private bool Selects(PatchRule rule, BuiltObject o)
    {
        if (rule.Selector is { } t)
        {
            if (!Matches(t.Kind, o.Kind) || !Matches(t.Name, o.Name) || !Matches(t.Namespace, o.Namespace)) return false;
            return SelectorHolds(t.LabelSelector, o, "labels") && SelectorHolds(t.AnnotationSelector, o, "annotations");
        }
        // A strategic merge patch without a target names what it patches.
        return rule.OwnKind == o.Kind && rule.OwnName == o.Name && (rule.OwnNamespace is null || rule.OwnNamespace == o.Namespace);
    }

    private static bool Matches(string? pattern, string? value)
    {
        if (string.IsNullOrEmpty(pattern)) return true;
        try
        {
            return Regex.IsMatch(value ?? "", $"^(?:{pattern})$", RegexOptions.None, TimeSpan.FromMilliseconds(100));
        }
        catch (ArgumentException)
        {
            return pattern == value;
        }
    }

    /// <summary>
    /// An equality selector (<c>app=x,tier!=db</c>) against the object's labels or annotations. Set-based selectors
    /// (<c>in</c>, <c>notin</c>, <c>!key</c>) are not followed: such a patch is taken to select nothing, so no value is
    /// checked against the wrong chart.
    /// </summary>
    private bool SelectorHolds(string? selector, BuiltObject o, string field)
    {
        if (string.IsNullOrWhiteSpace(selector)) return true;
        var values = Metadata(o, field);
        foreach (var raw in selector.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (raw.Contains(" in ", StringComparison.Ordinal) || raw.Contains(" notin ", StringComparison.Ordinal) || raw.StartsWith('!')) return false;
            var negated = raw.Contains("!=", StringComparison.Ordinal);
            var parts = raw.Split(negated ? "!=" : raw.Contains("==", StringComparison.Ordinal) ? "==" : "=", 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 1)
            {
                if (!values.ContainsKey(parts[0])) return false;
                continue;
            }
            var equal = values.TryGetValue(parts[0], out var value) && value == parts[1];
            if (equal == negated) return false;
        }
        return true;
    }

    private IReadOnlyDictionary<string, string> Metadata(BuiltObject o, string field)
    {
        try
        {
            var document = workspace.ReadYaml(o.RepoPath).Documents[o.Index];
            return (YamlValue.At(YamlValue.FromNode(document.Root), "metadata", field) as YamlMap)?.Entries
                .Where(e => YamlValue.TextOf(e.Value) is not null).ToDictionary(e => e.Key, e => YamlValue.TextOf(e.Value)!, StringComparer.Ordinal)
                ?? new Dictionary<string, string>();
        }
        catch (InvalidInputException)
        {
            return new Dictionary<string, string>();
        }
    }
}
