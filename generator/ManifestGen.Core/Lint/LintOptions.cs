using ManifestGen.Charts;

namespace ManifestGen.Lint;

/// <summary>Options of <c>manifestgen lint</c>.</summary>
/// <param name="Catalog">What the caller does to the run's chart catalog once it is read: attach a fetcher (<c>--fetch-charts</c>).</param>
public sealed record LintOptions(string Folder, string? Root = null, string? Charts = null, Func<ChartCatalog, ChartCatalog>? Catalog = null);
