namespace ManifestGen.Generation;

/// <summary>One line of <c>manifestgen plan</c>: a tuning of the spec, how it is delivered, and what it writes where.</summary>
public sealed record PlanRow(string Tuning, string Delivery, string File, string What);
