using ManifestGen.Yaml;

namespace ManifestGen.Modules.Cilium;

/// <summary>
/// What ManifestGen knows of Cilium, each fact once: the spec's conntrack settings and where each goes, the dead
/// keys, the names of the objects the chart renders. Every phase (spec reader, module, lints, verify, init) reads
/// these; the chart data (<see cref="Charts.ChartCatalog"/>) says which chart release reads which value.
/// </summary>
public static class CiliumFacts
{
    /// <summary>The chart's name, by which a HelmRelease is known to install Cilium.</summary>
    public const string Chart = "cilium";

    /// <summary>The spec key that names the values file to edit, when the tool cannot follow the HelmRelease's valuesFrom.</summary>
    public const string ValuesKey = "cilium.values";

    public const string ConfigMap = "cilium-config";
    public const string DaemonSet = "cilium";

    /// <summary>The agents' pod template carries this annotation when the chart rolls them on a cilium-config change.</summary>
    public const string RolloutAnnotation = "cilium.io/cilium-configmap-checksum";

    /// <summary>The chart value that makes the chart roll the agents when cilium-config changes (they read it only at start).</summary>
    public static readonly YamlPath RollOutPods = YamlPath.Keys("rollOutCiliumPods");

    /// <summary>Where conntrack timeouts go: the chart copies <c>extraConfig</c> into cilium-config.</summary>
    public static readonly YamlPath ExtraConfig = YamlPath.Keys("extraConfig");

    /// <summary>The prefix of every conntrack timeout key of cilium-config.</summary>
    public const string TimeoutKeyPrefix = "bpf-ct-timeout-";

    /// <summary>The spec's conntrack settings, in the order they are written.</summary>
    public static readonly IReadOnlyList<ConntrackSetting> Conntrack =
    [
        Timeout("tcpTimeout", "bpf-ct-timeout-regular-tcp"),
        Timeout("tcpSynTimeout", "bpf-ct-timeout-regular-tcp-syn"),
        Timeout("tcpFinTimeout", "bpf-ct-timeout-regular-tcp-fin"),
        Timeout("anyTimeout", "bpf-ct-timeout-regular-any"),
        Timeout("serviceTcpTimeout", "bpf-ct-timeout-service-tcp"),
        Timeout("serviceTcpGrace", "bpf-ct-timeout-service-tcp-grace"),
        Timeout("serviceAnyTimeout", "bpf-ct-timeout-service-any"),
        new("tcpMax", ConntrackValue.TableSize, YamlPath.Keys("bpf", "ctTcpMax"), "bpf-ct-global-tcp-max"),
        new("anyMax", ConntrackValue.TableSize, YamlPath.Keys("bpf", "ctAnyMax"), "bpf-ct-global-any-max"),
        // Garbage collection of the tables: chart values, which the chart checks as Go durations (validateDuration).
        new("gcInterval", ConntrackValue.Duration, YamlPath.Keys("conntrackGCInterval"), "conntrack-gc-interval"),
        new("gcMaxInterval", ConntrackValue.Duration, YamlPath.Keys("conntrackGCMaxInterval"), "conntrack-gc-max-interval"),
    ];

    /// <summary>Table sizes the agent accepts: its LimitTableMin (2^10) to LimitTableMax (2^24) entries.</summary>
    public const long TableSizeMin = 1 << 10;
    public const long TableSizeMax = 1 << 24;

    /// <summary>Keys people write under <c>bpf</c> that no Cilium chart has ever read.</summary>
    public static readonly IReadOnlyList<DeadKey> DeadKeys =
    [
        new("ctTcpTimeout", "tcpTimeout"),
        new("ctAnyTimeout", "anyTimeout"),
        new("ctTcpTimeoutFin", "tcpFinTimeout"),
        new("ctTcpTimeoutClose", null),
    ];

    /// <summary>What to say of <c>bpf.ctTcpTimeoutClose</c>, the dead key that meant nothing Cilium has.</summary>
    public const string NoCloseTimeout = "Cilium has no TCP close timeout";

    /// <summary>
    /// Whether a spec key asks for the close timeout Cilium lacks (<c>tcpCloseTimeout</c>, <c>closeTimeout</c>,
    /// <c>ctTcpTimeoutClose</c>, in any case): runbooks copy it from <c>bpf.ctTcpTimeoutClose</c>.
    /// </summary>
    public static bool AsksForCloseTimeout(string specKey)
    {
        var letters = new string(specKey.Where(char.IsLetter).Select(char.ToLowerInvariant).ToArray());
        return letters.Contains("close", StringComparison.Ordinal) && letters.Contains("timeout", StringComparison.Ordinal);
    }

    /// <summary>The hint for such a key: what a closing connection's entry does have.</summary>
    public const string CloseTimeoutHint =
        $"{NoCloseTimeout}: a closing connection's entry lives for tcpFinTimeout (bpf-ct-timeout-regular-tcp-fin); set that, or drop the key";

    public static ConntrackSetting Setting(string specKey) => Conntrack.First(c => c.SpecKey == specKey);

    /// <summary>The dead key at a values path (<c>bpf.ctTcpTimeout</c>), or null.</summary>
    public static DeadKey? DeadKeyAt(IReadOnlyList<string> path) =>
        path.Count == 2 && path[0] == "bpf" ? DeadKeys.FirstOrDefault(d => d.Key == path[1]) : null;

    private static ConntrackSetting Timeout(string specKey, string configKey) =>
        new(specKey, ConntrackValue.Duration, YamlPath.Keys("extraConfig", configKey), configKey);
}
