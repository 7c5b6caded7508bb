using ManifestGen.Diagnostics;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Lint;

/// <summary>What <c>lint</c> found: every diagnostic, and how many HelmReleases it checked against a chart release.</summary>
/// <param name="Identities">
/// For each diagnostic a HelmRelease's check produced, the findings it stands for (one a HelmRelease when a values
/// file serves several); filled when <see cref="LintOptions.Identify"/> asks for it. Any other diagnostic is its own
/// <see cref="FindingIdentity.Of"/>.
/// </param>
/// <param name="HelmReleases">HelmReleases as Flux applies them: a document two Flux Kustomizations apply counts twice.</param>
/// <param name="Documents">The HelmRelease documents (patches aside), or null when it is <paramref name="HelmReleases"/>.</param>
public sealed record LintResult(IReadOnlyList<Diagnostic> Diagnostics, int HelmReleases, int Checked, RepositoryRoot Root,
    IReadOnlyDictionary<Diagnostic, IReadOnlySet<FindingIdentity>>? Identities = null, int? Documents = null)
{
    public int Findings => Diagnostics.Count(d => d.Code == DiagnosticCodes.UnreadValue);

    /// <summary>Values the chart's schema refuses (MG0016): Helm refuses the install.</summary>
    public int Refused => Diagnostics.Count(d => d.Code == DiagnosticCodes.SchemaRefusedKey);

    /// <summary>What --strict fails on: values that do nothing, and values Helm refuses.</summary>
    public bool Strict => Findings + Refused > 0;
    public bool Failed => Diagnostics.Any(d => d.Severity == Severity.Error);

    public IEnumerable<FindingIdentity> IdentitiesOf(Diagnostic d) =>
        Identities is not null && Identities.TryGetValue(d, out var set) ? set : [FindingIdentity.Of(d)];

    /// <summary>
    /// Only the findings <paramref name="before"/> (the same lint of an earlier revision) does not have. Errors stay:
    /// they say that this run could not read its input, whatever the earlier one could.
    /// </summary>
    public LintResult NewSince(LintResult before)
    {
        var old = before.Diagnostics.SelectMany(before.IdentitiesOf).ToHashSet();
        return this with { Diagnostics = Diagnostics.Where(d => d.Severity == Severity.Error || IdentitiesOf(d).Any(i => !old.Contains(i))).ToList() };
    }
}
