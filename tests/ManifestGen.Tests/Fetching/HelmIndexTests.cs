using System.Text;
using ManifestGen.Fetching;

namespace ManifestGen.Tests.Fetching;

public sealed class HelmIndexTests
{
    [Theory]
    [InlineData("https://charts.example/stable", "https://charts.example/stable/index.yaml")]
    [InlineData("https://charts.example/stable/", "https://charts.example/stable/index.yaml")]
    [InlineData("http://127.0.0.1:8080", "http://127.0.0.1:8080/index.yaml")]
    public void The_index_is_below_the_repository_url(string repository, string index) =>
        Assert.Equal(index, HelmIndex.IndexUrl(new Uri(repository)).AbsoluteUri);

    [Theory]
    [InlineData("https://charts.example/stable", "cilium-1.0.0.tgz", "https://charts.example/stable/cilium-1.0.0.tgz")]
    [InlineData("https://charts.example/stable/", "../archive/cilium-1.0.0.tgz", "https://charts.example/archive/cilium-1.0.0.tgz")]
    [InlineData("https://charts.example/stable", "https://downloads.example/c/cilium-1.0.0.tgz", "https://downloads.example/c/cilium-1.0.0.tgz")]
    public void An_archive_url_is_resolved_as_helm_resolves_it(string repository, string entry, string archive) =>
        Assert.Equal(archive, HelmIndex.ArchiveUrl(new Uri(repository), new HelmIndex.Entry("1.0.0", [entry], null))!.AbsoluteUri);

    [Fact]
    public void The_entries_of_a_chart_are_read_with_their_digests()
    {
        var index = HelmIndex.Parse(Encoding.UTF8.GetBytes("""
            apiVersion: v1
            entries:
              cilium:
              - version: 1.0.0
                digest: abc
                urls: [cilium-1.0.0.tgz]
              - version: 0.9.0
                urls: []
              other: []
            """), "the index");
        Assert.Equal([new HelmIndex.Entry("1.0.0", ["cilium-1.0.0.tgz"], "abc"), new HelmIndex.Entry("0.9.0", [], null)], index.EntriesOf("cilium"), new EntryComparer());
        Assert.Empty(index.EntriesOf("missing"));
        Assert.Null(HelmIndex.ArchiveUrl(new Uri("https://x/"), index.EntriesOf("cilium")[1]));
    }

    [Fact]
    public void A_file_that_is_no_index_is_refused()
    {
        Assert.Equal(FetchFailureKind.Refused, Assert.Throws<FetchFailure>(() => HelmIndex.Parse("<html>not found</html>"u8.ToArray(), "the index")).Kind);
        Assert.Contains("no entries", Assert.Throws<FetchFailure>(() => HelmIndex.Parse("apiVersion: v1\n"u8.ToArray(), "the index")).Message);
    }

    private sealed class EntryComparer : IEqualityComparer<HelmIndex.Entry>
    {
        public bool Equals(HelmIndex.Entry? a, HelmIndex.Entry? b) => a!.Version == b!.Version && a.Digest == b.Digest && a.Urls.SequenceEqual(b.Urls);
        public int GetHashCode(HelmIndex.Entry e) => e.Version.GetHashCode(StringComparison.Ordinal);
    }
}
