using System.Globalization;
using ManifestGen.Live;
using ManifestGen.Spec;
using ManifestGen.Values;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Modules.Cilium;

/// <summary>
/// Whether the Cilium tuning runs: cilium-config holds each conntrack setting under its config key (durations
/// compared as Go reads them, a bare number being nanoseconds), the agents have rolled out since, the pod template
/// carries the rollout annotation; a dead key still in the values is checked by what it meant, never as applied.
/// </summary>
public static class CiliumLiveChecks
{
    public static IEnumerable<LiveRef> Needed(CiliumTuning cilium, RepositoryWorkspace workspace)
    {
        var ns = Namespace(cilium, workspace);
        return [new LiveRef("ConfigMap", ns, CiliumFacts.ConfigMap), new LiveRef("DaemonSet", ns, CiliumFacts.DaemonSet)];
    }

    public static void Check(CiliumTuning cilium, RepositoryWorkspace workspace, ValueSources values, LiveObjects live, List<TuningCheck> checks)
    {
        var ns = Namespace(cilium, workspace);
        var configRef = new LiveRef("ConfigMap", ns, CiliumFacts.ConfigMap);
        var config = live.Find(configRef);

        foreach (var entry in cilium.Conntrack?.Entries ?? [])
        {
            var name = $"cilium.conntrack.{entry.Setting.SpecKey}";
            checks.Add(entry.Duration is { } d
                ? LiveChecks.Duration(name, entry.Setting.ConfigKey, d.Text, d.Nanoseconds, config, configRef)
                : LiveChecks.Count(name, entry.Setting.ConfigKey, entry.Size!.Value, config, configRef));
        }
        DeadKeys(cilium, workspace, values, config, configRef, checks);

        var daemonSetRef = new LiveRef("DaemonSet", ns, CiliumFacts.DaemonSet);
        var daemonSet = live.Find(daemonSetRef);
        if (cilium.RollOutPods is { } rollOut)
        {
            var annotated = YamlValue.At(daemonSet, "spec", "template", "metadata", "annotations", CiliumFacts.RolloutAnnotation) is not null;
            checks.Add(daemonSet is null
                ? new TuningCheck("cilium.rollOutPods", TuningStatus.Unknown, "(not in the input)", rollOut.ToString().ToLowerInvariant(), daemonSetRef)
                : new TuningCheck("cilium.rollOutPods", annotated == rollOut ? TuningStatus.InEffect : TuningStatus.NotInEffect,
                    annotated ? "true" : "false", rollOut ? "true" : "false", daemonSetRef,
                    $"the pod template {(annotated ? "carries" : "lacks")} {CiliumFacts.RolloutAnnotation}"));
        }
        if (cilium.Conntrack is null) return;
        // The agents read cilium-config when they start: a change is in effect once they have rolled out.
        if (daemonSet is null)
        {
            checks.Add(new TuningCheck("cilium.agents rolled out", TuningStatus.Unknown, "(not in the input)", "rolled out", daemonSetRef));
            return;
        }
        var generation = LiveChecks.Number(YamlValue.At(daemonSet, "metadata", "generation"));
        var observed = LiveChecks.Number(YamlValue.At(daemonSet, "status", "observedGeneration"));
        var desired = LiveChecks.Number(YamlValue.At(daemonSet, "status", "desiredNumberScheduled"));
        var updated = LiveChecks.Number(YamlValue.At(daemonSet, "status", "updatedNumberScheduled")) ?? 0;
        var done = generation is not null && observed == generation && desired is not null && updated == desired;
        checks.Add(new TuningCheck("cilium.agents rolled out", done ? TuningStatus.InEffect : TuningStatus.NotInEffect,
            done ? "rolled out" : "rolling out", "rolled out", daemonSetRef,
            $"generation {generation?.ToString(CultureInfo.InvariantCulture) ?? "?"}, observed {observed?.ToString(CultureInfo.InvariantCulture) ?? "?"}, " +
            $"{updated.ToString(CultureInfo.InvariantCulture)} of {desired?.ToString(CultureInfo.InvariantCulture) ?? "?"} agents updated"));
    }

    /// <summary>The dead bpf.ct*Timeout keys still in the committed values: what they meant, checked against cilium-config.</summary>
    private static void DeadKeys(CiliumTuning cilium, RepositoryWorkspace workspace, ValueSources values, YamlMap? config, LiveRef configRef, List<TuningCheck> checks)
    {
        if (TargetDocuments.TryFind(workspace, cilium.HelmRelease, "HelmRelease") is not { } doc) return;
        var (sources, _) = values.Each(cilium.HelmRelease.RepoPath, DocumentRef.Of(doc), cilium.Values, CiliumFacts.ValuesKey);
        foreach (var source in sources)
        {
            foreach (var dead in CiliumFacts.DeadKeys)
            {
                if (source.Find(workspace, dead.ValuesPath) is not ScalarNode node) continue;
                var name = $"{source.PathOf(dead.ValuesPath)} (dead key)";
                var where = $"in {source.Where.RepoPath}; the key never reaches the agent, only extraConfig does";
                if (dead.SpecKey is null)
                {
                    checks.Add(new TuningCheck(name, TuningStatus.NotInEffect, CiliumFacts.NoCloseTimeout, $"{node.Value} (seconds, as written)", configRef, where));
                    continue;
                }
                var configKey = CiliumFacts.Setting(dead.SpecKey).ConfigKey;
                // The runbooks that wrote these meant seconds.
                var meant = decimal.TryParse(node.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? seconds * 1_000_000_000m : (decimal?)null;
                var liveText = config is null ? null : YamlValue.TextOf(YamlValue.At(config, "data", configKey));
                var status = config is null ? TuningStatus.Unknown
                    : meant is not null && LiveValues.Duration(liveText) == meant ? TuningStatus.InEffect : TuningStatus.NotInEffect;
                checks.Add(new TuningCheck(name, status, config is null ? "(not in the input)" : liveText is null ? $"{configKey} absent" : $"{configKey}={liveText}",
                    $"{configKey}={node.Value}s", configRef, where));
            }
        }
    }

    private static string Namespace(CiliumTuning cilium, RepositoryWorkspace workspace) =>
        LiveChecks.ReleaseNamespace(workspace, cilium.HelmRelease) ?? "kube-system";
}
