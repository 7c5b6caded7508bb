using ManifestGen.Containers;
using ManifestGen.Yaml;

namespace ManifestGen.Modules.Workloads;

/// <summary>Where the containers of a workload are, and how its target is matched in a manifest stream.</summary>
public static class PodTemplate
{
    public static readonly YamlPath Containers = YamlPath.Keys("spec", "template", "spec", "containers");
    public const string ContainersPointer = "/spec/template/spec/containers";

    public static YamlPath Container(string name) => Containers.Append(new MatchSegment("name", name));

    /// <summary>
    /// True when a document is the target. A rendered manifest may carry no namespace (Helm sets the
    /// release namespace later), so a missing namespace matches the target's.
    /// </summary>
    public static bool Matches(YamlDocumentNode doc, WorkloadTarget target) =>
        doc.Kind == target.Kind && doc.Name == target.Name
        && (target.Namespace is null || doc.Namespace is null || doc.Namespace == target.Namespace);

    /// <summary>The container names of a workload object, in order.</summary>
    public static IReadOnlyList<string> ContainerNames(YamlValue workload) =>
        (Get(workload, "spec", "template", "spec", "containers") as YamlSeq)?.Items
            .Select(c => (c as YamlMap)?.Get("name") is YamlScalar s ? s.Value.Text : "")
            .ToList() ?? [];

    /// <summary>
    /// Each intent with the index and data of the container it names, in the spec's order. A name the
    /// object lacks is a <see cref="WorkloadMismatchException"/>: the tuning would land nowhere, or elsewhere.
    /// </summary>
    public static IEnumerable<(ContainerIntent Intent, int Index, YamlValue Container)> Locate(YamlValue workloadObject, WorkloadTuning workload)
    {
        var names = ContainerNames(workloadObject).ToList();
        var containers = (Get(workloadObject, "spec", "template", "spec", "containers") as YamlSeq)?.Items ?? [];
        foreach (var intent in workload.Containers)
        {
            var index = names.IndexOf(intent.Name);
            if (index < 0)
                throw new WorkloadMismatchException(
                    $"{workload.Target} has no container named {intent.Name}; it has {(names.Count == 0 ? "no containers" : string.Join(", ", names))}");
            yield return (intent, index, containers[index]);
        }
    }

    public static YamlValue? Get(YamlValue? value, params string[] keys) => YamlValue.At(value, keys);

    /// <summary>Where the last occurrence of a flag is in an args list: its index, and whether the value is the next item.</summary>
    public static (int Index, bool Split)? FindFlag(IReadOnlyList<string> args, FlagSetting flag) =>
        GoFlags.Last(args, flag.Bare) is { } f ? (f.Index, f.Split) : null;

    public static IReadOnlyList<string> Args(YamlValue? container) => GoFlags.ArgsOf(container);
}
