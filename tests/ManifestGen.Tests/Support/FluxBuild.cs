using ManifestGen.Repository;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Tests.Support;

/// <summary>
/// What kustomize-controller builds for a Flux Kustomization, by the real kustomize: the folder its spec.path names,
/// with its spec.components and spec.patches added (a wrapper kustomization beside the tree, built with
/// <c>kubectl kustomize</c>). postBuild substitutions are not applied: a name written as <c>${APP}</c> stays as written.
/// </summary>
public static class FluxBuild
{
    public static string Render(string root, FluxKustomizations kustomizations, FluxKustomization k)
    {
        var workspace = new RepositoryWorkspace(RepositoryRoot.ForFolder(root, root));
        var folder = kustomizations.FolderOf(k) ?? throw new InvalidOperationException($"{k}: no such folder");
        var spec = YamlValue.At(YamlValue.FromNode(workspace.ReadYaml(k.File).Documents[k.Index].Root), "spec") as YamlMap ?? YamlMap.Empty;
        var wrapper = Path.Combine(Path.GetTempPath(), "manifestgen-fluxbuild-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(wrapper);
        try
        {
            string FromWrapper(string repoPath) => Path.GetRelativePath(wrapper, Path.Combine(root, repoPath)).Replace('\\', '/');
            var components = ((spec.Get("components") as YamlSeq)?.Items ?? []).Select(c => FromWrapper(Path.Combine(folder, YamlValue.TextOf(c)!))).ToList();
            var text = $"apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - {FromWrapper(folder)}\n";
            if (components.Count > 0) text += "components:\n" + string.Concat(components.Select(c => $"  - {c}\n"));
            if (spec.Get("patches") is YamlSeq patches) text += "patches:\n" + Indent(YamlWriter.Document(patches));
            File.WriteAllText(Path.Combine(wrapper, "kustomization.yaml"), text);
            return Kubectl.Kustomize(wrapper);
        }
        finally
        {
            Directory.Delete(wrapper, true);
        }
    }

    private static string Indent(string yaml) => string.Concat(yaml.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => "  " + l + "\n"));
}
