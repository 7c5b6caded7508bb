using ManifestGen.Components;
using ManifestGen.Diagnostics;
using ManifestGen.Editing;
using ManifestGen.Live;
using ManifestGen.Spec;
using ManifestGen.Values;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Modules.Workloads;

/// <summary>Workloads (<c>spec.workloads</c>: containers tuned by name) in each phase, wired to the one contract.</summary>
internal sealed class WorkloadsComponent : Component<WorkloadsTuning>
{
    private readonly WorkloadModule module = new();

    public override string Section => WorkloadSpecReader.Section;

    public override WorkloadsTuning? Read(SpecReader reader, MappingNode spec) =>
        WorkloadSpecReader.Read(reader, spec) is { Count: > 0 } workloads ? new WorkloadsTuning(workloads) : null;

    public override YamlValue Write(WorkloadsTuning tuning, Func<string, string> relative) => WorkloadSpecWriter.Write(tuning.Workloads, relative);

    public override void Apply(WorkloadsTuning tuning, GenerationContext context) => module.Apply(tuning.Workloads, context);

    public override IEnumerable<HelmReleaseTarget> HelmReleases(WorkloadsTuning tuning) =>
        tuning.Workloads.Where(w => w.HelmRelease is not null).Select(w => new HelmReleaseTarget(w.HelmRelease!, null, "values"));

    public override IEnumerable<LiveRef> LiveNeeds(WorkloadsTuning tuning, RepositoryWorkspace workspace) => tuning.Workloads.Select(WorkloadLiveChecks.Needed);

    public override IEnumerable<TuningCheck> LiveChecks(WorkloadsTuning tuning, RepositoryWorkspace workspace, ValueSources values, LiveObjects live)
    {
        var checks = new List<TuningCheck>();
        foreach (var workload in tuning.Workloads) WorkloadLiveChecks.Check(workload, live, checks);
        return checks;
    }

    /// <summary>Every workload, whatever its delivery: the post-renderer is also what a user runs by hand on a chart's output.</summary>
    public override IEnumerable<RenderedEdit> RenderedEdits(WorkloadsTuning tuning) =>
        tuning.Workloads.Select(w => new RenderedEdit(w.Target.Kind, w.Target.Name, doc => PodTemplate.Matches(doc, w.Target), (file, index) =>
        {
            try
            {
                return ContainerEditor.Apply(file, index, w);
            }
            catch (WorkloadMismatchException e)
            {
                throw new RenderedEditRefusedException(DiagnosticCodes.ContainerNotFound, e.Message);
            }
        }));

    public override WorkloadsTuning? Import(ImportedContainers imported) => WorkloadImporter.Import(imported);

    public override IReadOnlyList<string> ImportDeliveries { get; } = WorkloadFacts.Deliveries.Select(d => d.Name).ToList();
}
