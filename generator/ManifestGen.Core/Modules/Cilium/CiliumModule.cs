using ManifestGen.Diagnostics;
using ManifestGen.Editing;
using ManifestGen.Yaml;

namespace ManifestGen.Modules.Cilium;

/// <summary>
/// Cilium conntrack tuning, written into the Cilium HelmRelease's values where they live (see <see cref="HelmValues"/>):
/// each setting where the fact table says (<see cref="CiliumFacts.Conntrack"/>: timeouts as cilium-config keys under
/// <c>extraConfig</c>, as quoted Go durations since a bare number would be nanoseconds; table sizes under <c>bpf</c>),
/// and <c>rollOutCiliumPods</c> because the agent reads cilium-config only when it starts. The dead
/// <c>bpf.ct*Timeout</c> keys the conntrack settings supersede are removed, and the run says so.
/// </summary>
public sealed class CiliumModule
{
    public void Apply(CiliumTuning cilium, GenerationContext context)
    {
        var doc = context.FindDocument(cilium.HelmRelease, "HelmRelease");
        var tuning = new PlanTuning("cilium", "HelmRelease values, in place");
        var values = HelmValues.Open(context, tuning, cilium.HelmRelease, doc, cilium.Values, CiliumFacts.ValuesKey);

        if (cilium.Conntrack is { } conntrack)
        {
            RemoveDeadKeys(context, tuning, values, conntrack);
            // Each setting on its own: one the chart release does not read is refused, and the others are still checked.
            foreach (var entry in conntrack.Entries)
                context.Attempt(() => values.Set(entry.Setting.ValuesPath, entry.Scalar, entry.At,
                    entry.Setting.Value == ConntrackValue.Duration ? ScalarStyle.DoubleQuoted : ScalarStyle.Plain));
        }
        if (cilium.RollOutPods is { } rollOut) context.Attempt(() => values.Set(CiliumFacts.RollOutPods, ScalarValue.Boolean(rollOut), cilium.At));
    }

    /// <summary>The spec's conntrack supersedes the dead keys, so they go from every values source, and the run (and plan) says so.</summary>
    private static void RemoveDeadKeys(GenerationContext context, PlanTuning tuning, HelmValues values, ConntrackTuning conntrack)
    {
        foreach (var source in values.Sources)
        {
            // Positions are taken before anything is deleted, so each note points at the line the user sees.
            var dead = CiliumFacts.DeadKeys
                .Select(k => (Key: k, Node: source.Find(context.Workspace, k.ValuesPath)))
                .Where(k => k.Node is not null)
                .ToList();
            foreach (var (key, node) in dead)
            {
                var replacement = key.SpecKey is null
                    ? CiliumFacts.NoCloseTimeout
                    : $"conntrack.{key.SpecKey} sets {CiliumFacts.Setting(key.SpecKey).ValuesPath}";
                var hint = key.SpecKey is not null && conntrack[key.SpecKey] is null && node is ScalarNode s
                    ? $"to keep the value it meant, add conntrack.{key.SpecKey}: {s.Value}s to the spec" : null;
                context.Diagnostics.Add(Diagnostic.Of(DiagnosticCodes.DeadCiliumKeyRemoved, source.Where.RepoPath,
                    source.Where.PositionOf(context.Workspace, node!.ContentStart),
                    $"generate removes {source.PathOf(key.ValuesPath)}: it is not a Cilium chart value and never reached the agent; {replacement}", hint));
            }
            if (dead.Count > 0) context.RemoveDeadKeys(tuning, source.Where, dead.Select(d => source.PathOf(d.Key.ValuesPath)).ToList());
        }
    }
}
