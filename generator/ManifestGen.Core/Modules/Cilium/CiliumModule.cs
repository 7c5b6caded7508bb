using ManifestGen.Diagnostics;
using ManifestGen.Generation;
using ManifestGen.Spec;
using ManifestGen.Values;
using ManifestGen.Yaml;

namespace ManifestGen.Modules.Cilium;

/// <summary>
/// Cilium conntrack tuning, written into the Cilium HelmRelease's values where they live (see <see cref="HelmValues"/>):
/// timeouts as cilium-config keys under <c>extraConfig</c> (quoted Go durations: a bare number would
/// be nanoseconds), table sizes under <c>bpf</c>, and <c>rollOutCiliumPods</c> because the agent reads
/// cilium-config only when it starts.
/// </summary>
public sealed class CiliumModule : ITuningModule
{
    /// <summary>Keys people write under bpf that no Cilium chart has ever had: they do nothing.</summary>
    public static readonly IReadOnlyList<(string Key, string? SpecKey)> DeadBpfKeys =
    [
        ("ctTcpTimeout", "tcpTimeout"),
        ("ctAnyTimeout", "anyTimeout"),
        ("ctTcpTimeoutFin", "tcpFinTimeout"),
        ("ctTcpTimeoutClose", null),
    ];

    public void Apply(ClusterTuningSpec spec, GenerationContext context)
    {
        if (spec.Cilium is not { } cilium) return;
        var doc = context.FindDocument(cilium.HelmRelease, "HelmRelease");
        var values = HelmValues.Open(context, cilium.HelmRelease, doc, cilium.Values, "cilium.values");
        context.BeginTuning("cilium", "HelmRelease values, in place");

        if (cilium.Conntrack is { } conntrack)
        {
            RemoveDeadKeys(context, values, conntrack);
            foreach (var timeout in conntrack.Timeouts)
                values.Set(YamlPath.Keys("extraConfig", timeout.ConfigKey), ScalarValue.String(timeout.Value.Text), ScalarStyle.DoubleQuoted);
            if (conntrack.TcpMax is { } tcpMax) values.Set(YamlPath.Keys("bpf", "ctTcpMax"), ScalarValue.Integer(tcpMax));
            if (conntrack.AnyMax is { } anyMax) values.Set(YamlPath.Keys("bpf", "ctAnyMax"), ScalarValue.Integer(anyMax));
        }
        if (cilium.RollOutPods is { } rollOut) values.Set(YamlPath.Keys("rollOutCiliumPods"), ScalarValue.Boolean(rollOut));
    }

    /// <summary>The spec's conntrack supersedes the dead keys, so they go from every values source, and the run says so.</summary>
    private static void RemoveDeadKeys(GenerationContext context, HelmValues values, ConntrackTuning conntrack)
    {
        foreach (var source in values.Sources)
        {
            // Positions are taken before anything is deleted, so each note points at the line the user sees.
            var dead = DeadBpfKeys
                .Select(k => (k.Key, k.SpecKey, Path: YamlPath.Keys("bpf", k.Key)))
                .Select(k => (k.Key, k.SpecKey, k.Path, Node: source.Find(context.Workspace, k.Path)))
                .Where(k => k.Node is not null)
                .ToList();
            foreach (var (key, specKey, _, node) in dead)
            {
                var replacement = specKey is null
                    ? "Cilium has no TCP close timeout"
                    : $"conntrack.{specKey} sets extraConfig.{SpecLoader.ConntrackTimeoutKeys.First(k => k.SpecKey == specKey).ConfigKey}";
                var hint = specKey is not null && conntrack.Timeouts.All(t => t.SpecKey != specKey) && node is ScalarNode s
                    ? $"to keep the value it meant, add conntrack.{specKey}: {s.Value}s to the spec" : null;
                context.Diagnostics.Add(Diagnostic.Info(DiagnosticCodes.DeadCiliumKeyRemoved, source.Where.RepoPath,
                    source.Where.PositionOf(context.Workspace, node!.ContentStart),
                    $"generate removes {source.PathOf(YamlPath.Keys("bpf", key))}: it is not a Cilium chart value and never reached the agent; {replacement}", hint));
            }
            if (dead.Count > 0) source.Where.Edit(context.Workspace, dead.Select(d => (YamlEdit)new DeleteKey(source.Where.Selector, source.PathOf(d.Path))));
        }
    }
}
