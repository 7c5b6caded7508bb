using ManifestGen.Yaml;

namespace ManifestGen.Modules.Trident;

/// <summary>Writes <c>spec.trident</c> from the model, the keys in the reader's order (the inverse of <see cref="TridentSpecReader"/>).</summary>
public static class TridentSpecWriter
{
    public static YamlMap Write(TridentTuning trident)
    {
        var entries = new List<KeyValuePair<string, YamlValue>>();
        if (trident.Backend is { } b)
        {
            var backend = new List<KeyValuePair<string, YamlValue>> { new("file", YamlValue.Scalar(b.File.AsWritten)) };
            if (b.Name is { } name) backend.Add(new("name", YamlValue.Scalar(name)));
            if (b.LimitVolumeSize is { } limit) backend.Add(new("limitVolumeSize", YamlValue.Scalar(limit.Text)));
            entries.Add(new("backend", new YamlMap(backend)));
        }
        if (trident.Orchestrator is { } o)
        {
            var orchestrator = new List<KeyValuePair<string, YamlValue>> { new("helmRelease", YamlValue.Scalar(o.HelmRelease.AsWritten)) };
            if (o.Values is { } values) orchestrator.Add(new("values", YamlValue.Scalar(values.AsWritten)));
            if (o.Build is { } build) orchestrator.Add(new("build", YamlValue.Scalar(TridentFacts.NameOf(build))));
            if (o.K8sApiQps is { } qps) orchestrator.Add(new("k8sAPIQPS", YamlValue.Scalar(qps)));
            if (o.Resources is { Count: > 0 } resources)
                orchestrator.Add(new("resources", new YamlMap(resources.Select(r => new KeyValuePair<string, YamlValue>(r.Container,
                    Workloads.WorkloadSpecWriter.Resources(r.Resources))).ToList())));
            entries.Add(new("orchestrator", new YamlMap(orchestrator)));
        }
        return new YamlMap(entries);
    }
}
