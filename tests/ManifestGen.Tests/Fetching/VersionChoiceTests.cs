using ManifestGen.Fetching;

namespace ManifestGen.Tests.Fetching;

/// <summary>source-controller's choice of a chart version from an index or a tag list.</summary>
public sealed class VersionChoiceTests
{
    private static readonly string[] Versions = ["1.19.0", "1.19.3", "1.20.0-pre.1", "1.20.0", "1.20.1", "2.0.0-rc.1", "v1.18.0", "not-a-version"];

    [Theory]
    [InlineData(null, "1.20.1")]                 // no version: the latest stable
    [InlineData("*", "1.20.1")]
    [InlineData("~1.19.0", "1.19.3")]
    [InlineData("1.19.x", "1.19.3")]
    [InlineData(">=1.19.0 <1.20.0", "1.19.3")]
    [InlineData("^1", "1.20.1")]
    [InlineData("1.20.0-pre.1", "1.20.0-pre.1")] // written exactly as the source writes it
    [InlineData(">=2.0.0-rc.0", "2.0.0-rc.1")]   // a range that names a pre-release admits one
    [InlineData("1.18.0", "v1.18.0")]            // a constraint matches the v-prefixed version
    [InlineData("not-a-version", "not-a-version")]
    public void Chooses_as_source_controller_does(string? wanted, string expected) =>
        Assert.Equal(expected, VersionChoice.Choose(Versions, wanted, out _));

    [Fact]
    public void Nothing_satisfying_says_why()
    {
        Assert.Null(VersionChoice.Choose(Versions, ">=3.0.0", out var why));
        Assert.Equal("no version satisfies '>=3.0.0'", why);
        Assert.Null(VersionChoice.Choose(["1.0.0-rc.1"], null, out why));
        Assert.Equal("no stable version is there", why);
        Assert.Null(VersionChoice.Choose(Versions, "latest-ish!", out why));
        Assert.StartsWith("'latest-ish!' is not a version or a version constraint", why);
    }

    [Fact]
    public void An_oci_tag_stands_for_its_version_with_a_plus()
    {
        Assert.Equal("1.2.3_build.5", VersionChoice.Choose(["1.2.3_build.5", "1.2.2"], "1.2.x", out _));
        Assert.Equal("1.2.3+build.5", VersionChoice.AsVersion("1.2.3_build.5"));
    }
}
