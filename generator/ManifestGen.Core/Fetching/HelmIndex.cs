using System.Text;
using ManifestGen.Yaml;

namespace ManifestGen.Fetching;

/// <summary>
/// The entries of one chart in a HelmRepository's <c>index.yaml</c>: each version, the URLs of its archive (relative
/// ones are relative to the repository's URL) and its digest (the archive's SHA-256, hex, as <c>helm repo index</c>
/// writes it; optional in the format).
/// </summary>
public sealed record HelmIndex(IReadOnlyDictionary<string, IReadOnlyList<HelmIndex.Entry>> Charts)
{
    public sealed record Entry(string Version, IReadOnlyList<string> Urls, string? Digest);

    public IReadOnlyList<Entry> EntriesOf(string chart) => Charts.TryGetValue(chart, out var entries) ? entries : [];

    /// <summary>The index; a file that is not one is a <see cref="FetchFailure"/> (refused).</summary>
    public static HelmIndex Parse(byte[] bytes, string what)
    {
        YamlValue root;
        try
        {
            root = YamlValue.Parse(Encoding.UTF8.GetString(bytes));
        }
        catch (YamlEditException e)
        {
            throw new FetchFailure(FetchFailureKind.Refused, $"{what} is not YAML ({e.Message})");
        }
        if (YamlValue.At(root, "entries") is not YamlMap entries)
            throw new FetchFailure(FetchFailureKind.Refused, $"{what} is not a Helm repository index (no entries)");
        var charts = new Dictionary<string, IReadOnlyList<Entry>>(StringComparer.Ordinal);
        foreach (var (name, list) in entries.Entries)
        {
            var found = new List<Entry>();
            foreach (var item in (list as YamlSeq)?.Items ?? [])
            {
                if (YamlValue.TextOf(YamlValue.At(item, "version")) is not { } version) continue;
                var urls = (YamlValue.At(item, "urls") as YamlSeq)?.Items.Select(YamlValue.TextOf).OfType<string>().ToList() ?? [];
                found.Add(new Entry(version, urls, YamlValue.TextOf(YamlValue.At(item, "digest"))));
            }
            charts[name] = found;
        }
        return new HelmIndex(charts);
    }

    /// <summary>Where a repository's index is: <c>index.yaml</c> below its URL.</summary>
    public static Uri IndexUrl(Uri repository) => new(Folder(repository), "index.yaml");

    /// <summary>Where an entry's archive is: its first URL, a relative one against the repository's URL (as Helm resolves it).</summary>
    public static Uri? ArchiveUrl(Uri repository, Entry entry) =>
        entry.Urls.Count > 0 && Uri.TryCreate(Folder(repository), entry.Urls[0], out var url) ? url : null;

    // Helm resolves against the repository's URL as a folder: https://x/charts and https://x/charts/ are the same.
    private static Uri Folder(Uri repository) => repository.AbsolutePath.EndsWith('/') ? repository : new Uri(repository.GetLeftPart(UriPartial.Path) + "/" + repository.Query);
}
