using ManifestGen.Diagnostics;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Repository;

/// <summary>
/// Whether Flux applies a file, by the kustomizations of the repository (the one answer every phase uses): a
/// kustomization lists a path when its <c>resources</c> (or <c>components</c>) name the file or a folder holding it;
/// it references a file when any of its lists names it (<c>resources</c>, <c>components</c>,
/// <c>patchesStrategicMerge</c>, <c>patches[].path</c>, a <c>configMapGenerator</c>'s <c>files</c>). Kustomizations
/// are <c>kustomization.yaml</c>, <c>kustomization.yml</c> or <c>Kustomization</c>, as kustomize reads them.
/// </summary>
public static class KustomizationReach
{
    public static readonly IReadOnlyList<string> FileNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

    /// <summary>The nearest kustomization at or above <paramref name="repoPath"/>'s folder that lists it (or a folder holding it), if any.</summary>
    public static string? ListingOf(RepositoryWorkspace workspace, string repoPath, bool isFolder = false)
    {
        var dir = isFolder ? repoPath : Path.GetDirectoryName(repoPath)?.Replace('\\', '/') ?? "";
        var target = workspace.Root.Full(repoPath);
        var parts = dir.Length == 0 ? [] : dir.Split('/');
        // A folder is listed by a kustomization above it, not by its own.
        for (var depth = isFolder ? parts.Length - 1 : parts.Length; depth >= 0; depth--)
        {
            var ancestor = string.Join('/', parts.Take(depth));
            foreach (var path in KustomizationsIn(workspace, ancestor))
                foreach (var listed in Listed(workspace, path, includeFiles: false))
                    if (target == listed || target.StartsWith(listed + Path.DirectorySeparatorChar, StringComparison.Ordinal)) return path;
        }
        return null;
    }

    /// <summary>Whether any kustomization of the repository names the file in one of its lists.</summary>
    public static bool IsReferenced(RepositoryWorkspace workspace, string repoPath)
    {
        var target = workspace.Root.Full(repoPath);
        foreach (var path in RepositoryScan.Files(workspace, workspace.Root.FullPath, FileNames))
            if (Listed(workspace, path, includeFiles: true).Any(p => p == target)) return true;
        return false;
    }

    private static readonly EnumerationOptions Options = new() { IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };

    /// <summary>
    /// Every file a build of <paramref name="folder"/> (relative to the root) reads, as full paths: what Flux applies from a
    /// Kustomization whose <c>spec.path</c> is that folder. A folder with a kustomization builds what it names (resources
    /// and components, followed into folders; patch and generator files); one without is every YAML file below it, as
    /// kustomize-controller generates a kustomization for it. Bounded: a folder is followed once.
    /// </summary>
    public static IReadOnlySet<string> BuiltFrom(RepositoryWorkspace workspace, string folder)
    {
        var files = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Folder(string full)
        {
            if (!seen.Add(full) || !workspace.Root.Contains(full) || !Directory.Exists(full)) return;
            var repoPath = workspace.Root.Relative(full);
            var kustomization = KustomizationsIn(workspace, repoPath == "." ? "" : repoPath).FirstOrDefault();
            if (kustomization is null)
            {
                // kustomize-controller's generated kustomization: the folder's own YAML files, and each subfolder either
                // by its kustomization (not entered further) or, without one, by the same rule.
                foreach (var file in Directory.EnumerateFiles(full, "*", Options))
                    if (file.EndsWith(".yaml", StringComparison.Ordinal) || file.EndsWith(".yml", StringComparison.Ordinal)) files.Add(file);
                foreach (var sub in Directory.EnumerateDirectories(full, "*", Options))
                    if (!Path.GetFileName(sub).StartsWith('.')) Folder(sub);
                return;
            }
            files.Add(workspace.Root.Full(kustomization));
            foreach (var listed in Listed(workspace, kustomization, includeFiles: true))
                if (Directory.Exists(listed)) Folder(listed);
                else files.Add(listed);
        }
        Folder(workspace.Root.Full(folder));
        return files;
    }

    private static IEnumerable<string> KustomizationsIn(RepositoryWorkspace workspace, string dir)
    {
        foreach (var name in FileNames)
        {
            var path = (dir.Length == 0 ? "" : dir + "/") + name;
            if (workspace.Exists(path)) yield return path;
        }
    }

    /// <summary>The full paths a kustomization names: its resources and components, and with <paramref name="includeFiles"/> its patch and generator files.</summary>
    private static IEnumerable<string> Listed(RepositoryWorkspace workspace, string kustomizationPath, bool includeFiles)
    {
        YamlValue data;
        try
        {
            var file = workspace.ReadYaml(kustomizationPath);
            data = YamlValue.FromNode(TargetReads.KustomizationDocument(file, kustomizationPath).Root);
        }
        catch (InvalidInputException)
        {
            yield break;
        }
        if (data is not YamlMap map) yield break;
        var dir = Path.GetDirectoryName(workspace.Root.Full(kustomizationPath))!;
        string Full(string p) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.Combine(dir, p)));
        foreach (var key in includeFiles ? new[] { "resources", "components", "patchesStrategicMerge" } : ["resources", "components"])
            foreach (var item in (map.Get(key) as YamlSeq)?.Items ?? [])
                if (YamlValue.TextOf(item) is { } path) yield return Full(path);
        if (!includeFiles) yield break;
        foreach (var patch in (map.Get("patches") as YamlSeq)?.Items.OfType<YamlMap>() ?? [])
            if (YamlValue.TextOf(patch.Get("path")) is { } path) yield return Full(path);
        foreach (var generator in (map.Get("configMapGenerator") as YamlSeq)?.Items.OfType<YamlMap>() ?? [])
            foreach (var file in (generator.Get("files") as YamlSeq)?.Items ?? [])
                if (YamlValue.TextOf(file) is { } entry) yield return Full(entry[(entry.IndexOf('=') + 1)..].Trim());
    }
}
