using ManifestGen.Composition;
using ManifestGen.Live;
using ManifestGen.Modules.Cilium;
using ManifestGen.Modules.Trident;
using ManifestGen.Modules.Workloads;
using ManifestGen.Values;
using ManifestGen.Workspace;

namespace ManifestGen.Verify;

/// <summary>
/// Checks, tuning by tuning, that what the spec asks for is what runs, from the live objects rather than from Git:
/// each component's live checks (<see cref="CiliumLiveChecks"/>, <see cref="TridentLiveChecks"/>,
/// <see cref="WorkloadLiveChecks"/>) over the objects the input holds.
/// </summary>
public static class Verifier
{
    public static IReadOnlyList<TuningCheck> Check(ClusterTuningSpec spec, RepositoryWorkspace workspace, LiveObjects live)
    {
        var checks = new List<TuningCheck>();
        var values = new ValueSources(workspace);
        if (spec.Cilium is { } cilium) CiliumLiveChecks.Check(cilium, workspace, values, live, checks);
        if (spec.Trident is { } trident) TridentLiveChecks.Check(trident, workspace, live, checks);
        foreach (var workload in spec.Workloads) WorkloadLiveChecks.Check(workload, live, checks);
        return checks;
    }

    /// <summary>Every object <see cref="Check"/> reads, for <c>verify --print-kubectl</c>.</summary>
    public static IReadOnlyList<LiveRef> Needed(ClusterTuningSpec spec, RepositoryWorkspace workspace)
    {
        var refs = new List<LiveRef>();
        if (spec.Cilium is { } cilium) refs.AddRange(CiliumLiveChecks.Needed(cilium, workspace));
        if (spec.Trident is { } trident) refs.AddRange(TridentLiveChecks.Needed(trident, workspace));
        refs.AddRange(spec.Workloads.Select(WorkloadLiveChecks.Needed));
        return refs.Distinct().ToList();
    }
}
