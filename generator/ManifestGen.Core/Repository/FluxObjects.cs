using System.Text;
using ManifestGen.Diagnostics;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Repository;

/// <summary>
/// Finds an object a HelmRelease refers to (its HelmRepository, OCIRepository, HelmChart or GitRepository) by kind
/// and name, nearest first: the HelmRelease's own file, the YAML files beside it, the files of each folder above it,
/// then the whole repository. Only a file whose text names both the kind and the name is parsed, so a search that
/// reaches the whole repository reads its bytes, not its YAML. A namespace, when the reference or the HelmRelease
/// names one, must match where the object names one.
/// </summary>
public sealed class FluxObjects(RepositoryWorkspace workspace)
{
    private IReadOnlyList<string>? everything;

    public sealed record Found(string RepoPath, YamlDocumentNode Document, YamlFile File)
    {
        private YamlMap? data;

        /// <summary>The object as data (for its small source specs: url, ref).</summary>
        public YamlMap Data => data ??= YamlValue.FromNode(Document.Root) as YamlMap ?? YamlMap.Empty;

        /// <summary>Where a path of the object stands in its file, or where the object starts.</summary>
        public SourcePosition PositionOf(YamlPath path) =>
            YamlEditor.TryGet(File, DocumentSelector.At(Document.Index), path) is { } node ? File.Source.PositionOf(node.ContentStart)
                : File.Source.PositionOf(Document.Root?.ContentStart ?? 0);
    }

    // What the search of the whole repository found for an object, or null where it found nothing (then the nearer
    // folders hold nothing either, and a second ask returns at once: every Kustomization's substituteFrom names
    // cluster-secrets, which a repository's Git does not hold).
    private readonly Dictionary<(string, string, string?), Found?> elsewhere = [];

    public Found? Find(string kind, string name, string? nameSpace, string nearRepoPath)
    {
        if (name.Length == 0 || (elsewhere.TryGetValue((kind, name, nameSpace), out var searched) && searched is null)) return null;
        var words = (Encoding.UTF8.GetBytes(kind), Encoding.UTF8.GetBytes(name));
        if (InFile(nearRepoPath, kind, name, nameSpace, words) is { } here) return here;
        var dir = Path.GetDirectoryName(nearRepoPath)?.Replace('\\', '/') ?? "";
        for (var d = dir; ; d = Path.GetDirectoryName(d)?.Replace('\\', '/') ?? "")
        {
            foreach (var path in YamlFilesIn(d))
                if (path != nearRepoPath && InFile(path, kind, name, nameSpace, words) is { } found) return found;
            if (d.Length == 0) break;
        }
        // The rest of the repository: the same answer from every folder (every Kustomization's substituteFrom names
        // cluster-settings), so it is searched once.
        if (elsewhere.TryGetValue((kind, name, nameSpace), out var known)) return known;
        everything ??= RepositoryScan.Files(workspace, workspace.Root.FullPath);
        Found? first = null;
        foreach (var path in everything)
            if (InFile(path, kind, name, nameSpace, words) is { } found)
            {
                first = found;
                break;
            }
        return elsewhere[(kind, name, nameSpace)] = first;
    }

    private Found? InFile(string path, string kind, string name, string? nameSpace, (byte[] Kind, byte[] Name) words)
    {
        YamlFile file;
        try
        {
            // Parse only what can hold the object: a file whose text names its kind and its name.
            if (workspace.Read(path) is not { } bytes || bytes.AsSpan().IndexOf(words.Kind) < 0 || bytes.AsSpan().IndexOf(words.Name) < 0) return null;
            file = workspace.ReadYaml(path);
        }
        catch (InvalidInputException)
        {
            return null;
        }
        var doc = file.Documents.FirstOrDefault(d => d.Kind == kind && d.Name == name && (nameSpace is null || d.Namespace is null || d.Namespace == nameSpace));
        return doc is null ? null : new Found(path, doc, file);
    }

    /// <summary>The same shape for an object the caller already holds (a HelmRelease).</summary>
    public Found Wrap(string repoPath, YamlDocumentNode document) => new(repoPath, document, workspace.ReadYaml(repoPath));

    private IEnumerable<string> YamlFilesIn(string dir)
    {
        var full = workspace.Root.Full(dir.Length == 0 ? "." : dir);
        if (!Directory.Exists(full)) return [];
        return Directory.EnumerateFiles(full).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Select(workspace.Root.Relative).Order(StringComparer.Ordinal);
    }
}
