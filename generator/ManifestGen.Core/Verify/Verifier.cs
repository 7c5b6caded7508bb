using System.Globalization;
using ManifestGen.Diagnostics;
using ManifestGen.Generation;
using ManifestGen.Modules.Cilium;
using ManifestGen.Modules.Workloads;
using ManifestGen.Spec;
using ManifestGen.Values;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Verify;

/// <summary>
/// Checks, tuning by tuning, that what the spec asks for is what runs, from the live objects rather
/// than from Git: cilium-config holds the conntrack keys and the agents have rolled out since; the
/// TridentBackendConfig holds the limit; trident-controller's containers carry the flags and resources
/// (on QNAP's build the TridentOrchestrator field alone proves nothing). A dead Cilium key in the
/// committed values is reported by what it meant, and never as applied.
/// </summary>
public static class Verifier
{
    /// <summary>cilium-config keys of the table sizes (the chart writes bpf.ctTcpMax / ctAnyMax there).</summary>
    public const string TcpMaxKey = "bpf-ct-global-tcp-max";
    public const string AnyMaxKey = "bpf-ct-global-any-max";

    /// <summary>The pod-template annotation the Cilium chart sets with rollOutCiliumPods, so a cilium-config change rolls the agents.</summary>
    public const string RolloutAnnotation = "cilium.io/cilium-configmap-checksum";

    public static IReadOnlyList<TuningCheck> Check(ClusterTuningSpec spec, RepositoryWorkspace workspace, LiveObjects live)
    {
        var checks = new List<TuningCheck>();
        if (spec.Cilium is { } cilium) Cilium(cilium, workspace, live, checks);
        if (spec.Trident?.Backend is { } backend) Backend(backend, workspace, live, checks);
        if (spec.Trident?.Orchestrator is { } orchestrator) Orchestrator(orchestrator, workspace, live, checks);
        foreach (var workload in spec.Workloads) Workload(workload, live, checks);
        return checks;
    }

    /// <summary>Every object <see cref="Check"/> reads, for <c>verify --print-kubectl</c>.</summary>
    public static IReadOnlyList<LiveRef> Needed(ClusterTuningSpec spec, RepositoryWorkspace workspace)
    {
        var refs = new List<LiveRef>();
        if (spec.Cilium is { } cilium)
        {
            var ns = CiliumNamespace(cilium, workspace);
            refs.Add(new LiveRef("ConfigMap", ns, "cilium-config"));
            refs.Add(new LiveRef("DaemonSet", ns, "cilium"));
        }
        if (spec.Trident?.Backend is { } backend) refs.Add(BackendRef(backend, workspace));
        if (spec.Trident?.Orchestrator is { } orchestrator) refs.Add(ControllerRef(orchestrator, workspace));
        refs.AddRange(spec.Workloads.Select(w => new LiveRef(w.Target.Kind, w.Target.Namespace, w.Target.Name)));
        return refs.Distinct().ToList();
    }

    private static void Cilium(CiliumTuning cilium, RepositoryWorkspace workspace, LiveObjects live, List<TuningCheck> checks)
    {
        var ns = CiliumNamespace(cilium, workspace);
        var configRef = new LiveRef("ConfigMap", ns, "cilium-config");
        var config = live.Find(configRef);
        string? Key(string key) => config is null ? null : YamlValue.TextOf(YamlValue.At(config, "data", key));

        if (cilium.Conntrack is { } ct)
        {
            foreach (var t in ct.Timeouts)
                checks.Add(Duration($"cilium.conntrack.{t.SpecKey}", t.ConfigKey, t.Value.Text, t.Value.Nanoseconds, config, configRef, Key(t.ConfigKey)));
            if (ct.TcpMax is { } tcp) checks.Add(Count("cilium.conntrack.tcpMax", TcpMaxKey, tcp, config, configRef, Key(TcpMaxKey)));
            if (ct.AnyMax is { } any) checks.Add(Count("cilium.conntrack.anyMax", AnyMaxKey, any, config, configRef, Key(AnyMaxKey)));
        }
        DeadKeys(cilium, workspace, config, configRef, checks);

        var daemonSetRef = new LiveRef("DaemonSet", ns, "cilium");
        var daemonSet = live.Find(daemonSetRef);
        if (cilium.RollOutPods is { } rollOut)
        {
            var annotated = YamlValue.At(daemonSet, "spec", "template", "metadata", "annotations", RolloutAnnotation) is not null;
            checks.Add(daemonSet is null
                ? new TuningCheck("cilium.rollOutPods", TuningStatus.Unknown, "(not in the input)", rollOut.ToString().ToLowerInvariant(), daemonSetRef)
                : new TuningCheck("cilium.rollOutPods", annotated == rollOut ? TuningStatus.InEffect : TuningStatus.NotInEffect,
                    annotated ? "true" : "false", rollOut ? "true" : "false", daemonSetRef,
                    $"the pod template {(annotated ? "carries" : "lacks")} {RolloutAnnotation}"));
        }
        if (cilium.Conntrack is not null)
        {
            // The agents read cilium-config when they start: a change is in effect once they have rolled out.
            if (daemonSet is null)
                checks.Add(new TuningCheck("cilium.agents rolled out", TuningStatus.Unknown, "(not in the input)", "rolled out", daemonSetRef));
            else
            {
                var generation = Number(YamlValue.At(daemonSet, "metadata", "generation"));
                var observed = Number(YamlValue.At(daemonSet, "status", "observedGeneration"));
                var desired = Number(YamlValue.At(daemonSet, "status", "desiredNumberScheduled"));
                var updated = Number(YamlValue.At(daemonSet, "status", "updatedNumberScheduled")) ?? 0;
                var done = generation is not null && observed == generation && desired is not null && updated == desired;
                checks.Add(new TuningCheck("cilium.agents rolled out", done ? TuningStatus.InEffect : TuningStatus.NotInEffect,
                    done ? "rolled out" : "rolling out", "rolled out", daemonSetRef,
                    $"generation {generation?.ToString(CultureInfo.InvariantCulture) ?? "?"}, observed {observed?.ToString(CultureInfo.InvariantCulture) ?? "?"}, " +
                    $"{updated.ToString(CultureInfo.InvariantCulture)} of {desired?.ToString(CultureInfo.InvariantCulture) ?? "?"} agents updated"));
            }
        }
    }

    /// <summary>The dead bpf.ct*Timeout keys still in the committed values: what they meant, checked against cilium-config.</summary>
    private static void DeadKeys(CiliumTuning cilium, RepositoryWorkspace workspace, YamlMap? config, LiveRef configRef, List<TuningCheck> checks)
    {
        IReadOnlyList<ValueSource> sources;
        try
        {
            var doc = workspace.ReadYaml(cilium.HelmRelease.RepoPath).Documents.FirstOrDefault(d => d.Kind == "HelmRelease");
            if (doc is null) return;
            sources = ValueSourceResolver.Resolve(workspace, cilium.HelmRelease.RepoPath, DocumentRef.Of(doc), cilium.Values, "cilium.values");
        }
        catch (InvalidInputException)
        {
            return;
        }
        foreach (var source in sources)
        {
            foreach (var (key, specKey) in CiliumModule.DeadBpfKeys)
            {
                if (source.Find(workspace, YamlPath.Keys("bpf", key)) is not ScalarNode node) continue;
                var name = $"{source.PathOf(YamlPath.Keys("bpf", key))} (dead key)";
                var where = $"in {source.Where.RepoPath}; the key never reaches the agent, only extraConfig does";
                var configKey = specKey is null ? null : SpecLoader.ConntrackTimeoutKeys.First(k => k.SpecKey == specKey).ConfigKey;
                if (configKey is null)
                {
                    checks.Add(new TuningCheck(name, TuningStatus.NotInEffect, "Cilium has no TCP close timeout", $"{node.Value} (seconds, as written)", configRef, where));
                    continue;
                }
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

    private static TuningCheck Duration(string name, string key, string wantedText, decimal wanted, YamlMap? config, LiveRef configRef, string? liveText)
    {
        if (config is null) return new TuningCheck(name, TuningStatus.Unknown, "(not in the input)", $"{key}={wantedText}", configRef);
        var status = LiveValues.Duration(liveText) == wanted ? TuningStatus.InEffect : TuningStatus.NotInEffect;
        return new TuningCheck(name, status, liveText is null ? $"{key} absent" : $"{key}={liveText}", $"{key}={wantedText}", configRef);
    }

    private static TuningCheck Count(string name, string key, long wanted, YamlMap? config, LiveRef configRef, string? liveText)
    {
        var wantedText = $"{key}={wanted.ToString(CultureInfo.InvariantCulture)}";
        if (config is null) return new TuningCheck(name, TuningStatus.Unknown, "(not in the input)", wantedText, configRef);
        var same = long.TryParse(liveText?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n == wanted;
        return new TuningCheck(name, same ? TuningStatus.InEffect : TuningStatus.NotInEffect, liveText is null ? $"{key} absent" : $"{key}={liveText}", wantedText, configRef);
    }

    private static void Backend(TridentBackendTuning backend, RepositoryWorkspace workspace, LiveObjects live, List<TuningCheck> checks)
    {
        if (backend.LimitVolumeSize is not { } limit) return;
        var reference = BackendRef(backend, workspace);
        var obj = live.Find(reference);
        if (obj is null)
        {
            checks.Add(new TuningCheck("trident.backend.limitVolumeSize", TuningStatus.Unknown, "(not in the input)", limit.Text, reference));
            return;
        }
        var liveText = YamlValue.TextOf(YamlValue.At(obj, "spec", "limitVolumeSize"));
        var phase = YamlValue.TextOf(YamlValue.At(obj, "status", "phase"));
        checks.Add(new TuningCheck("trident.backend.limitVolumeSize", LiveValues.SameQuantity(liveText, limit.Text) ? TuningStatus.InEffect : TuningStatus.NotInEffect,
            liveText ?? "(absent)", limit.Text, reference, $"phase {phase ?? "unknown"}"));
    }

    private static void Orchestrator(TridentOrchestratorTuning orchestrator, RepositoryWorkspace workspace, LiveObjects live, List<TuningCheck> checks)
    {
        var reference = ControllerRef(orchestrator, workspace);
        var controller = live.Find(reference);
        var containers = Containers(controller);
        if (orchestrator.K8sApiQps is { } qps)
        {
            var wanted = qps.ToString(CultureInfo.InvariantCulture);
            var main = containers.GetValueOrDefault("trident-main");
            var sidecars = string.Join(", ", containers.Where(c => c.Key.StartsWith("csi-", StringComparison.Ordinal))
                .Select(c => $"{c.Key} {LiveValues.Flag(PodTemplate.Args(c.Value), "--kube-api-qps") ?? "default"}"));
            var note = $"sidecars' --kube-api-qps: {(sidecars.Length == 0 ? "none found" : sidecars)} (they follow k8sAPIQPS up to Trident 25.x, max(N/4, 10) from 26.06)";
            if (controller is null)
                checks.Add(new TuningCheck("trident.orchestrator.k8sAPIQPS", TuningStatus.Unknown, "(not in the input)", $"--k8s_api_qps={wanted}", reference));
            else
            {
                var flag = main is null ? null : LiveValues.Flag(PodTemplate.Args(main), "--k8s_api_qps");
                checks.Add(new TuningCheck("trident.orchestrator.k8sAPIQPS", flag == wanted ? TuningStatus.InEffect : TuningStatus.NotInEffect,
                    main is null ? "(no trident-main container)" : flag is null ? "trident-main has no --k8s_api_qps" : $"--k8s_api_qps={flag}",
                    $"--k8s_api_qps={wanted}", reference, note));
            }
        }
        foreach (var c in orchestrator.Resources ?? [])
            Resources($"trident.orchestrator.resources.{c.Container}", c.Container, c.Resources, controller, containers, reference, checks);
    }

    private static void Workload(WorkloadTuning workload, LiveObjects live, List<TuningCheck> checks)
    {
        var reference = new LiveRef(workload.Target.Kind, workload.Target.Namespace, workload.Target.Name);
        var obj = live.Find(reference);
        var containers = Containers(obj);
        foreach (var intent in workload.Containers)
        {
            var container = containers.GetValueOrDefault(intent.Name);
            foreach (var flag in intent.Flags)
            {
                var name = $"workload {workload.Name}: {intent.Name} {flag.Flag}";
                if (obj is null) { checks.Add(new TuningCheck(name, TuningStatus.Unknown, "(not in the input)", flag.Joined, reference)); continue; }
                var value = container is null ? null : LiveValues.Flag(PodTemplate.Args(container), flag.Flag);
                checks.Add(new TuningCheck(name, value == flag.Value ? TuningStatus.InEffect : TuningStatus.NotInEffect,
                    container is null ? $"no container {intent.Name}" : value is null ? "(flag absent)" : $"{flag.Flag}={value}", flag.Joined, reference,
                    container is not null && value is not null ? "the last occurrence counts, as Go's flag package reads it" : null));
            }
            Resources($"workload {workload.Name}: {intent.Name}", intent.Name, intent.Resources, obj, containers, reference, checks);
        }
    }

    private static void Resources(string prefix, string containerName, ResourceSettings resources, YamlMap? obj,
        IReadOnlyDictionary<string, YamlMap> containers, LiveRef reference, List<TuningCheck> checks)
    {
        var container = containers.GetValueOrDefault(containerName);
        foreach (var (kind, list) in new[] { ("requests", resources.Requests), ("limits", resources.Limits) })
        {
            foreach (var (key, wanted) in list)
            {
                var name = $"{prefix} {kind}.{key}";
                if (obj is null) { checks.Add(new TuningCheck(name, TuningStatus.Unknown, "(not in the input)", wanted, reference)); continue; }
                var value = container is null ? null : YamlValue.TextOf(YamlValue.At(container, "resources", kind, key));
                checks.Add(new TuningCheck(name, LiveValues.SameQuantity(value, wanted) ? TuningStatus.InEffect : TuningStatus.NotInEffect,
                    container is null ? $"no container {containerName}" : value ?? "(absent)", wanted, reference));
            }
        }
    }

    private static Dictionary<string, YamlMap> Containers(YamlMap? obj)
    {
        var result = new Dictionary<string, YamlMap>(StringComparer.Ordinal);
        foreach (var c in (YamlValue.At(obj, "spec", "template", "spec", "containers") as YamlSeq)?.Items.OfType<YamlMap>() ?? [])
            if (YamlValue.TextOf(c.Get("name")) is { } name) result.TryAdd(name, c);
        return result;
    }

    private static long? Number(YamlValue? value) =>
        long.TryParse(YamlValue.TextOf(value), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>Where helm-controller installs a release: spec.targetNamespace, else the HelmRelease's namespace.</summary>
    private static string? ReleaseNamespace(RepositoryWorkspace workspace, string helmReleasePath)
    {
        try
        {
            var doc = workspace.ReadYaml(helmReleasePath).Documents.FirstOrDefault(d => d.Kind == "HelmRelease");
            var data = YamlValue.FromNode(doc?.Root);
            return YamlValue.TextOf(YamlValue.At(data, "spec", "targetNamespace")) ?? doc?.Namespace;
        }
        catch (InvalidInputException)
        {
            return null;
        }
    }

    private static string CiliumNamespace(CiliumTuning cilium, RepositoryWorkspace workspace) =>
        ReleaseNamespace(workspace, cilium.HelmRelease.RepoPath) ?? "kube-system";

    private static LiveRef ControllerRef(TridentOrchestratorTuning orchestrator, RepositoryWorkspace workspace) =>
        new("Deployment", ReleaseNamespace(workspace, orchestrator.HelmRelease.RepoPath) ?? "trident", "trident-controller");

    private static LiveRef BackendRef(TridentBackendTuning backend, RepositoryWorkspace workspace)
    {
        try
        {
            var doc = workspace.ReadYaml(backend.File.RepoPath).Documents
                .FirstOrDefault(d => d.Kind == "TridentBackendConfig" && (backend.Name is null || d.Name == backend.Name));
            return new LiveRef("TridentBackendConfig", doc?.Namespace, backend.Name ?? doc?.Name ?? "?");
        }
        catch (InvalidInputException)
        {
            return new LiveRef("TridentBackendConfig", null, backend.Name ?? "?");
        }
    }
}
