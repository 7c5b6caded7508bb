using ManifestGen.Containers;
using ManifestGen.Live;

namespace ManifestGen.Modules.Workloads;

/// <summary>Whether a workload tuning runs: each container, by name, has each flag as Go's flag package reads it and each resource as a quantity.</summary>
public static class WorkloadLiveChecks
{
    public static LiveRef Needed(WorkloadTuning workload) => new(workload.Target.Kind, workload.Target.Namespace, workload.Target.Name);

    public static void Check(WorkloadTuning workload, LiveObjects live, List<TuningCheck> checks)
    {
        var reference = Needed(workload);
        var obj = live.Find(reference);
        var containers = LiveChecks.Containers(obj);
        foreach (var intent in workload.Containers)
        {
            var container = containers.GetValueOrDefault(intent.Name);
            foreach (var flag in intent.Flags)
            {
                var name = $"workload {workload.Name}: {intent.Name} {flag.Flag}";
                if (obj is null) { checks.Add(new TuningCheck(name, TuningStatus.Unknown, "(not in the input)", flag.Joined, reference)); continue; }
                var value = container is null ? null : GoFlags.Value(GoFlags.ArgsOf(container), flag.Flag);
                checks.Add(new TuningCheck(name, value == flag.Value ? TuningStatus.InEffect : TuningStatus.NotInEffect,
                    container is null ? $"no container {intent.Name}" : value is null ? "(flag absent)" : $"{flag.Flag}={value}", flag.Joined, reference,
                    container is not null && value is not null ? "the last occurrence counts, as Go's flag package reads it" : null));
            }
            LiveChecks.Resources($"workload {workload.Name}: {intent.Name}", intent.Name, intent.Resources.Requests, intent.Resources.Limits, obj, containers, reference, checks);
        }
    }
}
