using ManifestGen.Repository;
using ManifestGen.Yaml;

namespace ManifestGen.Charts;

/// <summary>
/// The chart a HelmRelease installs, as Flux finds it: <c>spec.chart.spec</c> (chart name or path, version, and the
/// HelmRepository, GitRepository or Bucket it comes from), or <c>spec.chartRef</c> to an OCIRepository (the chart is
/// the last segment of its URL; the version its <c>ref.tag</c> or <c>ref.semver</c>) or to a HelmChart. A chart is
/// known by its name, with or without its source object in the repository.
/// </summary>
/// <param name="Name">The chart's name (<c>cilium</c>, <c>trident-operator</c>), or null when the HelmRelease names none.</param>
/// <param name="Version">The version or range as written, or null when none is pinned.</param>
/// <param name="VersionFrom">Where <paramref name="Version"/> is written, for messages.</param>
/// <param name="VersionFile">The file that pins the version (the HelmRelease's, or its OCIRepository's).</param>
/// <param name="VersionAt">Where in <paramref name="VersionFile"/>.</param>
/// <param name="Evidence">How the chart was found, for messages (<c>chart cilium from HelmRepository cilium</c>).</param>
/// <param name="SourceKind">The kind of the source (HelmRepository, OCIRepository, GitRepository, HelmChart, Bucket).</param>
/// <param name="SourceName">The source's name, as the reference writes it.</param>
/// <param name="SourceNamespace">The namespace the source is looked for in (the reference's, else the HelmRelease's).</param>
/// <param name="ReadSource">The source object, when reading the reference needed it (a chartRef's OCIRepository or
/// HelmChart); otherwise <see cref="ChartContext.SourceOf"/> looks for it when asked.</param>
public sealed record ChartReference(string? Name, string? Version, string VersionFrom, string VersionFile, SourcePosition VersionAt,
    string Evidence, string? SourceKind, string? SourceName, string? SourceNamespace, FluxObjects.Found? ReadSource)
{
    /// <summary>The tag a GitRepository source is at (<c>v1.6.0</c>): for a chart whose version stays the same across
    /// releases (QNAP's), the release it is.</summary>
    public static string? GitTagOf(FluxObjects.Found? source) =>
        source?.Document.Kind == "GitRepository" ? YamlValue.TextOf(YamlValue.At(source.Data, "spec", "ref", "tag")) : null;

    /// <summary>A source's URL (<c>spec.url</c>).</summary>
    public static string? UrlOf(FluxObjects.Found? source) => YamlValue.TextOf(YamlValue.At(source?.Data, "spec", "url"));

    /// <summary>A strategic merge patch of the HelmRelease, as <see cref="Read"/> takes it: its document and where its offsets stand.</summary>
    public sealed record Patch(YamlDocumentNode Document, string RepoPath, Func<int, SourcePosition> Position);

    /// <summary>How Flux applies the HelmRelease, where it is known: its patches (the last one that sets a field wins),
    /// its namespace, and how a source object is found among what the same Flux Kustomization applies.</summary>
    public sealed record Applied(IReadOnlyList<Patch> Patches, string? Namespace, Func<string, string, string?, FluxObjects.Found?>? FindSource);

    public static ChartReference Read(FluxObjects objects, string helmReleasePath, YamlDocumentNode helmRelease, Applied? applied = null)
    {
        var self = objects.Wrap(helmReleasePath, helmRelease);
        static YamlNode? Walk(YamlDocumentNode document, string path)
        {
            // Walked key by key, each alias read as what it stands for: `chart: *app` beside `name: &app n8n` is common.
            var node = document.Root;
            foreach (var key in path.Split('.'))
                node = node is MappingNode map && map.Find(key)?.Value is { } child ? document.Dereference(child) : null;
            return node;
        }
        // Read from the nodes: a HelmRelease's values can be large, and only these few fields are needed. A patch
        // that sets a field sets it for the applied object; the last one wins, as kustomize merges them in order.
        (string? Text, string File, SourcePosition At)? Field(string path)
        {
            foreach (var patch in (applied?.Patches ?? []).Reverse())
                if (Walk(patch.Document, path) is ScalarNode s && s.ToValue().Kind != ScalarKind.Null)
                    return (s.Value, patch.RepoPath, patch.Position(s.ContentStart));
            return Walk(helmRelease, path) is ScalarNode b && b.ToValue().Kind != ScalarKind.Null ? (b.Value, helmReleasePath, self.PositionOf(path)) : null;
        }
        string? Text(string path) => Field(path)?.Text;
        (string File, SourcePosition At) Where(string path) => Field(path) is { } f ? (f.File, f.At) : (helmReleasePath, self.PositionOf(path));
        var ns = applied?.Namespace ?? helmRelease.Namespace;
        FluxObjects.Found? Find(string kind, string name, string? sourceNamespace) =>
            applied?.FindSource?.Invoke(kind, name, sourceNamespace) ?? objects.Find(kind, name, sourceNamespace, helmReleasePath);
        if (Text("spec.chart.spec.chart") is { } chart || Text("spec.chart.spec.sourceRef.kind") is not null)
        {
            chart = Text("spec.chart.spec.chart");
            var kind = Text("spec.chart.spec.sourceRef.kind");
            var name = Text("spec.chart.spec.sourceRef.name");
            var sourceNamespace = Text("spec.chart.spec.sourceRef.namespace") ?? ns;
            var version = Text("spec.chart.spec.version");
            var (file, at) = Where(version is null ? "spec.chart.spec.chart" : "spec.chart.spec.version");
            // The chart's name and version are the HelmRelease's own: its source is looked for only when someone asks,
            // among what the same Flux Kustomization applies when that is known.
            var found = applied?.FindSource is { } inTree && kind is not null && name is not null ? inTree(kind, name, sourceNamespace) : null;
            return new ChartReference(chart is null ? null : LastSegment(chart), version, "chart.spec.version", file, at,
                $"chart {chart} from {kind} {name}", kind, name, sourceNamespace, found);
        }
        if (Text("spec.chartRef.name") is { } refName)
        {
            var kind = Text("spec.chartRef.kind") ?? "";
            var name = refName;
            var sourceNamespace = Text("spec.chartRef.namespace") ?? ns;
            var source = Find(kind, name, sourceNamespace);
            var sourceSpec = source?.Data.Get("spec") as YamlMap;
            if (kind == "HelmChart")
            {
                var version = YamlValue.TextOf(sourceSpec?.Get("version"));
                return new ChartReference(YamlValue.TextOf(sourceSpec?.Get("chart")) is { } c ? LastSegment(c) : null, version,
                    $"HelmChart {name} spec.version", source?.RepoPath ?? helmReleasePath,
                    source?.PositionOf(version is null ? "spec.chart" : "spec.version") ?? self.PositionOf("spec.chartRef"),
                    $"chartRef HelmChart {name}", kind, name, sourceNamespace, source);
            }
            var url = YamlValue.TextOf(sourceSpec?.Get("url"));
            var reference = sourceSpec?.Get("ref") as YamlMap;
            var (ver, from, at) = YamlValue.TextOf(reference?.Get("tag")) is { } tag ? (tag, $"OCIRepository {name} ref.tag", "spec.ref.tag")
                : YamlValue.TextOf(reference?.Get("semver")) is { } semver ? (semver, $"OCIRepository {name} ref.semver", "spec.ref.semver")
                : YamlValue.TextOf(reference?.Get("digest")) is { } ? (null, $"OCIRepository {name} (pinned by digest)", "spec.ref.digest")
                : ((string?)null, source is null ? $"chartRef {kind} {name} (not in the repository)" : $"OCIRepository {name} (no ref: its latest tag)", "spec.url");
            // Without the source object, the chartRef's own name is the best name there is.
            return new ChartReference(url is not null ? LastSegment(url) : name.Length > 0 ? name : null, ver, from,
                source?.RepoPath ?? helmReleasePath, source?.PositionOf(at) ?? self.PositionOf("spec.chartRef"),
                $"chartRef {kind} {name}{(url is null ? "" : " (" + url + ")")}", kind, name, sourceNamespace, source);
        }
        return new ChartReference(null, null, "", helmReleasePath, self.PositionOf("spec"), "no chart or chartRef", null, null, null, null);
    }

    /// <summary><c>oci://ghcr.io/x/charts/cilium</c> and <c>./Helm/trident</c> name the charts <c>cilium</c> and <c>trident</c>.</summary>
    private static string LastSegment(string text)
    {
        var trimmed = text.Trim().TrimEnd('/');
        var slash = trimmed.LastIndexOf('/');
        return slash >= 0 ? trimmed[(slash + 1)..] : trimmed;
    }
}
