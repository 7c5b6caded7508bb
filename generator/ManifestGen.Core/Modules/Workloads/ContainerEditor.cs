using ManifestGen.Yaml;

namespace ManifestGen.Modules.Workloads;

/// <summary>
/// Applies a workload's container intents to an object in place, by container name: the reference
/// every delivery must agree with, and what <c>manifestgen post-render</c> does.
/// A flag's last occurrence is replaced where it is (<c>--flag=old</c> or <c>--flag old</c>), otherwise
/// <c>--flag=value</c> is appended; the given resource keys are set and the others stay.
/// </summary>
public static class ContainerEditor
{
    /// <summary>How a flag already in the args is treated.</summary>
    public enum FlagMode
    {
        /// <summary>Replace its last occurrence where it is: what post-render and the JSON6902 deliveries do.</summary>
        ReplaceInPlace,
        /// <summary>Append --flag=value unless exactly that is present: what the Kyverno policy does at admission.</summary>
        AppendUnlessPresent,
    }

    public static YamlFile Apply(YamlFile file, int documentIndex, WorkloadTuning workload, FlagMode mode = FlagMode.ReplaceInPlace)
    {
        var data = YamlValue.FromNode(file.Documents[documentIndex].Root);
        return YamlEditor.Apply(file, Edits(data, workload, mode, DocumentSelector.At(documentIndex)));
    }

    /// <summary>The same intents applied to an object as data (no text to keep): for files the tool writes whole.</summary>
    public static YamlValue ApplyTo(YamlValue workloadObject, WorkloadTuning workload, FlagMode mode = FlagMode.ReplaceInPlace) =>
        Edits(workloadObject, workload, mode, DocumentSelector.Only).Aggregate(workloadObject, (value, edit) => edit.ApplyTo(value));

    /// <summary>
    /// The edits, computed once from the object as it is: containers are independent, a replaced
    /// argument keeps its index and appended ones go last, so no edit moves another's target.
    /// </summary>
    public static List<YamlEdit> Edits(YamlValue workloadObject, WorkloadTuning workload, FlagMode mode, DocumentSelector doc)
    {
        var edits = new List<YamlEdit>();
        foreach (var (intent, _, data) in PodTemplate.Locate(workloadObject, workload))
        {
            var container = PodTemplate.Container(intent.Name);
            var args = PodTemplate.Args(data);
            foreach (var flag in intent.Flags)
            {
                if (mode == FlagMode.AppendUnlessPresent)
                {
                    // The policy skips containers without args (a JSON patch cannot append to a missing list).
                    if (args.Count > 0 && !args.Contains(flag.Joined))
                        edits.Add(new AppendItem(doc, container.Key("args"), YamlValue.Scalar(flag.Joined)));
                    continue;
                }
                edits.Add(PodTemplate.FindFlag(args, flag) switch
                {
                    null => new AppendItem(doc, container.Key("args"), YamlValue.Scalar(flag.Joined)),
                    ({ } i, true) => new SetScalar(doc, container.Key("args").Append(new IndexSegment(i + 1)), ScalarValue.String(flag.Value)),
                    ({ } i, false) => new SetScalar(doc, container.Key("args").Append(new IndexSegment(i)), ScalarValue.String(flag.Joined)),
                });
            }
            foreach (var (key, value) in intent.Resources.Requests)
                edits.Add(new SetScalar(doc, container.Key("resources").Key("requests").Key(key), ScalarValue.String(value)));
            foreach (var (key, value) in intent.Resources.Limits)
                edits.Add(new SetScalar(doc, container.Key("resources").Key("limits").Key(key), ScalarValue.String(value)));
        }
        return edits;
    }
}
