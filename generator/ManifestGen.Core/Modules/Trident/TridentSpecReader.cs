using ManifestGen.Diagnostics;
using ManifestGen.Modules.Workloads;
using ManifestGen.Spec;
using ManifestGen.Yaml;

namespace ManifestGen.Modules.Trident;

/// <summary>Reads <c>spec.trident</c>: the backend and the orchestrator, with the build names and containers of <see cref="TridentFacts"/>.</summary>
internal static class TridentSpecReader
{
    public const string Section = "trident";

    public static TridentTuning? Read(SpecReader r, MappingNode spec)
    {
        var map = r.Map(spec.Find(Section)?.Value, "spec.trident");
        if (map is null) return null;
        r.Keys(map, "spec.trident", "backend", "orchestrator");

        TridentBackendTuning? backend = null;
        var backendEntry = map.Find("backend");
        if (r.Map(backendEntry?.Value, "spec.trident.backend") is { } b)
        {
            const string path = "spec.trident.backend";
            r.Keys(b, path, "file", "name", "limitVolumeSize");
            var file = r.Target(b, "file", path);
            var name = r.String(b, "name", path);
            VolumeSize? limit = null;
            if (b.Find("limitVolumeSize") is { } le)
            {
                var text = le.Value is ScalarNode s ? s.Value : "";
                if (!VolumeSize.TryParse(text, out limit, out var why))
                    r.Error(DiagnosticCodes.SpecBadQuantity, le.Value, $"{path}.limitVolumeSize: {why}");
            }
            if (file is not null) backend = new TridentBackendTuning(file, name, limit, r.At(backendEntry!));
        }

        TridentOrchestratorTuning? orchestrator = null;
        var orchEntry = map.Find("orchestrator");
        if (r.Map(orchEntry?.Value, "spec.trident.orchestrator") is { } o)
        {
            const string path = "spec.trident.orchestrator";
            r.Keys(o, path, "helmRelease", "values", "build", "k8sAPIQPS", "resources");
            var hr = r.Target(o, "helmRelease", path);
            var values = o.Find("values") is null ? null : r.Target(o, "values", path);
            var qps = r.Integer(o, "k8sAPIQPS", path, min: 1, max: 10_000);
            var build = r.OneOf(o, "build", path, [.. TridentFacts.Builds.Select(x => x.Name)]) is { } name ? TridentFacts.Parse(name) : null;
            var resources = ReadControllerResources(r, o, path);
            if (hr is not null) orchestrator = new TridentOrchestratorTuning(hr, qps, r.At(orchEntry!), build, resources, values);
        }
        return backend is null && orchestrator is null ? null : new TridentTuning(backend, orchestrator);
    }

    private static IReadOnlyList<ControllerResources> ReadControllerResources(SpecReader r, MappingNode orchestrator, string path)
    {
        var result = new List<ControllerResources>();
        if (r.Map(orchestrator.Find("resources")?.Value, $"{path}.resources") is not { } map) return result;
        var containers = TridentFacts.ControllerContainers;
        foreach (var entry in map.Entries)
        {
            var name = entry.KeyText ?? "";
            var cpath = $"{path}.resources.{name}";
            if (!containers.Contains(name, StringComparer.Ordinal))
            {
                var near = NameSuggester.Nearest(name, containers);
                r.Error(DiagnosticCodes.SpecBadValue, entry.Key,
                    $"{path}.resources: '{name}' is not a container NetApp's chart sets resources for; it sets {string.Join(", ", containers)}",
                    near is not null ? $"did you mean '{near}'?" : "other containers (QNAP's storage-api-server) need a workload tuning");
                continue;
            }
            if (r.Map(entry.Value, cpath) is not { } res)
            {
                if (entry.Value is ScalarNode) r.Error(DiagnosticCodes.SpecWrongType, entry.Value, $"{cpath} must be a mapping with requests and limits");
                continue;
            }
            r.Keys(res, cpath, "requests", "limits");
            var requests = new List<KeyValuePair<string, string>>();
            var limits = new List<KeyValuePair<string, string>>();
            r.Quantities(res, "requests", cpath, requests);
            r.Quantities(res, "limits", cpath, limits);
            result.Add(new ControllerResources(name, new ResourceSettings(requests, limits), r.At(entry)));
        }
        return result;
    }
}
