using ManifestGen.Yaml;

namespace ManifestGen.Modules.Workloads;

/// <summary>
/// JSON6902 operations that do what <see cref="ContainerEditor"/> does, for a base object whose
/// layout is known (observed, or the manifest a kustomization lists). Every indexed operation comes
/// after a <c>test</c> of the container's name at that index, and a replaced argument is tested for
/// the value it had, so a changed layout makes the patch fail instead of tuning the wrong container.
/// </summary>
public static class Json6902PatchBuilder
{
    public static YamlSeq Build(YamlValue baseObject, WorkloadTuning workload)
    {
        var ops = new List<YamlValue>();
        foreach (var (intent, index, container) in PodTemplate.Locate(baseObject, workload))
        {
            var at = $"{PodTemplate.ContainersPointer}/{index}";
            ops.Add(Op("test", $"{at}/name", YamlValue.Scalar(intent.Name)));

            if (intent.Flags.Count > 0)
            {
                var hasArgs = (container as YamlMap)?.Get("args") is YamlSeq;
                var args = PodTemplate.Args(container);
                if (!hasArgs)
                    ops.Add(Op("add", $"{at}/args", new YamlSeq(intent.Flags.Select(f => (YamlValue)YamlValue.Scalar(f.Joined)).ToList())));
                else
                {
                    foreach (var flag in intent.Flags)
                    {
                        switch (PodTemplate.FindFlag(args, flag))
                        {
                            case null:
                                ops.Add(Op("add", $"{at}/args/-", YamlValue.Scalar(flag.Joined)));
                                break;
                            case ({ } i, true):
                                ops.Add(Op("test", $"{at}/args/{i}", YamlValue.Scalar(args[i])));
                                ops.Add(Op("replace", $"{at}/args/{i + 1}", YamlValue.Scalar(flag.Value)));
                                break;
                            case ({ } i, false):
                                ops.Add(Op("test", $"{at}/args/{i}", YamlValue.Scalar(args[i])));
                                ops.Add(Op("replace", $"{at}/args/{i}", YamlValue.Scalar(flag.Joined)));
                                break;
                        }
                    }
                }
            }

            if (!intent.Resources.IsEmpty)
            {
                var resources = (container as YamlMap)?.Get("resources") as YamlMap;
                if (resources is null)
                {
                    var value = new List<KeyValuePair<string, YamlValue>>();
                    if (intent.Resources.Requests.Count > 0) value.Add(new("requests", Quantities(intent.Resources.Requests)));
                    if (intent.Resources.Limits.Count > 0) value.Add(new("limits", Quantities(intent.Resources.Limits)));
                    ops.Add(Op("add", $"{at}/resources", new YamlMap(value)));
                }
                else
                {
                    AddQuantities(ops, resources, "requests", intent.Resources.Requests, at);
                    AddQuantities(ops, resources, "limits", intent.Resources.Limits, at);
                }
            }
        }
        return new YamlSeq(ops);
    }

    private static void AddQuantities(List<YamlValue> ops, YamlMap resources, string key, IReadOnlyList<KeyValuePair<string, string>> values, string at)
    {
        if (values.Count == 0) return;
        if (resources.Get(key) is not YamlMap)
        {
            ops.Add(Op("add", $"{at}/resources/{key}", Quantities(values)));
            return;
        }
        // "add" on an existing member replaces it (RFC 6902 4.1).
        foreach (var (name, value) in values)
            ops.Add(Op("add", $"{at}/resources/{key}/{Escape(name)}", YamlValue.Scalar(value)));
    }

    private static YamlMap Quantities(IReadOnlyList<KeyValuePair<string, string>> values) =>
        new(values.Select(v => new KeyValuePair<string, YamlValue>(v.Key, YamlValue.Scalar(v.Value))).ToList());

    private static YamlMap Op(string op, string path, YamlValue value) =>
        new([new("op", YamlValue.Scalar(op)), new("path", YamlValue.Scalar(path)), new("value", value)]);

    /// <summary>RFC 6901: '~' is written ~0 and '/' is written ~1 inside a path segment.</summary>
    public static string Escape(string segment) => segment.Replace("~", "~0").Replace("/", "~1");
}
