using ManifestGen.Yaml;

namespace ManifestGen.Modules.Workloads;

/// <summary>
/// Writes <c>spec.workloads</c> from the model (the inverse of <see cref="WorkloadSpecReader"/>): containers with
/// the same flags, and then containers with the same resources, share one group, as a person would write them.
/// </summary>
public static class WorkloadSpecWriter
{
    /// <param name="relative">Turns a path relative to the repository into one relative to the spec's folder.</param>
    public static YamlSeq Write(IReadOnlyList<WorkloadTuning> workloads, Func<string, string> relative) =>
        new(workloads.Select(w => (YamlValue)Write(w, relative)).ToList());

    private static YamlMap Write(WorkloadTuning w, Func<string, string> relative)
    {
        var target = new List<KeyValuePair<string, YamlValue>> { new("kind", YamlValue.Scalar(w.Target.Kind)) };
        if (w.Target.Namespace is { } ns) target.Add(new("namespace", YamlValue.Scalar(ns)));
        target.Add(new("name", YamlValue.Scalar(w.Target.Name)));
        var entries = new List<KeyValuePair<string, YamlValue>>
        {
            new("name", YamlValue.Scalar(w.Name)),
            new("target", new YamlMap(target)),
            new("delivery", YamlValue.Scalar(WorkloadSpecReader.DeliveryName(w.Delivery))),
        };
        if (w.KustomizationDir is { } k) entries.Add(new("kustomization", YamlValue.Scalar(relative(k))));
        if (w.OutputRepoPath is { } output) entries.Add(new("output", YamlValue.Scalar(relative(output))));
        if (w.HelmRelease is { } hr) entries.Add(new("helmRelease", YamlValue.Scalar(hr.AsWritten)));
        if (w.Observed is { } observed) entries.Add(new("observed", YamlValue.Scalar(observed.AsWritten)));

        var groups = new List<YamlValue>();
        foreach (var g in w.Containers.Where(c => c.Flags.Count > 0).GroupBy(c => string.Join('\n', c.Flags.Select(f => f.Joined))))
            groups.Add(new YamlMap(
            [
                new("names", Names(g)),
                new("flags", new YamlMap(g.First().Flags.Select(f => new KeyValuePair<string, YamlValue>(f.Flag,
                    new YamlScalar(ScalarValue.String(f.Value), ScalarStyle.DoubleQuoted))).ToList())),
            ]));
        foreach (var g in w.Containers.Where(c => !c.Resources.IsEmpty).GroupBy(c => Key(c.Resources)))
            groups.Add(new YamlMap([new("names", Names(g)), new("resources", Resources(g.First().Resources))]));
        entries.Add(new("containers", new YamlSeq(groups)));
        return new YamlMap(entries);
    }

    /// <summary><c>requests</c> and <c>limits</c>, each only when it sets something.</summary>
    public static YamlMap Resources(ResourceSettings resources)
    {
        var entries = new List<KeyValuePair<string, YamlValue>>();
        foreach (var (kind, list) in new[] { ("requests", resources.Requests), ("limits", resources.Limits) })
            if (list.Count > 0) entries.Add(new(kind, new YamlMap(list.Select(q => new KeyValuePair<string, YamlValue>(q.Key, YamlValue.Scalar(q.Value))).ToList())));
        return new YamlMap(entries);
    }

    private static YamlSeq Names(IEnumerable<ContainerIntent> group) => new(group.Select(c => (YamlValue)YamlValue.Scalar(c.Name)).ToList());

    private static string Key(ResourceSettings r) =>
        string.Join('\n', r.Requests.Select(q => $"requests.{q.Key}={q.Value}").Concat(r.Limits.Select(q => $"limits.{q.Key}={q.Value}")));
}
