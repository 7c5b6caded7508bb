using ManifestGen.Generation;
using ManifestGen.Spec;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Modules.Trident;

/// <summary>
/// What the orchestrator HelmRelease installs, read from its chart: NetApp's <c>trident-operator</c>
/// chart (Helm repository or OCI), or QNAP's <c>trident</c> chart (in QNAP's Git repository, path
/// <c>Helm/trident</c>). The chart version is kept when the HelmRelease or its OCIRepository pins one.
/// </summary>
public sealed record TridentChart(TridentBuild? Build, ChartVersion? Version, string Evidence)
{
    /// <summary>NetApp's chart passes k8sAPIQPS and resources.controller to the operator from this version (Trident 25.10).</summary>
    public static readonly ChartVersion ValuesReachOperator = new(100, 2510, 0);

    /// <summary>The operator reads TridentOrchestrator.spec.k8sAPIQPS from Trident 24.10 (chart 100.2410.0).</summary>
    public static readonly ChartVersion OperatorReadsQps = new(100, 2410, 0);

    public static TridentChart Read(RepositoryWorkspace workspace, string helmReleasePath, DocumentRef document)
    {
        var file = workspace.ReadYaml(helmReleasePath);
        var hr = YamlValue.FromNode(TargetReads.In(helmReleasePath, () => document.Selector.Select(file)).Root) as YamlMap;
        var spec = hr?.Get("spec") as YamlMap;
        if (spec?.Get("chart") is YamlMap { } chart && chart.Get("spec") is YamlMap chartSpec)
        {
            var name = YamlValue.TextOf(chartSpec.Get("chart")) ?? "";
            var source = chartSpec.Get("sourceRef") as YamlMap;
            var sourceName = YamlValue.TextOf(source?.Get("name")) ?? "";
            var version = ChartVersion.TryParse(YamlValue.TextOf(chartSpec.Get("version")));
            var url = SourceUrl(workspace, helmReleasePath, YamlValue.TextOf(source?.Get("kind")), sourceName) ?? "";
            return new TridentChart(FromNames(name, sourceName, url), version, $"chart {name} from {YamlValue.TextOf(source?.Get("kind"))} {sourceName}");
        }
        if (spec?.Get("chartRef") is YamlMap chartRef)
        {
            var kind = YamlValue.TextOf(chartRef.Get("kind"));
            var name = YamlValue.TextOf(chartRef.Get("name")) ?? "";
            var repository = FindSource(workspace, helmReleasePath, kind, name);
            var url = YamlValue.TextOf((repository?.Get("spec") as YamlMap)?.Get("url")) ?? "";
            var reference = (repository?.Get("spec") as YamlMap)?.Get("ref") as YamlMap;
            var version = ChartVersion.TryParse(YamlValue.TextOf(reference?.Get("tag")) ?? YamlValue.TextOf(reference?.Get("semver")));
            return new TridentChart(FromNames(Path.GetFileName(url.TrimEnd('/')), name, url), version, $"chartRef {kind} {name}{(url.Length > 0 ? " (" + url + ")" : "")}");
        }
        return new TridentChart(null, null, "no chart or chartRef");
    }

    private static TridentBuild? FromNames(string chart, string source, string url)
    {
        var all = $"{chart} {source} {url}".ToLowerInvariant();
        if (chart.EndsWith("trident-operator", StringComparison.Ordinal) || all.Contains("netapp", StringComparison.Ordinal)) return TridentBuild.NetApp;
        if (all.Contains("qnap", StringComparison.Ordinal) || chart.TrimEnd('/').EndsWith("trident", StringComparison.Ordinal)) return TridentBuild.Qnap;
        return null;
    }

    private static string? SourceUrl(RepositoryWorkspace workspace, string helmReleasePath, string? kind, string name) =>
        YamlValue.TextOf((FindSource(workspace, helmReleasePath, kind, name)?.Get("spec") as YamlMap)?.Get("url"));

    /// <summary>The HelmRepository, OCIRepository or GitRepository of that name in the HelmRelease's file or a YAML file beside it.</summary>
    public static YamlMap? FindSource(RepositoryWorkspace workspace, string helmReleasePath, string? kind, string name)
    {
        if (kind is null || name.Length == 0) return null;
        var dir = Path.GetDirectoryName(helmReleasePath)?.Replace('\\', '/') ?? "";
        var full = workspace.Root.Full(dir.Length == 0 ? "." : dir);
        var candidates = new[] { helmReleasePath }.Concat(Directory.EnumerateFiles(full)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Select(workspace.Root.Relative).Order(StringComparer.Ordinal));
        foreach (var path in candidates.Distinct())
        {
            YamlFile file;
            try
            {
                file = workspace.ReadYaml(path);
            }
            catch (Diagnostics.InvalidInputException)
            {
                continue;
            }
            var doc = file.Documents.FirstOrDefault(d => d.Kind == kind && d.Name == name);
            if (doc is not null) return YamlValue.FromNode(doc.Root) as YamlMap;
        }
        return null;
    }

}

/// <summary>A chart version <c>major.minor.patch</c> (NetApp's are <c>100.YYMM.P</c>), compared by number.</summary>
public sealed record ChartVersion(int Major, int Minor, int Patch) : IComparable<ChartVersion>
{
    public static ChartVersion? TryParse(string? text)
    {
        if (text is null) return null;
        var parts = text.Trim().TrimStart('v').Split('-', '+')[0].Split('.');
        if (parts.Length != 3) return null;
        return int.TryParse(parts[0], out var a) && int.TryParse(parts[1], out var b) && int.TryParse(parts[2], out var c) ? new ChartVersion(a, b, c) : null;
    }

    public int CompareTo(ChartVersion? other) => other is null ? 1 : (Major, Minor, Patch).CompareTo((other.Major, other.Minor, other.Patch));
    public static bool operator <(ChartVersion a, ChartVersion b) => a.CompareTo(b) < 0;
    public static bool operator >(ChartVersion a, ChartVersion b) => a.CompareTo(b) > 0;
    public override string ToString() => $"{Major}.{Minor}.{Patch}";
}
