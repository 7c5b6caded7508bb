using ManifestGen.Fetching;
using ManifestGen.Tests.Support;

namespace ManifestGen.Tests.Fetching;

public sealed class ChartCacheTests : IDisposable
{
    private readonly TempTree folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void The_root_is_xdg_cache_home_else_home_dot_cache()
    {
        Assert.Equal("/x/manifestgen/charts", ChartCache.DefaultRoot(n => n switch { "XDG_CACHE_HOME" => "/x", "HOME" => "/h", _ => null }));
        Assert.Equal("/h/.cache/manifestgen/charts", ChartCache.DefaultRoot(n => n == "HOME" ? "/h" : null));
        // A relative XDG_CACHE_HOME is invalid by the XDG spec and ignored.
        Assert.Equal("/h/.cache/manifestgen/charts", ChartCache.DefaultRoot(n => n switch { "XDG_CACHE_HOME" => "rel", "HOME" => "/h", _ => null }));
    }

    [Fact]
    public void A_source_folder_is_readable_and_unique()
    {
        Assert.StartsWith("http_127.0.0.1_8080_charts-", ChartCache.SourceFolder("http://127.0.0.1:8080/charts"));
        Assert.NotEqual(ChartCache.SourceFolder("http://a/b_c"), ChartCache.SourceFolder("http://a/b/c"));
        Assert.Equal(ChartCache.SourceFolder("oci://r/x"), ChartCache.SourceFolder("oci://r/x"));
    }

    [Fact]
    public void A_blob_is_found_by_its_digest_and_a_changed_one_is_dropped()
    {
        var cache = new ChartCache(folder.Root);
        var data = "chart bytes"u8.ToArray();
        var digest = ChartCache.Digest(data);
        cache.WriteBlob("http://s/", digest, data);
        Assert.Equal(data, cache.ReadBlob("http://s/", digest));
        Assert.Equal(data, cache.ReadBlob("http://s/", digest[7..].ToUpperInvariant()));   // an index's bare hex
        Assert.Null(cache.ReadBlob("http://other/", digest));
        Assert.DoesNotContain(Directory.EnumerateFiles(folder.Root, "*", SearchOption.AllDirectories), f => f.EndsWith(".tmp", StringComparison.Ordinal));

        var file = Directory.EnumerateFiles(folder.Root, "*.tgz", SearchOption.AllDirectories).Single();
        File.WriteAllText(file, "tampered");
        Assert.Null(cache.ReadBlob("http://s/", digest));
        Assert.False(File.Exists(file));
    }

    [Fact]
    public void A_digest_that_is_not_sha256_hex_names_no_file()
    {
        var cache = new ChartCache(folder.Root);
        cache.WriteBlob("http://s/", "sha256:../../etc", [1]);
        cache.WriteBlob("http://s/", "md5:abc", [1]);
        Assert.Empty(Directory.EnumerateFiles(folder.Root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Refs_and_documents_round_trip()
    {
        var cache = new ChartCache(folder.Root);
        cache.WriteRef("oci://r/c", "1.2.3_build", "sha256:" + new string('a', 64));
        Assert.Equal("sha256:" + new string('a', 64), cache.ReadRef("oci://r/c", "1.2.3_build"));
        Assert.Null(cache.ReadRef("oci://r/c", "1.2.4"));
        cache.WriteDocument("http://s/", "index.yaml", "entries: {}\n"u8.ToArray());
        cache.WriteDocument("http://s/", "index.yaml", "entries: {a: []}\n"u8.ToArray());
        Assert.Equal("entries: {a: []}\n"u8.ToArray(), cache.ReadDocument("http://s/", "index.yaml"));
    }
}
