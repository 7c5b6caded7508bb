using ManifestGen.Charts;

namespace ManifestGen.Fetching;

/// <summary>
/// How far a run goes to fetch charts: a source is untrusted input on someone else's server, so every request has a
/// deadline, every answer a size, and the run as a whole a time budget; past any of them the chart is not checked
/// and the run goes on.
/// </summary>
public sealed record FetchLimits
{
    public static FetchLimits Default { get; } = new();

    /// <summary>One request, from connecting to its last byte.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Every fetch of the run together: past it, what is left is not fetched (MG6001).</summary>
    public TimeSpan RunTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>A HelmRepository's index.yaml (Cilium's holds every release since 1.6 in 1.7 MiB; the largest public ones hold tens).</summary>
    public long MaxIndexBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>An OCI manifest, a tag list page or a token answer.</summary>
    public long MaxManifestBytes { get; init; } = 4L * 1024 * 1024;

    /// <summary>A chart archive as it travels (the unpacked size is bounded where it is read, by <see cref="ChartFiles"/>).</summary>
    public long MaxArchiveBytes { get; init; } = ChartFiles.MaxCompressedBytes;

    /// <summary>Redirects followed for one request (registries redirect blobs to storage once).</summary>
    public int MaxRedirects { get; init; } = 3;

    /// <summary>Requests in flight at once, for the whole run.</summary>
    public int Parallel { get; init; } = 4;

    /// <summary>Pages of an OCI tag list followed (Link: rel="next").</summary>
    public int MaxTagPages { get; init; } = 20;
}
