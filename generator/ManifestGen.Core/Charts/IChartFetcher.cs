using ManifestGen.Repository;

namespace ManifestGen.Charts;

/// <summary>
/// Fetches the chart a HelmRelease reaches from where Flux gets it (<c>--fetch-charts</c>): its HelmRepository's
/// index or its OCI registry. Implemented outside the charts part (ManifestGen.Fetching); the chart context only asks,
/// so a run without fetching never loads a line of network code.
/// </summary>
public interface IChartFetcher
{
    /// <summary>
    /// The exact version the reference resolves to at its source (a range against the source's own index or tag
    /// list, as helm-controller resolves it), with the release when it had to be fetched (the chart context adds it to
    /// the run's catalog); null when fetching has nothing to add: the version is known already, or the chart could not
    /// be fetched (the fetcher has said why, as a diagnostic of its own).
    /// </summary>
    FetchedVersion? Resolve(SourcedReference reference);

    /// <summary>Fetches what several HelmReleases need, a few at a time, before they are resolved one by one (lint asks
    /// for every HelmRelease of a repository).</summary>
    void Prefetch(IEnumerable<SourcedReference> references);
}

/// <summary>A HelmRelease's chart reference and its source object, when the repository holds it.</summary>
public sealed record SourcedReference(ChartReference Reference, FluxObjects.Found? Source);

/// <param name="Version">The chart version the source gives for the reference.</param>
/// <param name="Note">How it was found (<c>'1.19.x' resolves to 1.19.3 in HelmRepository cilium's index</c>), or null for an exact version.</param>
/// <param name="Release">The release fetched (or read from the cache) and analysed, when the run did not know it.</param>
public sealed record FetchedVersion(string Version, string? Note, FetchedRelease? Release = null);

/// <summary>A chart release the fetcher found: which chart, which release, and its analysed value tree.</summary>
public sealed record FetchedRelease(string Chart, ChartRelease Release, ValueTree Tree);
