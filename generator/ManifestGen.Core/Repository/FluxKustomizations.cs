using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Repository;

/// <summary>One Flux Kustomization (<c>kustomize.toolkit.fluxcd.io</c>): where it is written, and the folder it applies.</summary>
/// <param name="Index">Its document's index in <paramref name="File"/>.</param>
public sealed record FluxKustomization(string Name, string? Namespace, string File, SourcePosition At, string Path, bool Substitutes, int Index = 0)
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
        foreach (var (file, document) in RepositoryScan.Of(workspace, workspace.Root.FullPath, mentions: "apiVersion: kustomize.toolkit.fluxcd.io").Documents)
        {
            if (document.Kind != "Kustomization" || document.ApiVersion?.StartsWith("kustomize.toolkit.fluxcd.io/", StringComparison.Ordinal) != true) continue;
            // A few fields, read from the nodes: a whole document's values are not needed here.
            if (YamlValue.TextOf(YamlValue.FromNode(document.At("spec", "path"))) is not { } path) continue;
            var substitutes = document.At("spec", "postBuild", "substitute") is not null || document.At("spec", "postBuild", "substituteFrom") is not null;
            var at = workspace.ReadYaml(file).Source.PositionOf(document.Root!.Start);
            found.Add(new FluxKustomization(document.Name ?? "", document.Namespace, file, at, path, substitutes, document.Index));
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
        return built[k] = FolderOf(k) is { } folder ? KustomizationReach.BuiltFrom(workspace, folder) : new HashSet<string>();
    }

    /// <summary>
    /// The folder a Kustomization's <c>spec.path</c> names, relative to the root, or null when the repository has no
    /// such folder. The path is relative to the root of its source: the repository's root for its own GitRepository,
    /// or a folder of it that an OCIRepository or ExternalArtifact is built from (<c>path: ./apps/base/x</c> beside
    /// <c>kubernetes/apps/base/x</c>), found as the outermost folder on the way to the Kustomization's own file that
    /// holds it.
    /// </summary>
    public string? FolderOf(FluxKustomization k)
    {
        var path = k.Path.Trim().TrimStart('.').Trim('/');
        var dir = System.IO.Path.GetDirectoryName(k.File)?.Replace('\\', '/') ?? "";
        for (var root = ""; ; )
        {
            var candidate = root.Length == 0 ? (path.Length == 0 ? "." : path) : path.Length == 0 ? root : root + "/" + path;
            if (System.IO.Directory.Exists(workspace.Root.Full(candidate))) return candidate;
            // The next folder down towards the Kustomization's file: kubernetes, then kubernetes/clusters, ...
            var next = dir.Split('/', StringSplitOptions.RemoveEmptyEntries).Take(root.Length == 0 ? 1 : root.Split('/').Length + 1).ToArray();
            var nextRoot = string.Join('/', next);
            if (nextRoot == root || nextRoot.Length == 0) return null;
            root = nextRoot;
        }
    }
}
