using ManifestGen.Diagnostics;
using ManifestGen.Generation;
using ManifestGen.Modules.Cilium;
using ManifestGen.Modules.Trident;
using ManifestGen.Modules.Workloads;
using ManifestGen.Values;
using ManifestGen.Workspace;

namespace ManifestGen.Modules;

/// <summary>Lints a component runs on the values of every HelmRelease of its chart, and the paths they report themselves.</summary>
public sealed record ValuesLint(string Chart, Func<IReadOnlyList<string>, bool> ReportsItself,
    Func<IReadOnlyList<ValueSource>, RepositoryWorkspace, IEnumerable<Diagnostic>> Lint);

/// <summary>
/// The composition root: the components the tool knows (Cilium, Trident, workloads) and what each brings to the
/// phases. The phases (generate, lint, verify, init, import) are drivers over this list; a new component is an
/// entry here, and its knowledge stays in its own folder under <c>Modules/</c>.
/// </summary>
public static class Components
{
    /// <summary>The tuning modules, in the order they run.</summary>
    public static IReadOnlyList<ITuningModule> Modules { get; } =
        [new CiliumModule(), new TridentBackendModule(), new TridentOrchestratorModule(), new WorkloadModule()];

    /// <summary>The values lints, by chart.</summary>
    public static IReadOnlyList<ValuesLint> ValuesLints { get; } =
    [
        new(CiliumFacts.Chart, CiliumLints.ReportsItself, CiliumLints.Values),
    ];

    public static ValuesLint? ValuesLintFor(string chart) => ValuesLints.FirstOrDefault(l => l.Chart == chart);
}
