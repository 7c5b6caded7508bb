using ManifestGen.Charts;

namespace ManifestGen.Fetching;

/// <summary>
/// Which of a source's versions a HelmRelease gets, as source-controller chooses (its <c>GetChartVersion</c> for a
/// HelmRepository index, the same rule for an OCI tag list): a version written exactly as one of them is that one;
/// otherwise the text is a Masterminds semver constraint (none, or <c>*</c>, is the latest stable release) and the
/// highest version that satisfies it wins. An OCI tag stands for the version with <c>+</c> written <c>_</c> (tags
/// cannot hold a <c>+</c>; Helm pushes <c>1.2.3+build</c> as <c>1.2.3_build</c>).
/// </summary>
public static class VersionChoice
{
    /// <returns>The version (as the source writes it), or null with <paramref name="why"/>.</returns>
    public static string? Choose(IEnumerable<string> versions, string? wanted, out string? why)
    {
        why = null;
        var all = versions.ToList();
        var text = wanted?.Trim();
        if (!string.IsNullOrEmpty(text) && all.Contains(text, StringComparer.Ordinal)) return text;
        var constraint = VersionConstraint.TryParse(string.IsNullOrEmpty(text) ? "*" : text, out var invalid);
        if (constraint is null)
        {
            why = $"'{text}' is not a version or a version constraint ({invalid})";
            return null;
        }
        var parsed = all.Select(c => (Text: c, Version: SemanticVersion.TryParse(AsVersion(c)))).Where(c => c.Version is not null).ToList();
        var highest = constraint.Highest(parsed.Select(c => c.Version!));
        var best = highest is null ? null : parsed.First(c => c.Version!.Equals(highest)).Text;
        if (best is null)
            why = string.IsNullOrEmpty(text) ? "no stable version is there" : $"no version satisfies '{text}'";
        return best;
    }

    /// <summary>An OCI tag as the version it stands for.</summary>
    public static string AsVersion(string tag) => tag.Replace('_', '+');
}
