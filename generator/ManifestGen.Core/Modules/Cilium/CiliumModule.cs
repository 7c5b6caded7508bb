using ManifestGen.Diagnostics;
using ManifestGen.Generation;
using ManifestGen.Spec;
using ManifestGen.Yaml;

namespace ManifestGen.Modules.Cilium;

/// <summary>
/// Cilium conntrack tuning, written into the Cilium HelmRelease's values in place:
/// timeouts as cilium-config keys under <c>extraConfig</c> (quoted Go durations: a bare number would
/// be nanoseconds), table sizes under <c>bpf</c>, and <c>rollOutCiliumPods</c> because the agent reads
/// cilium-config only when it starts.
/// </summary>
public sealed class CiliumModule : ITuningModule
{
    private static readonly YamlPath Values = YamlPath.Keys("spec", "values");

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
        var file = cilium.HelmRelease.RepoPath;
        var doc = context.FindDocument(cilium.HelmRelease, "HelmRelease");
        context.BeginTuning("cilium", "HelmRelease values, in place");

        if (cilium.Conntrack is { } conntrack)
        {
            RemoveDeadKeys(context, file, doc, conntrack);
            foreach (var timeout in conntrack.Timeouts)
                context.SetManaged(file, doc, Values.Key("extraConfig").Key(timeout.ConfigKey),
                    ScalarValue.String(timeout.Value.Text), ScalarStyle.DoubleQuoted);
            if (conntrack.TcpMax is { } tcpMax)
                context.SetManaged(file, doc, Values.Key("bpf").Key("ctTcpMax"), ScalarValue.Integer(tcpMax));
            if (conntrack.AnyMax is { } anyMax)
                context.SetManaged(file, doc, Values.Key("bpf").Key("ctAnyMax"), ScalarValue.Integer(anyMax));
        }
        if (cilium.RollOutPods is { } rollOut)
            context.SetManaged(file, doc, Values.Key("rollOutCiliumPods"), ScalarValue.Boolean(rollOut));
    }

    /// <summary>The spec's conntrack supersedes the dead keys, so they go, and the run says so.</summary>
    private static void RemoveDeadKeys(GenerationContext context, string file, DocumentRef doc, ConntrackTuning conntrack)
    {
        // Positions are taken before anything is deleted, so each note points at the line the user sees.
        var yaml = context.Workspace.ReadYaml(file);
        var dead = DeadBpfKeys
            .Select(k => (k.Key, k.SpecKey, Path: Values.Key("bpf").Key(k.Key)))
            .Select(k => (k.Key, k.SpecKey, k.Path, Node: TargetReads.In(file, () => YamlEditor.Get(yaml, doc.Selector, k.Path))))
            .Where(k => k.Node is not null)
            .ToList();
        foreach (var (key, specKey, path, node) in dead)
        {
            var replacement = specKey is null
                ? "Cilium has no TCP close timeout"
                : $"conntrack.{specKey} sets extraConfig.{SpecLoader.ConntrackTimeoutKeys.First(k => k.SpecKey == specKey).ConfigKey}";
            var hint = specKey is not null && conntrack.Timeouts.All(t => t.SpecKey != specKey) && node is ScalarNode s
                ? $"to keep the value it meant, add conntrack.{specKey}: {s.Value}s to the spec" : null;
            context.Diagnostics.Add(Diagnostic.Info(DiagnosticCodes.DeadCiliumKeyRemoved, file, yaml.Source.PositionOf(node!.ContentStart),
                $"generate removes spec.values.bpf.{key}: it is not a Cilium chart value and never reached the agent; {replacement}", hint));
        }
        if (dead.Count > 0) context.Workspace.Edit(file, dead.Select(d => (YamlEdit)new DeleteKey(doc.Selector, d.Path)));
    }
}
