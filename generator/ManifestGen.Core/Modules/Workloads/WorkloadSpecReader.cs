using System.Text.RegularExpressions;
using ManifestGen.Diagnostics;
using ManifestGen.Spec;
using ManifestGen.Yaml;
using k8s.Models;

namespace ManifestGen.Modules.Workloads;

/// <summary>Reads <c>spec.workloads</c>: container-level tuning by container name.</summary>
public static partial class WorkloadSpecReader
{
    public const string Section = "workloads";

    /// <summary>Kinds whose pod template sits at spec.template, with their API group and version.</summary>
    public static IReadOnlyDictionary<string, (string Group, string Version)> Kinds => WorkloadFacts.Kinds;

    public static string DeliveryName(WorkloadDelivery delivery) => WorkloadFacts.Deliveries.First(d => d.Delivery == delivery).Name;

    internal static IReadOnlyList<WorkloadTuning> Read(SpecReader r, MappingNode spec)
    {
        var entry = spec.Find(Section);
        var result = new List<WorkloadTuning>();
        if (entry is null || entry.Value is ScalarNode s && s.ToValue().Kind == ScalarKind.Null) return result;
        if (entry.Value is not SequenceNode seq)
        {
            r.Error(DiagnosticCodes.SpecWrongType, entry.Value, "spec.workloads must be a sequence");
            return result;
        }
        var names = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var outputs = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        for (var i = 0; i < seq.Items.Count; i++)
        {
            var path = $"spec.workloads[{i}]";
            if (r.Map(seq.Items[i], path) is not { } map)
            {
                if (seq.Items[i] is ScalarNode) r.Error(DiagnosticCodes.SpecWrongType, seq.Items[i], $"{path} must be a mapping");
                continue;
            }
            var workload = ReadOne(r, map, path);
            if (workload is null) continue;
            if (names.TryAdd(workload.Name, map)) { }
            else r.Error(DiagnosticCodes.SpecDuplicate, map.Find("name")!.Value, $"{path}.name: another workload is already named '{workload.Name}'");
            if (workload.OutputRepoPath is { } output && !outputs.TryAdd(output, map))
                r.Error(DiagnosticCodes.SpecDuplicate, map.Find("output")!.Value, $"{path}.output: another workload already writes {output}");
            result.Add(workload);
        }
        return result;
    }

    private static WorkloadTuning? ReadOne(SpecReader r, MappingNode map, string path)
    {
        r.Keys(map, path, "name", "target", "delivery", "output", "helmRelease", "kustomization", "observed", "containers");
        var errorsBefore = r.ErrorCount;
        var name = r.String(map, "name", path, required: true);
        if (name is not null && !NamePattern().IsMatch(name))
            r.Error(DiagnosticCodes.SpecBadValue, map.Find("name")!.Value, $"{path}.name '{name}' must be lower-case letters, digits and '-' (it names objects and files)");

        WorkloadTarget? target = null;
        if (r.Map(map.Find("target")?.Value, $"{path}.target") is { } t)
        {
            r.Keys(t, $"{path}.target", "kind", "namespace", "name");
            var kind = r.String(t, "kind", $"{path}.target", required: true);
            var ns = r.String(t, "namespace", $"{path}.target");
            var objectName = r.String(t, "name", $"{path}.target", required: true);
            if (kind is not null && !Kinds.ContainsKey(kind))
                r.Error(DiagnosticCodes.SpecBadValue, t.Find("kind")!.Value, $"{path}.target.kind {kind} is not supported",
                    $"supported kinds: {string.Join(", ", Kinds.Keys)}");
            if (kind is not null && objectName is not null) target = new WorkloadTarget(kind, ns, objectName);
        }
        else r.Error(DiagnosticCodes.SpecMissingKey, map, $"{path}.target is required");

        WorkloadDelivery? delivery = r.String(map, "delivery", path, required: true) switch
        {
            null => null,
            var written when WorkloadFacts.Deliveries.Any(d => d.Name == written) => WorkloadFacts.Deliveries.First(d => d.Name == written).Delivery,
            var other => Unknown(r, map, path, other),
        };

        TargetFile? helmRelease = null, observed = null;
        string? kustomizationDir = null, output = null;
        if (map.Find("observed") is not null) observed = r.Target(map, "observed", path);
        if (delivery == WorkloadDelivery.PostRenderer)
        {
            helmRelease = r.Target(map, "helmRelease", path);
            if (map.Find("observed") is null)
                r.Error(DiagnosticCodes.SpecMissingKey, map, $"{path}: delivery postRenderer needs observed",
                    "JSON6902 patches address containers by index; the indices come from the observed object (kubectl get -o yaml)");
        }
        else if (map.Find("helmRelease") is { } hr)
            r.Error(DiagnosticCodes.SpecBadValue, hr.Key, $"{path}.helmRelease is only for delivery postRenderer");
        if (delivery == WorkloadDelivery.Kustomization)
        {
            kustomizationDir = Folder(r, map, "kustomization", path);
        }
        else if (map.Find("kustomization") is { } k)
            r.Error(DiagnosticCodes.SpecBadValue, k.Key, $"{path}.kustomization is only for delivery kustomization");
        if (delivery is WorkloadDelivery.Kyverno or WorkloadDelivery.Kustomization)
            output = Output(r, map, path);
        else if (map.Find("output") is { } o)
            r.Error(DiagnosticCodes.SpecBadValue, o.Key, $"{path}.output is not used by delivery postRenderer: the patches go into the HelmRelease");

        var containers = ReadContainers(r, map, path);
        if (name is null || target is null || delivery is null || r.ErrorCount > errorsBefore) return null;
        return new WorkloadTuning(name, target, delivery.Value, helmRelease, kustomizationDir, output, observed, containers, r.At(map));
    }

    private static WorkloadDelivery? Unknown(SpecReader r, MappingNode map, string path, string value)
    {
        var valid = WorkloadFacts.Deliveries.Select(d => d.Name).ToArray();
        var near = NameSuggester.Nearest(value, valid);
        r.Error(DiagnosticCodes.SpecBadValue, map.Find("delivery")!.Value, $"{path}.delivery '{value}' is not a delivery",
            near is not null ? $"did you mean '{near}'?" : $"one of: {string.Join(", ", valid)}");
        return null;
    }

    private static string? Output(SpecReader r, MappingNode map, string path)
    {
        if (r.Resolve(map, "output", path) is not var (written, full, node)) return null;
        if (!written.EndsWith(".yaml", StringComparison.Ordinal) && !written.EndsWith(".yml", StringComparison.Ordinal))
        {
            r.Error(DiagnosticCodes.SpecBadValue, node, $"{path}.output must name a .yaml file");
            return null;
        }
        return r.Root.Relative(full);
    }

    private static string? Folder(SpecReader r, MappingNode map, string key, string path)
    {
        if (r.Resolve(map, key, path) is not var (written, full, node)) return null;
        if (!File.Exists(Path.Combine(full, "kustomization.yaml")))
        {
            r.Error(DiagnosticCodes.TargetMissing, node, $"{path}.{key}: {written} holds no kustomization.yaml");
            return null;
        }
        return r.Root.Relative(full);
    }

    private static List<ContainerIntent> ReadContainers(SpecReader r, MappingNode map, string path)
    {
        var byName = new Dictionary<string, (List<FlagSetting> Flags, List<KeyValuePair<string, string>> Requests, List<KeyValuePair<string, string>> Limits, MappingNode Group)>(StringComparer.Ordinal);
        var order = new List<string>();
        var entry = map.Find("containers");
        if (entry?.Value is not SequenceNode { Items.Count: > 0 } groups)
        {
            r.Error(DiagnosticCodes.SpecMissingKey, entry?.Value ?? map, $"{path}.containers must list at least one container group");
            return [];
        }
        for (var g = 0; g < groups.Items.Count; g++)
        {
            var gpath = $"{path}.containers[{g}]";
            if (r.Map(groups.Items[g], gpath) is not { } group) continue;
            r.Keys(group, gpath, "names", "flags", "resources");
            var names = new List<string>();
            if (group.Find("names")?.Value is SequenceNode { Items.Count: > 0 } list)
            {
                foreach (var item in list.Items)
                {
                    if (item is ScalarNode sn && sn.ToValue().Kind == ScalarKind.String && sn.Value.Length > 0) names.Add(sn.Value);
                    else r.Error(DiagnosticCodes.SpecWrongType, item, $"{gpath}.names: each name must be a container name");
                }
            }
            else r.Error(DiagnosticCodes.SpecMissingKey, group.Find("names")?.Value ?? group, $"{gpath}.names must list at least one container name");

            var flags = new List<FlagSetting>();
            if (group.Find("flags") is { } flagsEntry)
            {
                if (r.Map(flagsEntry.Value, $"{gpath}.flags") is { } fm)
                {
                    foreach (var f in fm.Entries)
                    {
                        var flag = f.KeyText ?? "";
                        if (!FlagPattern().IsMatch(flag))
                        {
                            r.Error(DiagnosticCodes.SpecBadValue, f.Key, $"{gpath}.flags: '{flag}' is not a flag name (write it with its dashes, e.g. --kube-api-qps)");
                            continue;
                        }
                        if (f.Value is not ScalarNode { } fv || fv.ToValue().Kind is ScalarKind.Null)
                        {
                            r.Error(DiagnosticCodes.SpecWrongType, f.Value, $"{gpath}.flags.{flag} needs a value");
                            continue;
                        }
                        flags.Add(new FlagSetting(flag, fv.Value));
                    }
                }
            }

            var requests = new List<KeyValuePair<string, string>>();
            var limits = new List<KeyValuePair<string, string>>();
            if (group.Find("resources") is { } resEntry && r.Map(resEntry.Value, $"{gpath}.resources") is { } res)
            {
                r.Keys(res, $"{gpath}.resources", "requests", "limits");
                r.Quantities(res, "requests", gpath, requests);
                r.Quantities(res, "limits", gpath, limits);
            }
            if (flags.Count == 0 && requests.Count == 0 && limits.Count == 0)
                r.Error(DiagnosticCodes.SpecMissingKey, group, $"{gpath} sets neither flags nor resources");

            foreach (var n in names)
            {
                if (!byName.TryGetValue(n, out var acc))
                {
                    acc = ([], [], [], group);
                    byName[n] = acc;
                    order.Add(n);
                }
                foreach (var f in flags) Put(acc.Flags, f);
                foreach (var q in requests) Put(acc.Requests, q);
                foreach (var q in limits) Put(acc.Limits, q);
            }
        }

        var result = new List<ContainerIntent>();
        foreach (var n in order)
        {
            var acc = byName[n];
            foreach (var (key, limit) in acc.Limits)
            {
                var request = acc.Requests.FirstOrDefault(q => q.Key == key).Value;
                if (request is not null && new ResourceQuantity(request).ToDecimal() > new ResourceQuantity(limit).ToDecimal())
                    r.Error(DiagnosticCodes.SpecBadQuantity, acc.Group, $"{path}: container {n}: the {key} request {request} is above its limit {limit}");
            }
            result.Add(new ContainerIntent(n, acc.Flags, new ResourceSettings(acc.Requests, acc.Limits), r.At(acc.Group)));
        }
        return result;
    }

    private static void Put<T>(List<T> list, T item) where T : notnull
    {
        var key = item switch { FlagSetting f => f.Bare, KeyValuePair<string, string> kv => kv.Key, _ => item.ToString() };
        var i = list.FindIndex(x => (x switch { FlagSetting f => f.Bare, KeyValuePair<string, string> kv => kv.Key, _ => x.ToString() }) == key);
        if (i >= 0) list[i] = item;
        else list.Add(item);
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^--?[A-Za-z0-9][-A-Za-z0-9_.]*$")]
    private static partial Regex FlagPattern();
}
