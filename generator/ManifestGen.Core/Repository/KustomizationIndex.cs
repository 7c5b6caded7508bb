using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Repository;

/// <summary>
/// Whether any kustomization.yaml of the repository names a file: as a resource, a patch, or a file of
/// a configMapGenerator. A file none of them names is not applied by Flux, so editing it changes nothing.
/// </summary>
public static class KustomizationIndex
{
    private static readonly string[] Names = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

    public static bool IsReferenced(RepositoryWorkspace workspace, string repoPath)
    {
        var target = workspace.Root.Full(repoPath);
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        foreach (var full in Directory.EnumerateFiles(workspace.Root.FullPath, "*", options))
        {
            if (!Names.Contains(Path.GetFileName(full), StringComparer.Ordinal)) continue;
            var relative = workspace.Root.Relative(full);
            if (relative.StartsWith(".git/", StringComparison.Ordinal)) continue;
            YamlValue data;
            try
            {
                data = YamlValue.FromNode(workspace.ReadYaml(relative).Documents.FirstOrDefault(d => d.Root is MappingNode)?.Root);
            }
            catch (Diagnostics.InvalidInputException)
            {
                continue;
            }
            var dir = Path.GetDirectoryName(full)!;
            if (Referenced(data).Any(p => Path.GetFullPath(Path.Combine(dir, p)) == target)) return true;
        }
        return false;
    }

    private static IEnumerable<string> Referenced(YamlValue data)
    {
        if (data is not YamlMap map) yield break;
        foreach (var key in new[] { "resources", "patchesStrategicMerge", "components" })
            foreach (var item in (map.Get(key) as YamlSeq)?.Items ?? [])
                if (YamlValue.TextOf(item) is { } path) yield return path;
        foreach (var patch in (map.Get("patches") as YamlSeq)?.Items.OfType<YamlMap>() ?? [])
            if (YamlValue.TextOf(patch.Get("path")) is { } path) yield return path;
        foreach (var generator in (map.Get("configMapGenerator") as YamlSeq)?.Items.OfType<YamlMap>() ?? [])
            foreach (var file in (generator.Get("files") as YamlSeq)?.Items ?? [])
                if (YamlValue.TextOf(file) is { } entry) yield return entry[(entry.IndexOf('=') + 1)..].Trim();
    }

}
