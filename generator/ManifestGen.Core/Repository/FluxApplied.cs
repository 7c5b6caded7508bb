using System.Text;
using System.Text.RegularExpressions;
using ManifestGen.Diagnostics;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Repository;

/// <summary>One HelmRelease document as one Flux Kustomization applies it.</summary>
/// <param name="RepoPath">The file of the document (the base).</param>
/// <param name="Index">The document's index in that file.</param>
/// <param name="By">The Flux Kustomization that applies it.</param>
/// <param name="Patches">The patches applied to it, in order (kustomizations from the innermost out, then the Flux Kustomization's).</param>
/// <param name="Namespace">The namespace it is applied in.</param>
/// <param name="Substitution">The Flux Kustomization's postBuild substitution, or null when it has none.</param>
public sealed record AppliedHelmRelease(string RepoPath, int Index, FluxKustomization By, IReadOnlyList<HelmReleasePatch> Patches,
    string? Namespace, FluxSubstitution? Substitution);

/// <summary>
/// What the Flux Kustomizations of a repository apply, as kustomize-controller builds each: its <c>spec.path</c> (a
/// kustomization, or a folder built as kustomize-controller generates one, <see cref="KustomizeBuild"/>), its
/// <c>spec.components</c> and <c>spec.patches</c>, its <c>spec.targetNamespace</c>, and its <c>postBuild</c>
/// substitutions (<c>substitute</c>, and <c>substituteFrom</c> ConfigMaps the repository holds). The result, for each
/// HelmRelease, is the base document with the patches and the namespace and variables it is applied with.
/// </summary>
public sealed class FluxApplied
{
    private FluxApplied(IReadOnlyList<AppliedHelmRelease> helmReleases, IReadOnlyList<BuiltObjectIn> sources, ISet<string> patchFiles,
        IReadOnlySet<(string, int)> appliedDocuments)
    {
        HelmReleases = helmReleases;
        this.sources = sources;
        PatchFiles = patchFiles;
        this.appliedDocuments = appliedDocuments;
    }

    private readonly IReadOnlyList<BuiltObjectIn> sources;
    private readonly IReadOnlySet<(string, int)> appliedDocuments;

    /// <summary>A source object (HelmRepository, OCIRepository, ...) as one Flux Kustomization applies it.</summary>
    private sealed record BuiltObjectIn(BuiltObject Object, FluxKustomization By);

    /// <summary>Every HelmRelease as each Flux Kustomization applies it, in the order of the Kustomizations, then of the build.</summary>
    public IReadOnlyList<AppliedHelmRelease> HelmReleases { get; }

    /// <summary>The Kustomizations whose <c>spec.path</c> the repository lacks (another source's): what they apply is unknown.</summary>
    public IReadOnlyList<FluxKustomization> Unresolved { get; private init; } = [];

    /// <summary>The files some build reads as patches.</summary>
    public ISet<string> PatchFiles { get; }

    /// <summary>Whether some Flux Kustomization applies this document as a resource.</summary>
    public bool Applies(string repoPath, int index) => appliedDocuments.Contains((repoPath, index));

    public static FluxApplied Of(RepositoryWorkspace workspace, FluxKustomizations kustomizations)
    {
        var build = new KustomizeBuild(workspace);
        var helmReleases = new List<AppliedHelmRelease>();
        var sources = new List<BuiltObjectIn>();
        var applied = new HashSet<(string, int)>();
        var unresolved = new List<FluxKustomization>();
        var objects = new FluxObjects(workspace); // one search for every Kustomization's substituteFrom
        foreach (var k in kustomizations.All)
        {
            if (kustomizations.FolderOf(k) is not { } folder)
            {
                unresolved.Add(k);
                continue;
            }
            YamlDocumentNode document;
            try
            {
                document = workspace.ReadYaml(k.File).Documents[k.Index];
            }
            catch (InvalidInputException)
            {
                continue;
            }
            // Only the fields kustomize-controller adds to the build are turned into values.
            var spec = YamlMap.Empty;
            foreach (var field in (string[])["components", "patches", "targetNamespace", "postBuild"])
                if (document.At("spec", field) is { } node) spec = spec.With(field, YamlValue.FromNode(node));
            string Full(string relative) => Path.GetFullPath(Path.Combine(workspace.Root.Full(folder), relative));
            // kustomize-controller adds spec.components to the folder's kustomization: they build with it.
            var components = ((spec.Get("components") as YamlSeq)?.Items ?? []).Select(YamlValue.TextOf).OfType<string>().Select(Full).ToList();
            var built = build.Build(folder, components).ToList();
            build.Patch(built, build.Patches(k.File, document, spec, Full, YamlPath.Keys("spec")));
            var targetNamespace = YamlValue.TextOf(spec.Get("targetNamespace"));
            var substitution = FluxSubstitution.Of(objects, spec.Get("postBuild") as YamlMap, k);
            foreach (var o in built)
            {
                applied.Add((o.RepoPath, o.Index));
                var ns = targetNamespace ?? o.Namespace ?? k.Namespace;
                if (o.Kind == "HelmRelease") helmReleases.Add(new AppliedHelmRelease(o.RepoPath, o.Index, k, o.Patches, ns, substitution));
                else sources.Add(new BuiltObjectIn(o with { Namespace = ns }, k));
            }
        }
        return new FluxApplied(helmReleases, sources, build.PatchFiles, applied) { Unresolved = unresolved };
    }

    /// <summary>
    /// The source objects of a kind and name among what <paramref name="by"/> applies, after its substitutions (a
    /// component's <c>name: ${APP}</c>): the caller takes one only when exactly one matches.
    /// </summary>
    public IReadOnlyList<(string RepoPath, int Index)> SourcesNamed(FluxKustomization by, string kind, string name, string? nameSpace)
    {
        var found = new List<(string, int)>();
        foreach (var s in sources)
        {
            if (s.By != by || s.Object.Kind != kind) continue;
            var written = s.Object.Name ?? "";
            var actual = FluxSubstitutionFor(by)?.Apply(written) ?? written;
            if (actual == name && (nameSpace is null || s.Object.Namespace is null || s.Object.Namespace == nameSpace)) found.Add((s.Object.RepoPath, s.Object.Index));
        }
        return found;
    }

    private FluxSubstitution? FluxSubstitutionFor(FluxKustomization by) => HelmReleases.FirstOrDefault(h => h.By == by)?.Substitution;
}

/// <summary>
/// A Flux Kustomization's <c>postBuild</c> substitution, as kustomize-controller applies it to the built objects:
/// <c>${VAR}</c>, <c>${VAR:=default}</c> and <c>${VAR:-default}</c>, from <c>substitute</c> and the
/// <c>substituteFrom</c> ConfigMaps the repository holds (a Secret's values are not read). A variable with neither a
/// value nor a default is left as written, and said once (<see cref="Unknown"/>): nothing is guessed. An object
/// annotated <c>kustomize.toolkit.fluxcd.io/substitute: disabled</c> is not substituted.
/// </summary>
public sealed partial class FluxSubstitution
{
    private readonly IReadOnlyDictionary<string, string> values;

    private FluxSubstitution(IReadOnlyDictionary<string, string> values, IReadOnlyList<string> secrets)
    {
        this.values = values;
        Secrets = secrets;
    }

    /// <summary>The Secrets (and ConfigMaps the repository lacks) whose variables are not known.</summary>
    public IReadOnlyList<string> Secrets { get; }

    /// <summary>The variables met without a value or a default.</summary>
    public ISet<string> Unknown { get; } = new SortedSet<string>(StringComparer.Ordinal);

    /// <param name="objects">Where the <c>substituteFrom</c> ConfigMaps are looked for (one search for a whole repository).</param>
    public static FluxSubstitution? Of(FluxObjects objects, YamlMap? postBuild, FluxKustomization by)
    {
        if (postBuild is null) return null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var secrets = new List<string>();
        // substituteFrom in order, then substitute over them (kustomize-controller's precedence).
        foreach (var from in (postBuild.Get("substituteFrom") as YamlSeq)?.Items.OfType<YamlMap>() ?? [])
        {
            var kind = YamlValue.TextOf(from.Get("kind")) ?? "";
            var name = YamlValue.TextOf(from.Get("name")) ?? "";
            var found = kind == "ConfigMap" ? objects.Find("ConfigMap", name, by.Namespace, by.File) : null;
            if (found?.Data.Get("data") is YamlMap data)
            {
                foreach (var e in data.Entries)
                    if (YamlValue.TextOf(e.Value) is { } v) values[e.Key] = v;
            }
            else secrets.Add($"{kind} {name}");
        }
        foreach (var e in (postBuild.Get("substitute") as YamlMap)?.Entries ?? [])
            if (YamlValue.TextOf(e.Value) is { } v) values[e.Key] = v;
        return new FluxSubstitution(values, secrets);
    }

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[=-])([^}]*))?\}")]
    private static partial Regex Variable();

    /// <summary>The text with its variables filled in; one without a value or default stays as written.</summary>
    public string Apply(string text)
    {
        if (!text.Contains("${", StringComparison.Ordinal)) return text;
        return Variable().Replace(text, m =>
        {
            var name = m.Groups[1].Value;
            if (values.TryGetValue(name, out var value) && (value.Length > 0 || !m.Groups[2].Value.StartsWith(':'))) return value;
            if (m.Groups[2].Success) return m.Groups[3].Value;
            lock (Unknown) Unknown.Add(name);
            return m.Value;
        });
    }

    /// <summary>A document's text as applied: substituted, unless the object opts out.</summary>
    public YamlDocumentNode? Applied(YamlFile file, int index)
    {
        var document = file.Documents[index];
        var annotation = YamlValue.TextOf(YamlValue.FromNode(document.At("metadata", "annotations", "kustomize.toolkit.fluxcd.io/substitute")));
        if (annotation == "disabled" || document.Root is null) return document;
        var start = document.Root.Start;
        var end = index + 1 < file.Documents.Count ? file.Documents[index + 1].Start : file.Text.Length;
        var text = file.Text[start..end];
        var applied = Apply(text);
        if (applied == text) return document;
        try
        {
            // Line for line as the file: positions read from it stand where the user wrote them.
            var prefix = new string('\n', file.Source.PositionOf(start).Line - 1);
            return YamlFile.Parse(Encoding.UTF8.GetBytes(prefix + applied)).Documents.FirstOrDefault(d => d.Root is not null) is { } d
                ? new YamlDocumentNode { Index = index, Root = d.Root, Start = d.Start } : document;
        }
        catch (YamlEditException)
        {
            return document;
        }
    }
}
