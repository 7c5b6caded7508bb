using ManifestGen.Yaml;

namespace ManifestGen.Tests.Support;

/// <summary>What Flux hands a chart: the folder built by the real kustomize, then the values merged as helm-controller merges them.</summary>
public static class FluxValues
{
    /// <summary>kustomize build, then helm-controller's merge of the one HelmRelease's values.</summary>
    public static YamlValue Effective(string folder) => OfBuild(Kubectl.Kustomize(folder));

    /// <summary>helm-controller's merge of the values of the one HelmRelease (or the one of that name) of a build's output.</summary>
    public static YamlValue OfBuild(string rendered, string? helmRelease = null)
    {
        var objects = YamlFile.Parse(rendered).Documents.Where(d => d.Root is not null).ToList();
        var release = (YamlMap)YamlValue.FromNode(Assert.Single(objects, d => d.Kind == "HelmRelease" && (helmRelease is null || d.Name == helmRelease)).Root);
        var spec = (YamlMap)release.Get("spec")!;
        YamlValue merged = YamlMap.Empty;
        foreach (var reference in (spec.Get("valuesFrom") as YamlSeq)?.Items.Cast<YamlMap>() ?? [])
        {
            var name = Text(reference.Get("name"));
            var key = Text(reference.Get("valuesKey")) ?? "values.yaml";
            var configMap = (YamlMap)YamlValue.FromNode(Assert.Single(objects, d => d.Kind == "ConfigMap" && d.Name == name).Root);
            var document = Text(((YamlMap)configMap.Get("data")!).Get(key))!;
            merged = Merge(merged, YamlValue.FromNode(YamlFile.Parse(document).Documents[0].Root));
        }
        return spec.Get("values") is { } inline ? Merge(merged, inline) : merged;
    }

    private static YamlValue Merge(YamlValue into, YamlValue from)
    {
        if (into is not YamlMap a || from is not YamlMap b) return from;
        foreach (var (key, value) in b.Entries)
            a = a.With(key, a.Get(key) is { } existing ? Merge(existing, value) : value);
        return a;
    }

    private static string? Text(YamlValue? value) => (value as YamlScalar)?.Value.Text;
}
