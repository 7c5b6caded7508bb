
namespace ManifestGen.Lint;

/// <summary>Options of <c>manifestgen lint</c>.</summary>
public sealed record LintOptions(string Folder, string? Root = null, string? Charts = null);
