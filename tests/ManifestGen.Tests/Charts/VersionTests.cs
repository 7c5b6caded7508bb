using ManifestGen.Charts;

namespace ManifestGen.Tests.Charts;

/// <summary>Versions and ranges as helm-controller reads them (Masterminds semver), and which known release a HelmRelease is checked against.</summary>
public class VersionTests
{
    private static bool Satisfies(string constraint, string version) =>
        VersionConstraint.TryParse(constraint, out _)!.IsSatisfiedBy(SemanticVersion.TryParse(version)!);

    [Theory]
    [InlineData(">=1.19.0 <2.0.0", "1.20.0", true)]
    [InlineData(">=1.19.0 <2.0.0", "2.0.0", false)]
    [InlineData(">=1.19.0, <2.0.0", "1.19.0", true)]
    [InlineData("1.20.x", "1.20.7", true)]
    [InlineData("1.20.x", "1.21.0", false)]
    [InlineData("1.20", "1.20.3", true)]
    [InlineData("^1", "1.99.0", true)]
    [InlineData("^1", "2.0.0", false)]
    [InlineData("^1.2.3", "1.2.2", false)]
    [InlineData("^0.2.3", "0.3.0", false)]
    [InlineData("~1.2.3", "1.2.9", true)]
    [InlineData("~1.2.3", "1.3.0", false)]
    [InlineData("~1", "1.9.0", true)]
    [InlineData("1.2 - 1.4.5", "1.4.5", true)]
    [InlineData("1.2 - 1.4.5", "1.4.6", false)]
    [InlineData(">1.2", "1.2.9", false)]
    [InlineData(">1.2", "1.3.0", true)]
    [InlineData("<=1.2", "1.2.9", true)]
    [InlineData("*", "0.0.1", true)]
    [InlineData("!=1.2.3", "1.2.3", false)]
    [InlineData("<1.4 || >=2.1", "2.1.0", true)]
    [InlineData("<1.4 || >=2.1", "1.5.0", false)]
    [InlineData(">=1.19.0", "1.21.0-pre.0", false)]   // a pre-release only when the range names one
    [InlineData(">=1.21.0-0", "1.21.0-pre.0", true)]
    [InlineData(">= 1.2", "1.2.0", true)]              // an operator apart from its version
    public void Constraints(string constraint, string version, bool expected) => Assert.Equal(expected, Satisfies(constraint, version));

    [Fact]
    public void Versions_order_by_semver_pre_releases_before_their_release()
    {
        var ordered = new[] { "1.20.0", "1.21.0-pre.0", "1.9.0", "1.21.0", "1.21.0-pre.10", "1.21.0-pre.2", "v1.10.0" }
            .Select(v => SemanticVersion.TryParse(v)!).Order().Select(v => v.Text).ToList();
        Assert.Equal(["1.9.0", "1.10.0", "1.20.0", "1.21.0-pre.0", "1.21.0-pre.2", "1.21.0-pre.10", "1.21.0"], ordered);
        Assert.Null(SemanticVersion.TryParse("1.2"));
        Assert.Null(SemanticVersion.TryParse("01.2.3"));
        Assert.Null(VersionConstraint.TryParse("latest", out var why));
        Assert.Contains("latest", why);
    }

    private static ChartResolution Resolve(string chart, string? version, string? gitTag = null) =>
        ChartResolution.Resolve(ChartCatalog.BuiltIn, chart, version, "chart.spec.version", gitTag);

    [Fact]
    public void Which_release_is_checked_and_what_the_note_says()
    {
        Assert.Equal(("1.17.4", (string?)null), (Resolve("cilium", "1.17.4").Checked!.Release.Id.Text, Resolve("cilium", "1.17.4").Note));

        var range = Resolve("cilium", ">=1.19.0 <2.0.0");
        Assert.Equal("1.20.0", range.Checked!.Release.Id.Text);
        Assert.Equal("chart.spec.version '>=1.19.0 <2.0.0' resolves to cilium 1.20.0, the highest release the tool knows that satisfies it", range.Note);
        Assert.Equal("1.19.6", Resolve("cilium", "1.19.x").Checked!.Release.Id.Text);

        var newer = Resolve("cilium", "1.21.3");
        Assert.Equal("1.20.0", newer.Checked!.Release.Id.Text);
        Assert.Contains("cilium 1.21.3 is newer than the releases the tool knows: checked against the nearest older release it knows, cilium 1.20.0", newer.Note);
        var pre = Resolve("cilium", "1.20.0-pre.3");
        Assert.Equal("1.19.6", pre.Checked!.Release.Id.Text);
        Assert.Contains("is a pre-release", pre.Note);
        var gap = Resolve("cilium", "1.16.14"); // a release the data does not carry
        Assert.Equal("1.16.13", gap.Checked!.Release.Id.Text);
        Assert.Contains("a release the tool does not carry", gap.Note);

        var older = Resolve("cilium", "1.12.9");
        Assert.Null(older.Checked);
        Assert.Contains("cilium 1.12.9 is older than every release the tool knows (from 1.13.0): its values are not checked", older.Note);

        Assert.Equal("1.20.0", Resolve("cilium", null).Checked!.Release.Id.Text);
        Assert.Contains("pins no version: checked against the newest release the tool knows, cilium 1.20.0", Resolve("cilium", null).Note);
        Assert.Contains("a substitution Flux fills in later", Resolve("cilium", "${CILIUM_VERSION}").Note);
        Assert.Null(Resolve("cilium", ">=3.0.0").Checked);
        Assert.Empty(ChartCatalog.BuiltIn.Releases("grafana"));
    }

    [Fact]
    public void QNAP_chart_is_version_2_0_0_in_every_release_so_the_newest_is_checked_unless_a_git_tag_tells()
    {
        var qnap = Resolve("trident", "2.0.0");
        Assert.Equal("1.6.1", qnap.Checked!.Release.Id.Text);
        Assert.Contains("7 known releases of trident carry chart version 2.0.0 (1.3.0, 1.4.0, 1.5.0, 1.5.1, 1.5.2, 1.6.0, 1.6.1): checked against the newest, release 1.6.1", qnap.Note);
        var tagged = Resolve("trident", null, gitTag: "v1.5.1");
        Assert.Equal("1.5.1", tagged.Checked!.Release.Id.Text);
        Assert.Contains("GitRepository at tag v1.5.1", tagged.Note);
    }
}
