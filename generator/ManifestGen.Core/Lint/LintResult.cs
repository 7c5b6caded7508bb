using ManifestGen.Diagnostics;
using ManifestGen.Workspace;

namespace ManifestGen.Lint;

/// <summary>What <c>lint</c> found: every diagnostic, and how many HelmReleases it checked against a chart release.</summary>
public sealed record LintResult(IReadOnlyList<Diagnostic> Diagnostics, int HelmReleases, int Checked, RepositoryRoot Root)
{
    public int Findings => Diagnostics.Count(d => d.Code == DiagnosticCodes.UnreadValue);
    public bool Failed => Diagnostics.Any(d => d.Severity == Severity.Error);
}
