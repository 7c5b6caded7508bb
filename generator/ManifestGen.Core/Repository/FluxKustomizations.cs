using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Repository;

/// <summary>One Flux Kustomization (<c>kustomize.toolkit.fluxcd.io</c>): where it is written, and the folder it applies.</summary>
public sealed record FluxKustomization(string Name, string? Namespace, string File, SourcePosition At, string Path, bool Substitutes)
{
    public override string ToString() => $"Kustomization {(Namespace is null ? "" : Namespace + "/")}{Name} ({File}:{At.Line}, path {Path})";
}

/// <summary>
/// The Flux Kustomizations of a repository and the files each applies. A file that several of them apply (one base
/// HelmRelease under <c>apps/base/</c>, reached from <c>clusters/main/</c> and <c>clusters/test/</c>) belongs to every
/// cluster they stand for: a tuning of it tunes them all.
/// </summary>
public sealed class FluxKustomizations
{
    private readonly RepositoryWorkspace workspace;
    private readonly Dictionary<FluxKustomization, IReadOnlySet<string>> built = [];

    private FluxKustomizations(RepositoryWorkspace workspace, IReadOnlyList<FluxKustomization> all)
    {
        this.workspace = workspace;
        All = all;
    }

    public IReadOnlyList<FluxKustomization> All { get; }

    /// <summary>Every Flux Kustomization of the repository (only files with a <c>kind: Kustomization</c> line are parsed).</summary>
    public static FluxKustomizations Of(RepositoryWorkspace workspace)
    {
        var found = new List<FluxKustomization>();
        foreach (var (file, document) in RepositoryScan.Of(workspace, workspace.Root.FullPath, mentions: "kind: Kustomization").Documents)
        {
            if (document.Kind != "Kustomization" || document.ApiVersion?.StartsWith("kustomize.toolkit.fluxcd.io/", StringComparison.Ordinal) != true) continue;
            var data = YamlValue.FromNode(document.Root);
            if (YamlValue.TextOf(YamlValue.At(data, "spec", "path")) is not { } path) continue;
            var postBuild = YamlValue.At(data, "spec", "postBuild") as YamlMap;
            var substitutes = postBuild?.Get("substitute") is not null || postBuild?.Get("substituteFrom") is not null;
            var at = workspace.ReadYaml(file).Source.PositionOf(document.Root!.Start);
            found.Add(new FluxKustomization(document.Name ?? "", document.Namespace, file, at, path, substitutes));
        }
        return new FluxKustomizations(workspace, found);
    }

    /// <summary>The Kustomizations whose build applies <paramref name="repoPath"/>, in file order.</summary>
    public IReadOnlyList<FluxKustomization> Reaching(string repoPath)
    {
        var full = workspace.Root.Full(repoPath);
        return All.Where(k => Built(k).Contains(full)).ToList();
    }

    private IReadOnlySet<string> Built(FluxKustomization k)
    {
        if (built.TryGetValue(k, out var files)) return files;
        // spec.path is relative to the source's root, which for the repository's own GitRepository is this root.
        return built[k] = KustomizationReach.BuiltFrom(workspace, k.Path.TrimStart('/') is { Length: > 0 } folder ? folder : ".");
    }
}
