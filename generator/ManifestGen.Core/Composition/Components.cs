using ManifestGen.Charts;
using ManifestGen.Charts.Analysis;
using ManifestGen.Diagnostics;
using ManifestGen.Editing;
using ManifestGen.Modules.Cilium;
using ManifestGen.Modules.Trident;
using ManifestGen.Modules.Workloads;
using ManifestGen.Values;
using ManifestGen.Workspace;

namespace ManifestGen.Composition;

/// <summary>Lints a component runs on the values of every HelmRelease of its chart, and the paths they report themselves.</summary>
public sealed record ValuesLint(string Chart, Func<IReadOnlyList<string>, bool> ReportsItself,
    Func<IReadOnlyList<ValueSource>, RepositoryWorkspace, IEnumerable<Diagnostic>> Lint);

/// <summary>
/// The composition root: the components the tool knows (Cilium, Trident, workloads, each in its folder under
/// <c>Modules/</c>) and what each brings to the phases. The phases (generate, lint, verify, init, import) are drivers
/// over this list; a new component is an entry here, and its knowledge stays in its own folder.
/// </summary>
public static class Components
{
    private static readonly CiliumModule Cilium = new();
    private static readonly TridentBackendModule TridentBackend = new();
    private static readonly TridentOrchestratorModule TridentOrchestrator = new();
    private static readonly WorkloadModule Workloads = new();

    /// <summary>Runs each component's module on its section of the spec, in this order.</summary>
    public static void Apply(ClusterTuningSpec spec, GenerationContext context)
    {
        // Each section on its own: a refusal of one is reported, and the others still run (every error of a run at once).
        if (spec.Cilium is { } cilium) context.Attempt(() => Cilium.Apply(cilium, context));
        if (spec.Trident?.Backend is { } backend) context.Attempt(() => TridentBackend.Apply(backend, context));
        if (spec.Trident?.Orchestrator is { } orchestrator) context.Attempt(() => TridentOrchestrator.Apply(orchestrator, context));
        Workloads.Apply(spec.Workloads, context);
    }

    /// <summary>The values lints, by chart.</summary>
    public static IReadOnlyList<ValuesLint> ValuesLints { get; } =
    [
        new(CiliumFacts.Chart, CiliumLints.ReportsItself, CiliumLints.Values),
    ];

    public static ValuesLint? ValuesLintFor(string chart) => ValuesLints.FirstOrDefault(l => l.Chart == chart);

    /// <summary>How the components name a chart release its chart version does not tell (QNAP's chart folders).</summary>
    /// <summary>Container names the components know (for runbook comments that name a container another than the index reaches).</summary>
    public static IReadOnlyList<string> ContainerNames => TridentFacts.ContainerNames;

    public static SemanticVersion? ReleaseOfChart(string path, ChartMetadata metadata) => TridentFacts.QnapReleaseOfFolder(path, metadata);
}
