using ManifestGen.Repository;
using ManifestGen.Charts;
using ManifestGen.Yaml;

namespace ManifestGen.Fetching;

/// <summary>Where a chart comes from, as Flux reads its source object.</summary>
/// <param name="Label">The source object in messages: <c>HelmRepository cilium</c>.</param>
/// <param name="Url">Its <c>spec.url</c> as written.</param>
/// <param name="Index">For a HelmRepository of http or https: the repository (its index is <c>index.yaml</c> below it).</param>
/// <param name="Oci">For an OCIRepository or a HelmRepository of <c>type: oci</c>: the chart's repository in the registry.</param>
/// <param name="File">The file that defines the source object (or the HelmRelease, where that is all there is).</param>
/// <param name="At">Where its <c>spec.url</c> is.</param>
public sealed record ChartOrigin(string Label, string Url, Uri? Index, OciRegistry.Name? Oci, string File, SourcePosition At)
{
    /// <summary>What the cache keys the source by: the repository's URL, or the chart's repository in the registry.</summary>
    public string CacheKey => Oci?.ToString() ?? Index!.AbsoluteUri.TrimEnd('/');
}

/// <summary>
/// What to fetch for one HelmRelease, read from its chart reference and its source object as source-controller reads
/// them; or, through <see cref="From"/>'s <c>why</c>, the reason it cannot be fetched (never an error: a note).
/// </summary>
/// <param name="Version">A version or a semver range (chart.spec.version, an OCIRepository's ref.semver or ref.tag), or null for the latest.</param>
/// <param name="IsTag">Whether <paramref name="Version"/> is an OCIRepository's ref.tag: a tag is taken as it is, never as a range.</param>
/// <param name="Digest">An OCIRepository's ref.digest: the manifest it names, whatever its tag.</param>
/// <param name="LayerType">An OCIRepository's layerSelector.mediaType, else Helm's chart layer.</param>
/// <param name="VersionFrom">Where the version is written (<c>chart.spec.version</c>), for notes.</param>
/// <param name="TagFilter">An OCIRepository's ref.semverFilter: a regular expression a tag must match before the range is applied.</param>
public sealed record ChartRequest(ChartOrigin Origin, string Chart, string? Version, bool IsTag, string? Digest, string LayerType, string VersionFrom,
    string? TagFilter = null)
{
    public static ChartRequest? From(ChartReference reference, FluxObjects.Found? found, Func<string, bool> hasCredentials, out string? why)
    {
        why = null;
        var chart = reference.Name!;
        var kind = reference.SourceKind;
        var label = $"{kind} {reference.SourceName}";
        if (kind is "GitRepository" or "Bucket")
            return Fail(out why, $"Flux builds chart {chart} from {label}; the tool fetches charts from HelmRepository and OCIRepository sources only");
        if (kind is not ("HelmRepository" or "OCIRepository"))
            return Fail(out why, kind is null ? $"the HelmRelease names no source for chart {chart}" : $"the chart comes from {label}; the tool fetches charts from HelmRepository and OCIRepository sources only");
        if (found is not { } source)
            return Fail(out why, $"{label} is not in this repository, so where chart {chart} comes from is unknown");
        var spec = source.Data.Get("spec") as YamlMap;
        string? Text(params string[] path) => YamlValue.TextOf(YamlValue.At(spec, path));
        if (Text("url") is not { } url) return Fail(out why, $"{label} has no spec.url");
        var substituted = new[] { ("spec.url", url), ("the chart's name", chart), (reference.VersionFrom, reference.Version ?? "") }
            .FirstOrDefault(p => p.Item2.Contains("${", StringComparison.Ordinal));
        if (substituted.Item1 is not null)
            return Fail(out why, $"{substituted.Item1} is {substituted.Item2}, a substitution Flux fills in when it applies the file");
        if (Text("provider") is { } provider && provider != "generic")
            return Fail(out why, $"{label} signs in with provider {provider}, which the tool does not");
        var at = source.PositionOf("spec.url");
        var insecure = Text("insecure") == "true";
        var secret = Text("secretRef", "name");
        if (kind == "HelmRepository" && Text("type") != "oci")
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var index) || index.Scheme is not ("http" or "https"))
                return Fail(out why, $"{label}'s url {url} is neither http nor https");
            if (secret is not null)
                return Fail(out why, $"{label} signs in with the credentials of Secret {secret}, which the tool does not read");
            return new ChartRequest(new ChartOrigin(label, url, index, null, source.RepoPath, at), chart, reference.Version, false, null,
                OciRegistry.HelmChartLayer, reference.VersionFrom);
        }
        var repository = kind == "HelmRepository" ? url.TrimEnd('/') + "/" + chart : url;
        if (OciRegistry.Name.Parse(repository, insecure) is not { } name)
            return Fail(out why, $"{label}'s url {url} is not an oci:// repository");
        if (secret is not null && !hasCredentials(name.Host))
            return Fail(out why, $"{label} signs in with the credentials of Secret {secret}, which the tool does not read, and no docker login or helm registry login for {name.Host} is on this machine");
        var origin = new ChartOrigin(label, url, null, name, source.RepoPath, at);
        if (kind == "HelmRepository")
            return new ChartRequest(origin, chart, reference.Version, false, null, OciRegistry.HelmChartLayer, reference.VersionFrom);
        // An OCIRepository's ref, as source-controller weighs it: a digest before a semver range before a tag.
        var layer = Text("layerSelector", "mediaType") ?? OciRegistry.HelmChartLayer;
        var (version, isTag, from) = Text("ref", "digest") is not null ? (null, false, $"{label} ref.digest")
            : Text("ref", "semver") is { } semver ? (semver, false, $"{label} ref.semver")
            : (Text("ref", "tag") ?? "latest", true, $"{label} ref.tag");
        return new ChartRequest(origin, chart, version, isTag, Text("ref", "digest"), layer, from, isTag ? null : Text("ref", "semverFilter"));
    }

    private static ChartRequest? Fail(out string? why, string reason)
    {
        why = reason;
        return null;
    }
}
