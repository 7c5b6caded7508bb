using ManifestGen.Diagnostics;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Lint;

/// <summary>
/// Lints of any HelmRelease, whatever its chart: an API version Flux deprecated (MG0005), and post-renderer fields
/// Flux v2 removed (MG0006).
/// </summary>
public static class HelmReleaseLints
{
    public static IEnumerable<Diagnostic> Lint(string path, RepositoryWorkspace workspace)
    {
        YamlFile? file;
        try
        {
            file = workspace.ReadOriginalYaml(path);
        }
        catch (InvalidInputException)
        {
            yield break; // reported by the run itself
        }
        if (file is null) yield break;
        foreach (var doc in file.Documents.Where(d => d.Kind == "HelmRelease"))
        {
            var select = DocumentSelector.At(doc.Index);
            if (doc.ApiVersion is "helm.toolkit.fluxcd.io/v2beta1" or "helm.toolkit.fluxcd.io/v2beta2"
                && Get(file, select, YamlPath.Keys("apiVersion")) is { } api)
                yield return Diagnostic.Of(DiagnosticCodes.OldHelmReleaseApi, path, file.Source.PositionOf(api.ContentStart),
                    $"HelmRelease {doc.Name} uses {doc.ApiVersion}, which Flux deprecated for helm.toolkit.fluxcd.io/v2",
                    "change apiVersion to helm.toolkit.fluxcd.io/v2 (and post-renderer patches to patches[] with a target)");
            if (Get(file, select, YamlPath.Keys("spec", "postRenderers")) is not SequenceNode renderers) continue;
            foreach (var item in renderers.Items.OfType<MappingNode>())
            {
                if (item.Find("kustomize")?.Value is not MappingNode kustomize) continue;
                foreach (var removed in new[] { "patchesStrategicMerge", "patchesJson6902" })
                    if (kustomize.Find(removed) is { } e)
                        yield return Diagnostic.Of(DiagnosticCodes.RemovedPatchFields, path, file.Source.PositionOf(e.Key.ContentStart),
                            $"post-renderer field {removed} was removed from helm.toolkit.fluxcd.io/v2; Flux ignores or rejects it",
                            "move each patch to kustomize.patches[] with a target");
            }
        }
    }

    private static YamlNode? Get(YamlFile file, DocumentSelector doc, YamlPath path) => YamlEditor.TryGet(file, doc, path);
}
