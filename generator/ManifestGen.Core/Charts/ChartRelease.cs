namespace ManifestGen.Charts;

/// <summary>
/// One release of a chart the tool knows. <see cref="Id"/> orders the releases and names them in messages: the chart
/// version for Cilium and NetApp, the plugin release for QNAP (whose chart is <c>version: 2.0.0</c> in every
/// release from 1.1.0, so <see cref="ChartVersion"/> alone cannot tell them apart).
/// </summary>
public sealed record ChartRelease(SemanticVersion Id, SemanticVersion ChartVersion, string? AppVersion, string Source)
{
    /// <summary>How messages name it: <c>cilium 1.17.4</c>, or <c>trident 2.0.0 (QNAP plugin release 1.6.1)</c>.</summary>
    public string Describe(string chart) =>
        Id.Equals(ChartVersion) ? $"{chart} {Id}" : $"{chart} {ChartVersion} (release {Id})";
}
