using ManifestGen.Charts;
using ManifestGen.Charts.Analysis;
using ManifestGen.Components;
using ManifestGen.Diagnostics;
using ManifestGen.Editing;
using ManifestGen.Live;
using ManifestGen.Modules.Workloads;
using ManifestGen.Spec;
using ManifestGen.Values;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Modules.Trident;

/// <summary>Trident (<c>spec.trident</c>: its backend and its orchestrator) in each phase, wired to the one contract.</summary>
internal sealed class TridentComponent : Component<TridentTuning>
{
    private readonly TridentBackendModule backendModule = new();
    private readonly TridentOrchestratorModule orchestratorModule = new();

    public override string Section => TridentSpecReader.Section;

    public override TridentTuning? Read(SpecReader reader, MappingNode spec) => TridentSpecReader.Read(reader, spec);

    public override YamlValue Write(TridentTuning tuning, Func<string, string> relative) => TridentSpecWriter.Write(tuning);

    public override void Apply(TridentTuning tuning, GenerationContext context)
    {
        // The backend and the orchestrator on their own: a refusal of one is reported, and the other still runs.
        if (tuning.Backend is { } backend) context.Attempt(() => backendModule.Apply(backend, context));
        if (tuning.Orchestrator is { } orchestrator) context.Attempt(() => orchestratorModule.Apply(orchestrator, context));
    }

    public override IReadOnlyList<string> ValuesKeys => [TridentFacts.OrchestratorValuesKey];

    public override IEnumerable<HelmReleaseTarget> HelmReleases(TridentTuning tuning) =>
        tuning.Orchestrator is { } o ? [new(o.HelmRelease, o.Values, TridentFacts.OrchestratorValuesKey)] : [];

    public override IEnumerable<Diagnostic> Lint(TridentTuning tuning, ClusterTuningSpec spec, IReadOnlyList<CheckedRelease> checkedReleases, RepositoryWorkspace workspace) =>
        tuning.Orchestrator is { } o ? TridentLints.QpsSetTwice(o, spec.Tuning<WorkloadsTuning>()?.Workloads ?? []) : [];

    public override IEnumerable<LiveRef> LiveNeeds(TridentTuning tuning, RepositoryWorkspace workspace) => TridentLiveChecks.Needed(tuning, workspace);

    public override IEnumerable<TuningCheck> LiveChecks(TridentTuning tuning, RepositoryWorkspace workspace, ValueSources values, LiveObjects live)
    {
        var checks = new List<TuningCheck>();
        TridentLiveChecks.Check(tuning, workspace, live, checks);
        return checks;
    }

    public override string Adopts => "TridentBackendConfig or Trident orchestrator HelmRelease";

    public override TridentTuning? Adopt(Adoption adoption)
    {
        var backends = adoption.Documents.Where(d => d.Document.Kind == TridentFacts.BackendKind).ToList();
        var orchestrators = adoption.HelmReleases.Where(h => TridentAdopter.Installs(h.Chart)).ToList();
        adoption.Claim(backends.Concat(orchestrators.Select(o => o.Document)));
        // Both sections are checked, so one run names every ambiguity.
        if (adoption.Ambiguous("trident.backend", backends) | adoption.Ambiguous("trident.orchestrator", orchestrators.Select(o => o.Document).ToList()))
            return null;
        if (backends.Count + orchestrators.Count == 0) return null;
        var backend = backends.Count == 1
            ? TridentAdopter.Backend(backends[0].RepoPath, backends[0].Document,
                adoption.Documents.Count(d => d.RepoPath == backends[0].RepoPath && d.Document.Kind == TridentFacts.BackendKind) > 1, adoption.Relative, adoption.Report)
            : null;
        var orchestrator = orchestrators.Count == 1
            ? TridentAdopter.Orchestrator(adoption.Workspace, adoption.Values, orchestrators[0].Document.RepoPath, orchestrators[0].Document.Document,
                orchestrators[0].Chart, adoption.Relative, adoption.Report)
            : null;
        foreach (var path in backends.Select(b => b.RepoPath).Concat(orchestrators.Select(o => o.Document.RepoPath))) adoption.Adopt(path);
        return new TridentTuning(backend, orchestrator);
    }

    public override IReadOnlyList<string> ContainerNames => TridentFacts.ContainerNames;

    public override SemanticVersion? ReleaseOfChart(string path, ChartMetadata metadata) => TridentFacts.QnapReleaseOfFolder(path, metadata);
}
