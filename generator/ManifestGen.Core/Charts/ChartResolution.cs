namespace ManifestGen.Charts;

/// <summary>How far the release checked is from the exact version pinned, when the tool lacks that version.</summary>
public enum Fallback
{
    /// <summary>The release pinned or resolved from a range, or one of the same minor series: findings as they are.</summary>
    None,
    /// <summary>An older minor release of the same major: a key no known release reads may be read by the version pinned.</summary>
    AcrossMinor,
}

/// <summary>
/// Which known release a HelmRelease's chart is checked against, and what to tell the user about the choice. The
/// rules: an exact version the tool knows is that release; a range (<c>&gt;=1.19.0 &lt;2.0.0</c>, <c>1.20.x</c>,
/// <c>^1</c>) is the highest known release that satisfies it; no version, a digest or a <c>${VAR}</c> substitution
/// is the newest known release. An exact version the tool lacks (newer than the data, a pre-release, one in between)
/// is checked against the nearest older known final release only within its major version (for <c>0.x</c>, within
/// its minor): across a minor version that check is <see cref="Fallback.AcrossMinor"/>, and across a major it is not
/// made (never a guess), nor for a version older than the data. Each choice other than an exact known version comes
/// with a note saying which release was checked.
/// </summary>
public sealed record ChartResolution(string Chart, ChartCatalog.Known? Checked, string? Note, Fallback Fallback = Fallback.None)
{
    /// <summary>How messages name the release checked: <c>cilium 1.17.4</c>.</summary>
    public string? Describe() => Checked?.Release.Describe(Chart);

    /// <param name="version">The version as the HelmRelease or its source writes it, or null.</param>
    /// <param name="from">Where the version was written (<c>chart.spec.version</c>, <c>OCIRepository cilium ref.tag</c>), for the note.</param>
    /// <param name="gitTag">The tag of a GitRepository source: a release id when the chart version does not tell releases apart.</param>
    public static ChartResolution Resolve(ChartCatalog catalog, string chart, string? version, string from, string? gitTag = null)
    {
        var releases = catalog.Releases(chart);
        if (releases.Count == 0) return new ChartResolution(chart, null, null);
        if (SemanticVersion.TryParse(gitTag) is { } tag && releases.FirstOrDefault(r => r.Release.Id.Equals(tag)) is { } tagged
            && (version is null || SemanticVersion.TryParse(version) is { } v && v.Equals(tagged.Release.ChartVersion)))
            return new(chart, tagged, tagged.Release.Id.Equals(tagged.Release.ChartVersion) ? null
                : $"the chart comes from a GitRepository at tag {gitTag}: checked against {tagged.Release.Describe(chart)}");
        var newest = releases[0];
        var text = version?.Trim();
        if (string.IsNullOrEmpty(text))
            return new(chart, newest, $"{from} pins no version: checked against the newest release the tool knows, {newest.Release.Describe(chart)}");
        if (text.Contains("${", StringComparison.Ordinal))
            return new(chart, newest, $"{from} is {text}, a substitution Flux fills in later: checked against the newest release the tool knows, {newest.Release.Describe(chart)}");

        if (SemanticVersion.TryParse(text) is { } exact)
        {
            var same = releases.Where(r => r.Release.ChartVersion.Equals(exact)).ToList();
            if (same.Count == 1) return new(chart, same[0], null);
            if (same.Count > 1)
                return new(chart, same[0], $"{same.Count} known releases of {chart} carry chart version {exact} " +
                                           $"({string.Join(", ", same.Select(s => s.Release.Id).OrderBy(v => v))}): checked against the newest, release {same[0].Release.Id}");
            var oldest = releases[^1];
            if (exact < oldest.Release.ChartVersion)
                return new(chart, null, $"{chart} {exact} is older than every release the tool knows (from {oldest.Release.ChartVersion}): its values are not checked; pass the chart with --charts DIR to check them");
            var older = releases.FirstOrDefault(r => !r.Release.ChartVersion.IsPrerelease && r.Release.ChartVersion < exact);
            if (older is null) return new(chart, null, $"the tool knows no final release of {chart} before {exact}: its values are not checked");
            var near = older.Release.ChartVersion;
            var why = exact.IsPrerelease ? "a pre-release" : exact > newest.Release.ChartVersion ? "newer than the releases the tool knows" : "a release the tool does not carry";
            if (near.Major != exact.Major || exact.Major == 0 && near.Minor != exact.Minor)
                return new(chart, null, $"{chart} {exact} is {why}, and the nearest older release the tool knows, {older.Release.Describe(chart)}, is of another " +
                                        $"{(exact.Major == 0 ? "0.x minor" : "major")} version: its values are not checked (a guess across it would be wrong); pass the chart with --charts DIR or --fetch-charts");
            var acrossMinor = near.Minor != exact.Minor;
            return new(chart, older, $"{chart} {exact} is {why}: checked against the nearest older release it knows, {older.Release.Describe(chart)}" +
                                     (acrossMinor ? $", a minor version earlier (a key only {exact} may read is a note, not a warning)" : "") +
                                     "; pass the chart with --charts DIR to check that version itself",
                acrossMinor ? Fallback.AcrossMinor : Fallback.None);
        }

        if (VersionConstraint.TryParse(text, out _) is { } range)
        {
            var best = range.Highest(releases.Select(r => r.Release.ChartVersion));
            var match = best is null ? null : releases.Where(r => r.Release.ChartVersion.Equals(best)).MaxBy(r => r.Release.Id);
            return match is null
                ? new(chart, null, $"no release of {chart} the tool knows satisfies {from} '{text}': its values are not checked")
                : new(chart, match, $"{from} '{text}' resolves to {match.Release.Describe(chart)}, the highest release the tool knows that satisfies it");
        }
        return new(chart, null, $"{from} '{text}' is neither a version nor a version range: the values of {chart} are not checked");
    }
}
