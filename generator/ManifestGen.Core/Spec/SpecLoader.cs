using ManifestGen.Diagnostics;
using ManifestGen.Yaml;

namespace ManifestGen.Spec;

/// <summary>
/// Reads <c>manifestgen.io/v1alpha1 ClusterTuning</c> into <see cref="ClusterTuningSpec"/>. Every
/// problem becomes a diagnostic with the spec's line and column; a spec with errors yields no spec.
/// </summary>
public static class SpecLoader
{
    public const string ApiVersion = "manifestgen.io/v1alpha1";
    public const string Kind = "ClusterTuning";

    /// <summary>The spec files are read whole; anything larger is not a hand-written spec.</summary>
    public const long MaxFileBytes = 4 * 1024 * 1024;

    /// <summary>Spec conntrack keys and the cilium-config keys they set, in the order they are written.</summary>
    public static readonly IReadOnlyList<(string SpecKey, string ConfigKey)> ConntrackTimeoutKeys =
    [
        ("tcpTimeout", "bpf-ct-timeout-regular-tcp"),
        ("tcpSynTimeout", "bpf-ct-timeout-regular-tcp-syn"),
        ("tcpFinTimeout", "bpf-ct-timeout-regular-tcp-fin"),
        ("anyTimeout", "bpf-ct-timeout-regular-any"),
        ("serviceTcpTimeout", "bpf-ct-timeout-service-tcp"),
        ("serviceTcpGrace", "bpf-ct-timeout-service-tcp-grace"),
        ("serviceAnyTimeout", "bpf-ct-timeout-service-any"),
    ];

    public static (ClusterTuningSpec? Spec, IReadOnlyList<Diagnostic> Diagnostics) Load(string specFullPath, RepositoryRoot root)
    {
        var bag = new DiagnosticBag();
        var repoPath = root.Relative(specFullPath);
        if (!File.Exists(specFullPath))
        {
            bag.Add(Diagnostic.Error(DiagnosticCodes.SpecMissing, repoPath, null, $"spec file not found: {specFullPath}",
                "pass --spec PATH, or run from the folder that holds cluster-config/"));
            return (null, bag.Sorted());
        }
        if (new FileInfo(specFullPath).Length > MaxFileBytes)
        {
            bag.Add(Diagnostic.Error(DiagnosticCodes.TargetUnreadable, repoPath, null, $"the spec is larger than {MaxFileBytes / (1024 * 1024)} MiB"));
            return (null, bag.Sorted());
        }
        YamlFile file;
        try
        {
            file = YamlFile.Parse(File.ReadAllBytes(specFullPath));
        }
        catch (YamlEditException e)
        {
            bag.Add(Diagnostic.FromYaml(e, repoPath));
            return (null, bag.Sorted());
        }
        var spec = Read(file, repoPath, Path.GetDirectoryName(specFullPath)!, root, bag);
        return (bag.HasErrors ? null : spec, bag.Sorted());
    }

    private static ClusterTuningSpec? Read(YamlFile file, string repoPath, string specDir, RepositoryRoot root, DiagnosticBag bag)
    {
        var r = new SpecReader(file, repoPath, bag);
        var docs = file.Documents.Where(d => d.Root is not null).ToList();
        if (docs.Count != 1)
        {
            bag.Add(Diagnostic.Error(DiagnosticCodes.SpecBadHeader, repoPath, null, $"the spec must hold exactly one document, not {docs.Count}"));
            return null;
        }
        if (FirstAlias(docs[0].Root) is { } alias)
        {
            // A spec is short and hand-written; aliases only hide what it says (and can multiply it).
            r.Error(DiagnosticCodes.SpecAlias, alias, "anchors and aliases are not allowed in the spec; write each value where it is used");
            return null;
        }
        var top = r.Map(docs[0].Root, "the spec");
        if (top is null)
        {
            if (docs[0].Root is ScalarNode s) r.Error(DiagnosticCodes.SpecWrongType, s, "the spec must be a mapping");
            return null;
        }
        r.Keys(top, "the spec", "apiVersion", "kind", "metadata", "spec");
        var apiVersion = r.String(top, "apiVersion", "", required: true);
        if (apiVersion is not null && apiVersion != ApiVersion)
            r.Error(DiagnosticCodes.SpecBadHeader, top.Find("apiVersion")!.Value, $"apiVersion must be {ApiVersion}, not {apiVersion}");
        var kind = r.String(top, "kind", "", required: true);
        if (kind is not null && kind != Kind)
            r.Error(DiagnosticCodes.SpecBadHeader, top.Find("kind")!.Value, $"kind must be {Kind}, not {kind}");
        var metadata = r.Map(top.Find("metadata")?.Value, "metadata");
        string? name = null;
        if (metadata is null) r.Error(DiagnosticCodes.SpecMissingKey, top, "metadata.name is required");
        else
        {
            r.Keys(metadata, "metadata", "name");
            name = r.String(metadata, "name", "metadata", required: true);
        }
        var spec = r.Map(top.Find("spec")?.Value, "spec");
        if (spec is null)
        {
            if (top.Find("spec") is null) r.Error(DiagnosticCodes.SpecMissingKey, top, "spec is required");
            return new ClusterTuningSpec(name ?? "", repoPath, null, null, []);
        }
        r.Keys(spec, "spec", "cilium", "trident", "workloads");
        var cilium = ReadCilium(r, spec, specDir, root);
        var trident = ReadTrident(r, spec, specDir, root);
        var workloads = WorkloadSpecReader.Read(r, spec, specDir, root);
        return new ClusterTuningSpec(name ?? "", repoPath, cilium, trident, workloads);
    }

    private static CiliumTuning? ReadCilium(SpecReader r, MappingNode spec, string specDir, RepositoryRoot root)
    {
        var entry = spec.Find("cilium");
        var map = r.Map(entry?.Value, "spec.cilium");
        if (entry is null || map is null) return null;
        r.Keys(map, "spec.cilium", "helmRelease", "values", "conntrack", "rollOutPods");
        var helmRelease = Target(r, map, "helmRelease", "spec.cilium", specDir, root);
        var values = map.Find("values") is null ? null : Target(r, map, "values", "spec.cilium", specDir, root);
        var rollOut = r.Bool(map, "rollOutPods", "spec.cilium");
        ConntrackTuning? conntrack = null;
        var ctEntry = map.Find("conntrack");
        if (r.Map(ctEntry?.Value, "spec.cilium.conntrack") is { } ct)
        {
            const string path = "spec.cilium.conntrack";
            r.Keys(ct, path, [.. ConntrackTimeoutKeys.Select(k => k.SpecKey), "tcpMax", "anyMax"]);
            var timeouts = new List<ConntrackTimeout>();
            foreach (var (specKey, configKey) in ConntrackTimeoutKeys)
            {
                var e = ct.Find(specKey);
                if (e is null) continue;
                if (e.Value is not ScalarNode s || s.ToValue() is not { } v || v.Kind is ScalarKind.Null)
                {
                    r.Error(DiagnosticCodes.SpecWrongType, e.Value, $"{path}.{specKey} must be a duration such as 6h or 90s");
                    continue;
                }
                if (!GoDuration.TryParse(v.Text, out var duration, out var why))
                {
                    var hint = v.Kind == ScalarKind.Integer ? $"write {v.Text}s for seconds" : null;
                    r.Error(DiagnosticCodes.SpecBadDuration, e.Value, $"{path}.{specKey}: {why}", hint);
                    continue;
                }
                timeouts.Add(new ConntrackTimeout(specKey, configKey, duration!, r.At(e)));
            }
            // Table sizes in entries; the agent rejects sizes outside its LimitTableMin (2^10) and LimitTableMax (2^24).
            var tcpMax = r.Integer(ct, "tcpMax", path, min: 1 << 10, max: 1 << 24);
            var anyMax = r.Integer(ct, "anyMax", path, min: 1 << 10, max: 1 << 24);
            conntrack = new ConntrackTuning(timeouts, tcpMax, anyMax, r.At(ctEntry!));
        }
        return helmRelease is null ? null : new CiliumTuning(helmRelease, conntrack, rollOut, r.At(entry), values);
    }

    private static TridentTuning? ReadTrident(SpecReader r, MappingNode spec, string specDir, RepositoryRoot root)
    {
        var map = r.Map(spec.Find("trident")?.Value, "spec.trident");
        if (map is null) return null;
        r.Keys(map, "spec.trident", "backend", "orchestrator");

        TridentBackendTuning? backend = null;
        var backendEntry = map.Find("backend");
        if (r.Map(backendEntry?.Value, "spec.trident.backend") is { } b)
        {
            const string path = "spec.trident.backend";
            r.Keys(b, path, "file", "name", "limitVolumeSize");
            var file = Target(r, b, "file", path, specDir, root);
            var name = r.String(b, "name", path);
            VolumeSize? limit = null;
            if (b.Find("limitVolumeSize") is { } le)
            {
                var text = le.Value is ScalarNode s ? s.Value : "";
                if (!VolumeSize.TryParse(text, out limit, out var why))
                    r.Error(DiagnosticCodes.SpecBadQuantity, le.Value, $"{path}.limitVolumeSize: {why}");
            }
            if (file is not null) backend = new TridentBackendTuning(file, name, limit, r.At(backendEntry!));
        }

        TridentOrchestratorTuning? orchestrator = null;
        var orchEntry = map.Find("orchestrator");
        if (r.Map(orchEntry?.Value, "spec.trident.orchestrator") is { } o)
        {
            const string path = "spec.trident.orchestrator";
            r.Keys(o, path, "helmRelease", "values", "build", "k8sAPIQPS", "resources");
            var hr = Target(r, o, "helmRelease", path, specDir, root);
            var values = o.Find("values") is null ? null : Target(r, o, "values", path, specDir, root);
            var qps = r.Integer(o, "k8sAPIQPS", path, min: 1, max: 10_000);
            TridentBuild? build = r.String(o, "build", path) switch
            {
                null => null,
                "netapp" => TridentBuild.NetApp,
                "qnap" => TridentBuild.Qnap,
                var other => BadEnum<TridentBuild>(r, o.Find("build")!.Value, $"{path}.build", other, TridentBuilds),
            };
            var resources = ReadControllerResources(r, o, path);
            if (hr is not null) orchestrator = new TridentOrchestratorTuning(hr, qps, r.At(orchEntry!), build, resources, values);
        }
        return backend is null && orchestrator is null ? null : new TridentTuning(backend, orchestrator);
    }

    /// <summary>The values of <c>trident.orchestrator.build</c>.</summary>
    public static readonly IReadOnlyList<string> TridentBuilds = ["netapp", "qnap"];

    /// <summary>The containers of trident-controller whose resources NetApp's chart sets (resources.controller.NAME, chart 100.2510.0+).</summary>
    public static readonly IReadOnlyList<string> TridentControllerContainers =
        ["trident-main", "csi-provisioner", "csi-attacher", "csi-resizer", "csi-snapshotter", "trident-autosupport"];

    private static T? BadEnum<T>(SpecReader r, YamlNode node, string path, string value, IReadOnlyList<string> valid) where T : struct
    {
        var near = NameSuggester.Nearest(value, valid);
        r.Error(DiagnosticCodes.SpecBadValue, node, $"{path} '{value}' is not one of {string.Join(", ", valid)}",
            near is not null ? $"did you mean '{near}'?" : null);
        return null;
    }

    private static IReadOnlyList<ControllerResources> ReadControllerResources(SpecReader r, MappingNode orchestrator, string path)
    {
        var result = new List<ControllerResources>();
        if (r.Map(orchestrator.Find("resources")?.Value, $"{path}.resources") is not { } map) return result;
        foreach (var entry in map.Entries)
        {
            var name = entry.KeyText ?? "";
            var cpath = $"{path}.resources.{name}";
            if (!TridentControllerContainers.Contains(name, StringComparer.Ordinal))
            {
                var near = NameSuggester.Nearest(name, TridentControllerContainers);
                r.Error(DiagnosticCodes.SpecBadValue, entry.Key,
                    $"{path}.resources: '{name}' is not a container NetApp's chart sets resources for; it sets {string.Join(", ", TridentControllerContainers)}",
                    near is not null ? $"did you mean '{near}'?" : "other containers (QNAP's storage-api-server) need a workload tuning");
                continue;
            }
            if (r.Map(entry.Value, cpath) is not { } res)
            {
                if (entry.Value is ScalarNode) r.Error(DiagnosticCodes.SpecWrongType, entry.Value, $"{cpath} must be a mapping with requests and limits");
                continue;
            }
            r.Keys(res, cpath, "requests", "limits");
            var requests = new List<KeyValuePair<string, string>>();
            var limits = new List<KeyValuePair<string, string>>();
            WorkloadSpecReader.ReadQuantities(r, res, "requests", cpath, requests);
            WorkloadSpecReader.ReadQuantities(r, res, "limits", cpath, limits);
            result.Add(new ControllerResources(name, new ResourceSettings(requests, limits), r.At(entry)));
        }
        return result;
    }

    /// <summary>The first anchored or aliased node in document order, if any.</summary>
    private static YamlNode? FirstAlias(YamlNode? root)
    {
        YamlNode? first = null;
        var stack = new Stack<YamlNode>();
        if (root is not null) stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if ((node is AliasNode || node.Anchor is not null) && (first is null || node.Start < first.Start)) first = node;
            if (node is MappingNode m) foreach (var e in m.Entries) { stack.Push(e.Value); stack.Push(e.Key); }
            if (node is SequenceNode q) foreach (var item in q.Items) stack.Push(item);
        }
        return first;
    }

    /// <summary>A path the spec names at <paramref name="key"/>, resolved and confined to the repository; null after an error.</summary>
    internal static (string Written, string Full, YamlNode Node)? Resolve(SpecReader r, MappingNode map, string key, string path, string specDir, RepositoryRoot root)
    {
        var written = r.String(map, key, path, required: true);
        if (written is null) return null;
        var node = map.Find(key)!.Value;
        var full = root.Resolve(specDir, written, out var why);
        if (full is null)
        {
            r.Error(DiagnosticCodes.SpecPathOutsideRoot, node, $"{path}.{key}: '{written}' is refused: {why}");
            return null;
        }
        return (written, full, node);
    }

    internal static TargetFile? Target(SpecReader r, MappingNode map, string key, string path, string specDir, RepositoryRoot root)
    {
        if (Resolve(r, map, key, path, specDir, root) is not var (written, full, node)) return null;
        if (!File.Exists(full))
        {
            r.Error(DiagnosticCodes.TargetMissing, node, $"{path}.{key}: file not found: {written}",
                $"paths are relative to the spec's folder");
            return null;
        }
        return new TargetFile(written, root.Relative(full), r.At(node));
    }
}
