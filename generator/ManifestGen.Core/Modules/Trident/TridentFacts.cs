using ManifestGen.Charts;
using ManifestGen.Charts.Analysis;
using ManifestGen.Yaml;

namespace ManifestGen.Modules.Trident;

/// <summary>
/// What ManifestGen knows of Trident, each fact once: which chart is which build, the names of what the operator
/// creates, the orchestrator's API group per build, and the chart values the tuning sets. Which chart release reads
/// which value (<c>k8sAPIQPS</c> from NetApp's 100.2410.0, <c>resources.controller</c> from 100.2510.0) is the chart
/// data's answer, not this table's.
/// </summary>
public static class TridentFacts
{
    /// <summary>NetApp's chart (Helm repository netapp-trident, or OCI).</summary>
    public const string NetAppChart = "trident-operator";

    /// <summary>The spec key that names the orchestrator's values file to edit, when the tool cannot follow its valuesFrom.</summary>
    public const string OrchestratorValuesKey = "trident.orchestrator.values";

    /// <summary>QNAP's chart, <c>Helm/trident</c> of QNAP's Git repository (<c>qnap-trident</c> up to plugin release 1.2.1).</summary>
    public static readonly IReadOnlyList<string> QnapCharts = ["trident", "qnap-trident"];

    /// <summary>The values of <c>trident.orchestrator.build</c>.</summary>
    public static readonly IReadOnlyList<(string Name, TridentBuild Build)> Builds = [("netapp", TridentBuild.NetApp), ("qnap", TridentBuild.Qnap)];

    public static string NameOf(TridentBuild build) => Builds.First(b => b.Build == build).Name;

    public static TridentBuild? Parse(string name) => Builds.Where(b => b.Name == name).Select(b => (TridentBuild?)b.Build).FirstOrDefault();

    /// <summary>How messages name a build.</summary>
    public static string Describe(TridentBuild build) => build == TridentBuild.NetApp ? "NetApp" : "QNAP";

    /// <summary>The TridentOrchestrator's API group of each build.</summary>
    public static string GroupOf(TridentBuild build) => build == TridentBuild.NetApp ? "trident.netapp.io" : "trident.qnap.io";

    public const string OrchestratorKind = "TridentOrchestrator";
    public const string OrchestratorVersion = "v1";
    public const string BackendKind = "TridentBackendConfig";

    /// <summary>The id of the marked post-renderer that sets k8sAPIQPS on QNAP's rendered TridentOrchestrator.</summary>
    public const string PostRendererId = "trident-orchestrator";

    /// <summary>The Deployment the operator creates, and where, unless the HelmRelease installs elsewhere.</summary>
    public const string Controller = "trident-controller";
    public const string DefaultNamespace = "trident";

    /// <summary>trident-main's own client rate flag, set from TridentOrchestrator k8sAPIQPS by operators that read it.</summary>
    public const string MainContainer = "trident-main";
    public const string MainQpsFlag = "--k8s_api_qps";
    public const string SidecarQpsFlag = "--kube-api-qps";

    /// <summary>The containers of trident-controller whose resources NetApp's chart sets (<c>resources.controller.NAME</c>).</summary>
    public static readonly IReadOnlyList<string> ControllerContainers =
        [MainContainer, "csi-provisioner", "csi-attacher", "csi-resizer", "csi-snapshotter", "trident-autosupport"];

    /// <summary>Every container name of Trident's controller across builds (a runbook's comments name them).</summary>
    public static readonly IReadOnlyList<string> ContainerNames = [.. ControllerContainers, "storage-api-server"];

    /// <summary>The chart value for the operator's Kubernetes API rate.</summary>
    public static readonly YamlPath K8sApiQps = YamlPath.Keys("k8sAPIQPS");

    /// <summary>The chart value for one resource of a controller container: <c>resources.controller.trident-main.limits.memory</c>.</summary>
    public static YamlPath ControllerResource(string container, string kind, string key) => YamlPath.Keys("resources", "controller", container, kind, key);

    /// <summary>
    /// The build a HelmRelease's chart installs: by the chart's name (the charts the data knows), else by what its
    /// source says (a URL or name holding netapp or qnap); null when neither tells.
    /// </summary>
    public static TridentBuild? BuildOf(HelmReleaseChart release)
    {
        var chart = release.Reference;
        if (chart.Name == NetAppChart) return TridentBuild.NetApp;
        if (chart.Name is { } name && QnapCharts.Contains(name)) return TridentBuild.Qnap;
        // Names first: the source's URL needs its object, which may take a search of the repository.
        return Hint($"{chart.Name} {chart.SourceName}") ?? (chart.Name is { } n && n.Contains("trident", StringComparison.Ordinal) ? Hint(release.SourceUrl ?? "") : null);
    }

    /// <summary>
    /// The release a QNAP chart folder is (its chart is <c>version: 2.0.0</c> from plugin release 1.1.0 on, so the
    /// folder's name tells them apart: <c>trident-1.6.1</c>); null for any other chart, or a folder that does not say.
    /// </summary>
    public static SemanticVersion? QnapReleaseOfFolder(string path, ChartMetadata metadata)
    {
        if (!QnapCharts.Contains(metadata.Name) || !Directory.Exists(path)) return null;
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(path));
        var dash = name.LastIndexOf('-');
        return dash > 0 && SemanticVersion.TryParse(name[(dash + 1)..]) is { IsPrerelease: false } named && !named.Equals(metadata.Version) ? named : null;
    }

    private static TridentBuild? Hint(string text)
    {
        var all = text.ToLowerInvariant();
        if (all.Contains("netapp", StringComparison.Ordinal)) return TridentBuild.NetApp;
        if (all.Contains("qnap", StringComparison.Ordinal)) return TridentBuild.Qnap;
        return null;
    }
}
