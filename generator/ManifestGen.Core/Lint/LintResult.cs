using ManifestGen.Diagnostics;
using ManifestGen.Workspace;

namespace ManifestGen.Lint;

/// <summary>What <c>lint</c> found: every diagnostic, and how many HelmReleases it checked against a chart release.</summary>
public sealed record LintResult(IReadOnlyList<Diagnostic> Diagnostics, int HelmReleases, int Checked, RepositoryRoot Root)
{
    public int Findings => Diagnostics.Count(d => d.Code == DiagnosticCodes.UnreadValue);

    /// <summary>Values the chart's schema refuses (MG0016): Helm refuses the install.</summary>
    public int Refused => Diagnostics.Count(d => d.Code == DiagnosticCodes.SchemaRefusedKey);

    /// <summary>What --strict fails on: values that do nothing, and values Helm refuses.</summary>
    public bool Strict => Findings + Refused > 0;
    public bool Failed => Diagnostics.Any(d => d.Severity == Severity.Error);
}
