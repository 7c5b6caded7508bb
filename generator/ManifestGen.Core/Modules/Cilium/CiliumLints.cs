using ManifestGen.Diagnostics;
using ManifestGen.Values;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Modules.Cilium;

/// <summary>
/// Settings in a Cilium HelmRelease's values that look like tuning but do nothing, or something else than meant:
/// the dead <c>bpf.ct*Timeout</c> keys (MG0001: no chart release reads them, which the chart data confirms; they
/// are reported here, in their own words, and not again as MG0009), conntrack timeouts without a unit (MG0002),
/// and conntrack tuning that waits for the agents' next restart (MG0003).
/// </summary>
public static class CiliumLints
{
    /// <summary>The paths these lints report themselves, so the chart-values check leaves them out.</summary>
    public static bool ReportsItself(IReadOnlyList<string> path) => CiliumFacts.DeadKeyAt(path) is not null;

    /// <summary>MG0001 and MG0002 in every values source.</summary>
    public static IEnumerable<Diagnostic> Values(IReadOnlyList<ValueSource> sources, RepositoryWorkspace workspace)
    {
        foreach (var source in sources)
        {
            if (source.Where.ReadOriginal(workspace) is not { } values) continue;
            foreach (var dead in CiliumFacts.DeadKeys)
            {
                if (source.Find(values, dead.ValuesPath) is null) continue;
                var replacement = dead.SpecKey is null
                    ? $"{CiliumFacts.NoCloseTimeout}; delete it"
                    : $"set {CiliumFacts.Setting(dead.SpecKey).ValuesPath} with a unit, or spec.cilium.conntrack.{dead.SpecKey}";
                yield return Diagnostic.Of(DiagnosticCodes.DeadCiliumKey, source.Where.RepoPath,
                    source.Where.OriginalPositionOf(workspace, source.PathOf(dead.ValuesPath)),
                    $"{source.PathOf(dead.ValuesPath)} is not a Cilium chart value: it does nothing", replacement);
            }
            if (source.Find(values, CiliumFacts.ExtraConfig) is not MappingNode extra) continue;
            foreach (var entry in extra.Entries.Where(e => e.KeyText?.StartsWith(CiliumFacts.TimeoutKeyPrefix, StringComparison.Ordinal) == true))
            {
                if (entry.Value is not ScalarNode s) continue;
                var text = s.Value.Trim();
                if (text.Length > 0 && text.All(char.IsAsciiDigit))
                    yield return Diagnostic.Of(DiagnosticCodes.BareTimeout, source.Where.RepoPath,
                        source.Where.OriginalPositionOf(workspace, source.PathOf(CiliumFacts.ExtraConfig.Key(entry.KeyText!))),
                        $"extraConfig.{entry.KeyText} is {text} without a unit: Cilium reads it as {text} nanoseconds",
                        $"write \"{text}s\" for seconds");
            }
        }
    }

    /// <summary>MG0003: conntrack tuning while nothing rolls the agents (the last source that sets rollOutCiliumPods decides).</summary>
    public static IEnumerable<Diagnostic> Spec(CiliumTuning cilium, IReadOnlyList<ValueSource> sources, RepositoryWorkspace workspace)
    {
        if (cilium.Conntrack is null || cilium.RollOutPods == true) yield break;
        var rollOut = false;
        foreach (var source in sources)
            if (source.Where.ReadOriginal(workspace) is { } values && source.Find(values, CiliumFacts.RollOutPods) is ScalarNode r)
                rollOut = r.ToValue().Canonical == "true";
        if (!rollOut)
            yield return Diagnostic.Of(DiagnosticCodes.ConntrackWithoutRollout, cilium.At.File, cilium.At.Position,
                "conntrack tuning without rollOutCiliumPods: the agents read cilium-config only when they start, so the change waits for their next restart",
                "add rollOutPods: true under spec.cilium");
    }
}
