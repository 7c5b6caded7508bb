using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Repository;

/// <summary>Whether Flux would apply a path: whether a kustomization.yaml above it lists it or a folder holding it.</summary>
public static class FluxReach
{
    /// <summary>The kustomization.yaml above <paramref name="dir"/> that lists it (or a folder holding it), if any.</summary>
    public static string? ListingKustomization(RepositoryWorkspace workspace, string dir) => Listing(workspace, dir, dir, dir.Split('/').Length - 1);

    /// <summary>The kustomization.yaml above a file that lists it (or a folder holding it), if any.</summary>
    public static string? ListingKustomizationOfFile(RepositoryWorkspace workspace, string repoPath) =>
        Path.GetDirectoryName(repoPath)?.Replace('\\', '/') is { Length: > 0 } dir
            ? Listing(workspace, dir, repoPath, dir.Split('/').Length)
            : Listing(workspace, "", repoPath, 0);

    private static string? Listing(RepositoryWorkspace workspace, string dir, string listedPath, int from)
    {
        var parts = dir.Split('/');
        for (var depth = from; depth >= 0; depth--)
        {
            var ancestor = string.Join('/', parts.Take(depth));
            var path = (ancestor.Length == 0 ? "" : ancestor + "/") + "kustomization.yaml";
            if (!workspace.Exists(path)) continue;
            var file = workspace.ReadYaml(path);
            var doc = TargetReads.KustomizationDocument(file, path);
            if (TargetReads.In(path, () => YamlEditor.GetValue(file, DocumentSelector.At(doc.Index), "resources")) is not YamlSeq resources) continue;
            foreach (var item in resources.Items.OfType<YamlScalar>())
            {
                var listed = Path.GetFullPath(Path.Combine(workspace.Root.Full(ancestor.Length == 0 ? "." : ancestor), item.Value.Text));
                var target = workspace.Root.Full(listedPath);
                if (target == listed || target.StartsWith(listed + Path.DirectorySeparatorChar, StringComparison.Ordinal)) return path;
            }
        }
        return null;
    }
}
