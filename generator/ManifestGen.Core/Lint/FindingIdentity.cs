using ManifestGen.Diagnostics;

namespace ManifestGen.Lint;

/// <summary>
/// A finding as <c>lint --new-from-rev</c> compares two runs: its code, the HelmRelease it concerns
/// (<c>namespace/name</c>), the clusters that apply it (the Flux Kustomizations whose build reaches the HelmRelease's
/// file, where the repository has any) and what it is about (the value path). Line, column, wording, the chart
/// version a message names and the hint are not part of it: a finding that only moved lines, or whose chart version
/// changed, is the same finding; a key that a new chart version stops reading is a new one, because before it was
/// no finding at all.
/// </summary>
public sealed record FindingIdentity(string Code, string Release, string? Clusters, string About)
{
    /// <summary>
    /// A diagnostic with no subject (a note on a HelmRelease, a skipped file, a fetch warning), or one that no
    /// HelmRelease produced: known by its code, file and message.
    /// </summary>
    public static FindingIdentity Of(Diagnostic d) => new(d.Code.Code, d.File, null, d.Message);
}
