namespace ManifestGen.Editing;

/// <summary>
/// One line of <c>manifestgen plan</c>: the cluster (the spec's metadata.name), a tuning of the spec, how it is
/// delivered, what it writes where, and for a chart value the chart release checked and what the chart gives without
/// the tuning.
/// </summary>
public sealed record PlanRow(string Cluster, string Tuning, string Delivery, string File, string What, string? Chart = null, string? Default = null);
