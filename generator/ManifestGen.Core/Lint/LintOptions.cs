using ManifestGen.Charts;

namespace ManifestGen.Lint;

/// <summary>Options of <c>manifestgen lint</c>.</summary>
/// <param name="Catalog">What the caller does to the run's chart catalog once it is read: attach a fetcher (<c>--fetch-charts</c>).</param>
/// <param name="Identify">Give each finding its <see cref="FindingIdentity"/> (for <c>--new-from-rev</c>); it reads the Flux Kustomizations.</param>
public sealed record LintOptions(string Folder, string? Root = null, string? Charts = null, Func<ChartCatalog, ChartCatalog>? Catalog = null, bool Identify = false);
