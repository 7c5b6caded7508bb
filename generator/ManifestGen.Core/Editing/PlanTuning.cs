namespace ManifestGen.Editing;

/// <summary>
/// The tuning a change belongs to and how it is delivered, for the rows of <c>manifestgen plan</c>: passed with every
/// change a module makes (each row names its own tuning; nothing is remembered from one change to the next).
/// </summary>
public sealed record PlanTuning(string Name, string Delivery);
