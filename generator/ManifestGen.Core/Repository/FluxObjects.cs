using ManifestGen.Diagnostics;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Repository;

/// <summary>
/// Finds an object a HelmRelease refers to (its HelmRepository, OCIRepository, HelmChart or GitRepository) by kind
/// and name, nearest first: the HelmRelease's own file, the YAML files beside it, the files of each folder above it,
/// then the whole repository (read once per run, and only files that mention the kind). A namespace, when the
/// reference or the HelmRelease names one, must match where the object names one.
/// </summary>
public sealed class FluxObjects(RepositoryWorkspace workspace)
{
    private List<(string Path, YamlDocumentNode Doc)>? everything;

    public sealed record Found(string RepoPath, YamlDocumentNode Document, YamlMap Data, YamlFile File)
    {
        /// <summary>Where a path of the object stands in its file, or where the object starts.</summary>
        public SourcePosition PositionOf(YamlPath path)
        {
            try
            {
                if (YamlEditor.Get(File, DocumentSelector.At(Document.Index), path) is { } node) return File.Source.PositionOf(node.ContentStart);
            }
            catch (YamlEditException)
            {
                // a scalar where a mapping would be: the object's start will do
            }
            return File.Source.PositionOf(Document.Root?.ContentStart ?? 0);
        }
    }

    /// <summary>An object the caller already has (a HelmRelease), in the same shape.</summary>
    public Found Wrap(string repoPath, YamlDocumentNode document) => ToFound(repoPath, document, workspace.ReadYaml(repoPath));

    public Found? Find(string kind, string name, string? nameSpace, string nearRepoPath)
    {
        if (name.Length == 0) return null;
        var dir = Path.GetDirectoryName(nearRepoPath)?.Replace('\\', '/') ?? "";
        if (InFile(nearRepoPath, kind, name, nameSpace) is { } here) return here;
        for (var d = dir; ; d = Path.GetDirectoryName(d)?.Replace('\\', '/') ?? "")
        {
            foreach (var path in YamlFilesIn(d))
                if (path != nearRepoPath && InFile(path, kind, name, nameSpace) is { } found) return found;
            if (d.Length == 0) break;
        }
        everything ??= Everything();
        return everything.Where(e => Matches(e.Doc, kind, name, nameSpace)).Select(e => ToFound(e.Path, e.Doc, workspace.ReadYaml(e.Path))).FirstOrDefault();
    }

    private Found? InFile(string path, string kind, string name, string? nameSpace)
    {
        YamlFile file;
        try
        {
            file = workspace.ReadYaml(path);
        }
        catch (InvalidInputException)
        {
            return null;
        }
        var doc = file.Documents.FirstOrDefault(d => Matches(d, kind, name, nameSpace));
        return doc is null ? null : ToFound(path, doc, file);
    }

    private static bool Matches(YamlDocumentNode doc, string kind, string name, string? nameSpace) =>
        doc.Kind == kind && doc.Name == name && (nameSpace is null || doc.Namespace is null || doc.Namespace == nameSpace);

    private static Found ToFound(string path, YamlDocumentNode doc, YamlFile file) => new(path, doc, YamlValue.FromNode(doc.Root) as YamlMap ?? YamlMap.Empty, file);

    private IEnumerable<string> YamlFilesIn(string dir)
    {
        var full = workspace.Root.Full(dir.Length == 0 ? "." : dir);
        if (!Directory.Exists(full)) return [];
        return Directory.EnumerateFiles(full).Where(IsYaml).Select(workspace.Root.Relative).Order(StringComparer.Ordinal);
    }

    private List<(string, YamlDocumentNode)> Everything()
    {
        var result = new List<(string, YamlDocumentNode)>();
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        foreach (var full in Directory.EnumerateFiles(workspace.Root.FullPath, "*", options).Where(IsYaml).Order(StringComparer.Ordinal))
        {
            var path = workspace.Root.Relative(full);
            if (path.Split('/').Any(p => p.StartsWith('.'))) continue;
            try
            {
                var bytes = workspace.Read(path);
                // Only files that name a source kind are parsed: the rest cannot hold one.
                if (bytes is null) continue;
                var text = System.Text.Encoding.UTF8.GetString(bytes);
                if (!text.Contains("Repository", StringComparison.Ordinal) && !text.Contains("HelmChart", StringComparison.Ordinal)) continue;
                result.AddRange(workspace.ReadYaml(path).Documents.Where(d => d.Kind is not null).Select(d => (path, d)));
            }
            catch (InvalidInputException)
            {
                // not YAML the tool can read: it holds no source it can use
            }
        }
        return result;
    }

    private static bool IsYaml(string path) => path.EndsWith(".yaml", StringComparison.Ordinal) || path.EndsWith(".yml", StringComparison.Ordinal);
}
