using System.Globalization;
using ManifestGen.Repository;
using ManifestGen.Spec;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Live;

/// <summary>The checks the components' live checks share: a duration or a count in a ConfigMap, resources by container, and where a release runs.</summary>
public static class LiveChecks
{
    public static TuningCheck Duration(string name, string key, string wantedText, decimal wanted, YamlMap? config, LiveRef configRef)
    {
        var liveText = config is null ? null : YamlValue.TextOf(YamlValue.At(config, "data", key));
        if (config is null) return new TuningCheck(name, TuningStatus.Unknown, "(not in the input)", $"{key}={wantedText}", configRef);
        var status = LiveValues.Duration(liveText) == wanted ? TuningStatus.InEffect : TuningStatus.NotInEffect;
        return new TuningCheck(name, status, liveText is null ? $"{key} absent" : $"{key}={liveText}", $"{key}={wantedText}", configRef);
    }

    public static TuningCheck Count(string name, string key, long wanted, YamlMap? config, LiveRef configRef)
    {
        var liveText = config is null ? null : YamlValue.TextOf(YamlValue.At(config, "data", key));
        var wantedText = $"{key}={wanted.ToString(CultureInfo.InvariantCulture)}";
        if (config is null) return new TuningCheck(name, TuningStatus.Unknown, "(not in the input)", wantedText, configRef);
        var same = long.TryParse(liveText?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n == wanted;
        return new TuningCheck(name, same ? TuningStatus.InEffect : TuningStatus.NotInEffect, liveText is null ? $"{key} absent" : $"{key}={liveText}", wantedText, configRef);
    }

    /// <summary>Each resource key of a container, compared as quantities.</summary>
    public static void Resources(string prefix, string containerName, IReadOnlyList<KeyValuePair<string, string>> requests,
        IReadOnlyList<KeyValuePair<string, string>> limits, YamlMap? obj, IReadOnlyDictionary<string, YamlMap> containers, LiveRef reference, List<TuningCheck> checks)
    {
        var container = containers.GetValueOrDefault(containerName);
        foreach (var (kind, list) in new[] { ("requests", requests), ("limits", limits) })
        {
            foreach (var (key, wanted) in list)
            {
                var name = $"{prefix} {kind}.{key}";
                if (obj is null) { checks.Add(new TuningCheck(name, TuningStatus.Unknown, "(not in the input)", wanted, reference)); continue; }
                var value = container is null ? null : YamlValue.TextOf(YamlValue.At(container, "resources", kind, key));
                checks.Add(new TuningCheck(name, LiveValues.SameQuantity(value, wanted) ? TuningStatus.InEffect : TuningStatus.NotInEffect,
                    container is null ? $"no container {containerName}" : value ?? "(absent)", wanted, reference));
            }
        }
    }

    /// <summary>A live object's containers by name.</summary>
    public static Dictionary<string, YamlMap> Containers(YamlMap? obj)
    {
        var result = new Dictionary<string, YamlMap>(StringComparer.Ordinal);
        foreach (var c in (YamlValue.At(obj, "spec", "template", "spec", "containers") as YamlSeq)?.Items.OfType<YamlMap>() ?? [])
            if (YamlValue.TextOf(c.Get("name")) is { } name) result.TryAdd(name, c);
        return result;
    }

    public static long? Number(YamlValue? value) =>
        long.TryParse(YamlValue.TextOf(value), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>
    /// Where helm-controller installs a release: spec.targetNamespace, else the HelmRelease's namespace; where the file
    /// names none, the namespace the Flux Kustomizations apply it in (their targetNamespace, a kustomization's
    /// namespace), when they agree on one.
    /// </summary>
    public static string? ReleaseNamespace(RepositoryWorkspace workspace, TargetFile helmRelease)
    {
        var doc = TargetDocuments.TryFind(workspace, helmRelease, "HelmRelease");
        return YamlValue.TextOf(YamlValue.At(YamlValue.FromNode(doc?.Root), "spec", "targetNamespace")) ?? doc?.Namespace
            ?? (doc is null ? null : AppliedNamespace(workspace, helmRelease.RepoPath, doc.Index));
    }

    private static string? AppliedNamespace(RepositoryWorkspace workspace, string repoPath, int index)
    {
        if (FluxKustomizations.Of(workspace) is not { All.Count: > 0 } all) return null;
        var namespaces = FluxApplied.Of(workspace, all).HelmReleases.Where(a => a.RepoPath == repoPath && a.Index == index)
            .Select(a => a.Namespace).Distinct().ToList();
        return namespaces is [{ } one] ? one : null;
    }
}
