using ManifestGen.Components;
using ManifestGen.Composition;
using ManifestGen.Live;
using ManifestGen.Values;
using ManifestGen.Workspace;

namespace ManifestGen.Verify;

/// <summary>
/// Checks, tuning by tuning, that what the spec asks for is what runs, from the live objects rather than from Git:
/// each component's live checks (<see cref="IComponent.LiveChecks"/>), in the list's order, over the objects the input holds.
/// </summary>
public static class Verifier
{
    public static IReadOnlyList<TuningCheck> Check(ClusterTuningSpec spec, RepositoryWorkspace workspace, LiveObjects live)
    {
        var values = new ValueSources(workspace);
        return ComponentList.All.SelectMany(c => c.LiveChecks(spec, workspace, values, live)).ToList();
    }

    /// <summary>Every object <see cref="Check"/> reads, for <c>verify --print-kubectl</c>.</summary>
    public static IReadOnlyList<LiveRef> Needed(ClusterTuningSpec spec, RepositoryWorkspace workspace)
    {
        return ComponentList.All.SelectMany(c => c.LiveNeeds(spec, workspace)).Distinct().ToList();
    }
}
