namespace ManifestGen.Editing;

/// <summary>For a managed chart value: the chart release it was checked against, and the chart's default for it.</summary>
public sealed record ChartDefault(string? Release, string Default);
