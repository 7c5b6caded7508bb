
namespace ManifestGen.Values;

/// <summary>How a source holds a HelmRelease's values.</summary>
public enum ValueSourceKind
{
    /// <summary><c>spec.values</c> of the HelmRelease itself.</summary>
    Inline,
    /// <summary>A values file that a kustomization's <c>configMapGenerator</c> turns into the ConfigMap.</summary>
    ValuesFile,
    /// <summary>A ConfigMap manifest whose <c>data.&lt;valuesKey&gt;</c> literal block holds the values.</summary>
    ConfigMapBlock,
    /// <summary>
    /// <c>spec.values</c> of a HelmRelease patch (a cluster's overlay) that kustomize merges over the base before Flux
    /// applies it: it comes after every source of the base, so what it sets is what the cluster gets.
    /// </summary>
    Patch,
}
