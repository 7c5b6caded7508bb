using ManifestGen.Diagnostics;
using ManifestGen.Repository;
using ManifestGen.Spec;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Values;

/// <summary>
/// Finds the files that hold a HelmRelease's values, the way helm-controller reads them: each
/// <c>valuesFrom</c> ConfigMap in order (its <c>valuesKey</c>, default <c>values.yaml</c>), followed
/// to what the repository produces it from: an entry of a <c>configMapGenerator</c> in the
/// kustomization that lists the HelmRelease, or a ConfigMap manifest that kustomization lists. Then
/// <c>spec.values</c>. A source the tool cannot edit (a Secret, a ConfigMap the repository does not
/// produce, a <c>targetPath</c>, a file outside the repository) stops the run, naming the reference.
/// </summary>
public static class ValueSourceResolver
{
    public const string DefaultValuesKey = "values.yaml";

    /// <summary>
    /// Every source that can be followed, in merge order, and a refusal (MG3007) for each that cannot: readers that
    /// check values (<c>lint</c>) check the rest, while an edit (<see cref="ValueSources.All"/>) is refused with all of them.
    /// </summary>
    /// <param name="explicitValues">The spec's <c>values</c> key: a values file or ConfigMap manifest to edit instead of
    /// following <c>valuesFrom</c>, or a cluster's HelmRelease patch, merged after all of the base's sources.</param>
    /// <param name="specKey">The spec key that names <paramref name="explicitValues"/> (<c>cilium.values</c>), for hints.</param>
    public static (IReadOnlyList<ValueSource> Sources, IReadOnlyList<Diagnostic> Refused) ResolveEach(RepositoryWorkspace workspace,
        string helmReleasePath, DocumentRef helmRelease, TargetFile? explicitValues, string specKey)
    {
        var file = workspace.ReadYaml(helmReleasePath);
        var doc = TargetReads.In(helmReleasePath, () => helmRelease.Selector.Select(file));
        var inline = new ValueSource(ValueSourceKind.Inline, new ManagedDocument(helmReleasePath, helmRelease),
            YamlPath.Keys("spec", "values"), $"{helmReleasePath} spec.values");
        var references = TargetReads.In(helmReleasePath, () => YamlEditor.Get(file, DocumentSelector.At(doc.Index), "spec.valuesFrom")) as SequenceNode;
        var valuesKeyOfFirst = references?.Items.OfType<MappingNode>().Select(r => Text(r, "valuesKey")).FirstOrDefault() ?? DefaultValuesKey;

        // A values file or ConfigMap the spec names is edited instead of following valuesFrom, under spec.values. A cluster's
        // HelmRelease patch is merged by kustomize over the base, so it comes after all of the base's sources.
        var named = explicitValues is null ? null : Explicit(workspace, explicitValues, valuesKeyOfFirst, specKey);
        if (named is { Kind: not ValueSourceKind.Patch }) return ([named, inline], []);

        var sources = new List<ValueSource>();
        var refused = new List<Diagnostic>();
        foreach (var (item, index) in (references?.Items ?? []).Select((n, i) => (n, i)))
        {
            var at = file.Source.PositionOf(item.ContentStart);
            try
            {
                if (item is not MappingNode reference)
                    throw Refuse(helmReleasePath, at, $"spec.valuesFrom[{index}] is not a mapping", specKey);
                var kind = Text(reference, "kind") ?? "";
                var name = Text(reference, "name") ?? "";
                var key = Text(reference, "valuesKey") ?? DefaultValuesKey;
                var what = $"spec.valuesFrom[{index}] ({kind} {name}, key {key})";
                if (kind != "ConfigMap")
                    throw Refuse(helmReleasePath, at, $"{what}: the values come from a {kind}, which manifestgen does not edit (a Secret's data is not in Git as plain YAML)", specKey);
                if (Text(reference, "targetPath") is { } targetPath)
                    throw Refuse(helmReleasePath, at, $"{what}: targetPath {targetPath} places one value, not a values document; manifestgen does not edit it", specKey);
                sources.Add(FollowConfigMap(workspace, helmReleasePath, at, what, name, key, specKey));
            }
            catch (InvalidInputException e) when (e.Diagnostics.All(d => d.Code == DiagnosticCodes.ValuesNotEditable))
            {
                refused.AddRange(e.Diagnostics);
            }
        }
        sources.Add(inline);
        if (named is not null) sources.Add(named);
        return (sources, refused);
    }

    private static ValueSource FollowConfigMap(RepositoryWorkspace workspace, string helmReleasePath, SourcePosition at, string what,
        string name, string key, string specKey)
    {
        var listing = KustomizationReach.ListingOf(workspace, helmReleasePath)
            ?? throw Refuse(helmReleasePath, at, $"{what}: no kustomization.yaml lists this HelmRelease, so the ConfigMap cannot be followed to a file", specKey);
        var kustomization = workspace.ReadYaml(listing);
        var kdoc = DocumentSelector.At(TargetReads.KustomizationDocument(kustomization, listing).Index);
        var kdir = Path.GetDirectoryName(listing)?.Replace('\\', '/') ?? "";

        if (TargetReads.In(listing, () => YamlEditor.GetValue(kustomization, kdoc, "configMapGenerator")) is YamlSeq generators)
        {
            foreach (var generator in generators.Items.OfType<YamlMap>().Where(g => YamlValue.TextOf(g.Get("name")) == name))
            {
                foreach (var entry in (generator.Get("files") as YamlSeq)?.Items.Select(YamlValue.TextOf).OfType<string>() ?? [])
                {
                    var eq = entry.IndexOf('=');
                    var fileKey = eq > 0 ? entry[..eq].Trim() : Path.GetFileName(entry.Trim());
                    if (fileKey != key) continue;
                    var written = (eq > 0 ? entry[(eq + 1)..] : entry).Trim();
                    var full = Path.GetFullPath(Path.Combine(workspace.Root.Full(kdir.Length == 0 ? "." : kdir), written));
                    if (!workspace.Root.Contains(full))
                        throw Refuse(helmReleasePath, at, $"{what}: {listing} builds it from {written}, which is outside the repository", specKey);
                    var repoPath = workspace.Root.Relative(full);
                    if (!workspace.Exists(repoPath))
                        throw Refuse(helmReleasePath, at, $"{what}: {listing} builds it from {written}, which does not exist", specKey);
                    return new ValueSource(ValueSourceKind.ValuesFile, new ManagedDocument(repoPath, new DocumentRef("", null, null)), YamlPath.Root,
                        $"{repoPath} (configMapGenerator {name} in {listing})");
                }
                throw Refuse(helmReleasePath, at,
                    $"{what}: the configMapGenerator {name} in {listing} has no file under the key {key} (literals and envs cannot hold a values document)", specKey);
            }
        }

        if (TargetReads.In(listing, () => YamlEditor.GetValue(kustomization, kdoc, "resources")) is YamlSeq resources)
        {
            foreach (var listed in resources.Items.Select(YamlValue.TextOf).OfType<string>())
            {
                var full = Path.GetFullPath(Path.Combine(workspace.Root.Full(kdir.Length == 0 ? "." : kdir), listed));
                if (!workspace.Root.Contains(full) || !File.Exists(full)) continue;
                var repoPath = workspace.Root.Relative(full);
                if (!repoPath.EndsWith(".yaml", StringComparison.Ordinal) && !repoPath.EndsWith(".yml", StringComparison.Ordinal)) continue;
                var manifest = workspace.ReadYaml(repoPath);
                var configMap = manifest.Documents.FirstOrDefault(d => d.Kind == "ConfigMap" && d.Name == name);
                if (configMap is null) continue;
                return Block(workspace, repoPath, DocumentRef.Of(configMap), key, $"{repoPath} (ConfigMap {name}, listed in {listing})",
                    helmReleasePath, at, what, specKey);
            }
        }
        throw Refuse(helmReleasePath, at,
            $"{what}: the repository does not produce this ConfigMap ({listing}, which lists the HelmRelease, has neither a configMapGenerator nor a listed ConfigMap manifest of that name)",
            specKey);
    }

    private static ValueSource Block(RepositoryWorkspace workspace, string repoPath, DocumentRef configMap, string key, string description,
        string refFile, SourcePosition at, string what, string specKey)
    {
        var block = YamlPath.Keys("data", key);
        var file = workspace.ReadYaml(repoPath);
        var node = TargetReads.In(repoPath, () => YamlEditor.Get(file, configMap.Selector, block));
        if (node is not ScalarNode { Style: ScalarStyle.Literal })
            throw Refuse(refFile, at, node is null
                ? $"{what}: the ConfigMap in {repoPath} has no data.{key}"
                : $"{what}: data.{key} in {repoPath} is not a literal block (|), so its YAML cannot be edited in place", specKey);
        return new ValueSource(ValueSourceKind.ConfigMapBlock, new ManagedDocument(repoPath, configMap, block), YamlPath.Root, description);
    }

    /// <summary>The file the spec names as the values to edit: a ConfigMap manifest (its block) or a values file; Flux must apply it.</summary>
    private static ValueSource Explicit(RepositoryWorkspace workspace, TargetFile target, string key, string specKey)
    {
        var file = workspace.ReadYaml(target.RepoPath);
        if (!KustomizationReach.IsReferenced(workspace, target.RepoPath))
            throw new InvalidInputException(Diagnostic.Of(DiagnosticCodes.NotReferenced, target.At.File, target.At.Position,
                $"{specKey}: no kustomization.yaml in the repository references {target.AsWritten}, so Flux never applies it; editing it would change nothing",
                "name the file a kustomization lists (in resources, patches or a configMapGenerator)"));
        var configMap = file.Documents.Where(d => d.Kind == "ConfigMap").ToList();
        if (configMap.Count == 1)
            return Block(workspace, target.RepoPath, DocumentRef.Of(configMap[0]), key, $"{target.RepoPath} (ConfigMap {configMap[0].Name}, from {specKey})",
                target.At.File, target.At.Position, specKey, specKey);
        // A cluster's HelmRelease patch (the overlay MG0014 suggests): a HelmRelease document, whose values are its spec.values.
        var helmReleases = file.Documents.Where(d => d.Kind == "HelmRelease").ToList();
        if (helmReleases.Count == 1)
            return new ValueSource(ValueSourceKind.Patch, new ManagedDocument(target.RepoPath, DocumentRef.Of(helmReleases[0])), YamlPath.Keys("spec", "values"),
                $"{target.RepoPath} spec.values (HelmRelease {helmReleases[0].Name}, from {specKey})");
        // Any other Kubernetes object is not values: writing chart values at its top level would do nothing.
        if (file.Documents.FirstOrDefault(d => d.ApiVersion is not null && d.Kind is not null) is { } other)
            throw new InvalidInputException(Diagnostic.Of(DiagnosticCodes.TargetWrongKind, target.At.File, target.At.Position,
                $"{specKey} names {target.AsWritten}, which holds {(helmReleases.Count > 1 ? $"{helmReleases.Count} HelmReleases" : $"a {other.Kind}")}: " +
                "neither a values file, nor one HelmRelease (a patch whose spec.values Flux merges), nor a ConfigMap holding values",
                "name a values file a configMapGenerator reads, a ConfigMap manifest with the values block, or the cluster's HelmRelease patch"));
        return new ValueSource(ValueSourceKind.ValuesFile, new ManagedDocument(target.RepoPath, new DocumentRef("", null, null)), YamlPath.Root,
            $"{target.RepoPath} (from {specKey})");
    }

    private static InvalidInputException Refuse(string file, SourcePosition? at, string message, string specKey) =>
        new(Diagnostic.Of(DiagnosticCodes.ValuesNotEditable, file, at, message,
            $"manifestgen edits values in spec.values, in a values file a configMapGenerator reads, or in a ConfigMap manifest's block; for other layouts (such as per-cluster overlays) name the file to edit with {specKey}: PATH"));

    private static string? Text(MappingNode map, string key) => (map.Find(key)?.Value as ScalarNode)?.Value;
}
