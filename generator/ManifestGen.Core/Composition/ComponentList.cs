using ManifestGen.Charts;
using ManifestGen.Charts.Analysis;
using ManifestGen.Components;
using ManifestGen.Diagnostics;
using ManifestGen.Editing;
using ManifestGen.Modules.Cilium;
using ManifestGen.Modules.Trident;
using ManifestGen.Modules.Workloads;

namespace ManifestGen.Composition;

/// <summary>
/// The composition root: the one list of the components the tool knows, each in its folder under <c>Modules/</c>
/// behind the contract <see cref="IComponent"/>. Every driver (generate, lint, verify, init, import, post-render)
/// loops over this list; a new component is an entry here, and its knowledge stays in its own folder. This is the
/// only file outside <c>Modules/</c> that names a component (the layer test holds it to that).
/// </summary>
public static class ComponentList
{
    /// <summary>The components in the order their sections are read, written and applied.</summary>
    internal static IReadOnlyList<IComponent> All { get; } = [new CiliumComponent(), new TridentComponent(), new WorkloadsComponent()];

    /// <summary>Runs each component on its section of the spec, in the list's order.</summary>
    public static void Apply(ClusterTuningSpec spec, GenerationContext context)
    {
        // Each component on its own: a refusal of one is reported, and the others still run (every error of a run at once).
        foreach (var component in All) context.Attempt(() => component.Apply(spec, context));
    }

    /// <summary>The HelmReleases the spec's tunings edit the values of, in the list's order.</summary>
    public static IReadOnlyList<HelmReleaseTarget> HelmReleases(ClusterTuningSpec spec) => All.SelectMany(c => c.HelmReleases(spec)).ToList();

    /// <summary>The edits of rendered objects the spec's tunings make (post-render), in the list's order.</summary>
    public static IReadOnlyList<RenderedEdit> RenderedEdits(ClusterTuningSpec spec) => All.SelectMany(c => c.RenderedEdits(spec)).ToList();

    /// <summary>The spec keys that name a values file, in the list's order (for hints).</summary>
    public static IReadOnlyList<string> ValuesKeys { get; } = All.SelectMany(c => c.ValuesKeys).ToList();

    /// <summary>The values lints a chart's HelmReleases get, when a component has them.</summary>
    public static ValuesLint? ValuesLintFor(string chart) => All.SelectMany(c => c.ValuesLints).FirstOrDefault(l => l.Chart == chart);

    /// <summary>Container names the components know (for runbook comments that name another container than the index reaches).</summary>
    public static IReadOnlyList<string> ContainerNames { get; } = All.SelectMany(c => c.ContainerNames).Distinct().ToList();

    /// <summary>The deliveries import can give a tuning (<c>--delivery</c>).</summary>
    public static IReadOnlyList<string> ImportDeliveries { get; } = All.SelectMany(c => c.ImportDeliveries).Distinct().ToList();

    /// <summary>The refusal of a <c>--delivery</c> no component imports into; null for a known one.</summary>
    public static Diagnostic? UnknownDelivery(string delivery) => ImportDeliveries.Contains(delivery) ? null
        : Diagnostic.Unplaced(DiagnosticCodes.SpecBadValue, "--delivery", $"--delivery {delivery} is not {string.Join(", ", ImportDeliveries)}");

    /// <summary>How the components name a chart release its chart version does not tell (QNAP's chart folders).</summary>
    public static SemanticVersion? ReleaseOfChart(string path, ChartMetadata metadata) =>
        All.Select(c => c.ReleaseOfChart(path, metadata)).FirstOrDefault(v => v is not null);
}
