using ManifestGen.Yaml;

namespace ManifestGen.Modules.Cilium;

/// <summary>Writes <c>spec.cilium</c> from the model, the keys in the reader's order (the inverse of <see cref="CiliumSpecReader"/>).</summary>
public static class CiliumSpecWriter
{
    public static YamlMap Write(CiliumTuning cilium)
    {
        var entries = new List<KeyValuePair<string, YamlValue>> { new("helmRelease", YamlValue.Scalar(cilium.HelmRelease.AsWritten)) };
        if (cilium.Values is { } values) entries.Add(new("values", YamlValue.Scalar(values.AsWritten)));
        if (cilium.Conntrack is { Entries.Count: > 0 } conntrack)
            entries.Add(new("conntrack", new YamlMap(CiliumFacts.Conntrack
                .Select(s => conntrack[s.SpecKey]).OfType<ConntrackEntry>()
                .Select(e => new KeyValuePair<string, YamlValue>(e.Setting.SpecKey, new YamlScalar(e.Scalar))).ToList())));
        if (cilium.RollOutPods is { } rollOut) entries.Add(new("rollOutPods", YamlValue.Scalar(rollOut)));
        return new YamlMap(entries);
    }
}
