using System.Net.Http.Headers;
using ManifestGen.Fetching;
using ManifestGen.Tests.Support;

namespace ManifestGen.Tests.Fetching;

/// <summary>The limits of every request, against a real server on 127.0.0.1.</summary>
public sealed class BoundedHttpTests : IDisposable
{
    private readonly LocalHttpServer server = new();
    private readonly LocalHttpServer other = new();

    public void Dispose()
    {
        server.Dispose();
        other.Dispose();
    }

    private static Dictionary<string, string> Location(string url) => new() { ["Location"] = url };

    private FetchFailure Fails(FetchLimits limits, string path, long maxBytes = 1024)
    {
        using var http = new BoundedHttp(limits);
        return Assert.Throws<FetchFailure>(() => http.Get(new Uri(server.Url + path.TrimStart('/')), maxBytes, "the test file"));
    }

    [Fact]
    public void Redirects_are_followed_a_few_times_and_only_to_http_or_https()
    {
        server.Put("/target", "ok");
        server.Handle("/one", _ => (302, [], Location("/target")));
        using (var http = new BoundedHttp(FetchLimits.Default))
        {
            var answer = http.Get(new Uri(server.Url + "one"), 1024, "the test file");
            Assert.True(answer.Ok);
            Assert.Equal("ok"u8.ToArray(), answer.Body);
        }

        foreach (var i in Enumerable.Range(0, 5)) server.Handle($"/loop{i}", _ => (301, [], Location($"/loop{i + 1}")));
        var tooMany = Fails(FetchLimits.Default, "/loop0");
        Assert.Equal(FetchFailureKind.Refused, tooMany.Kind);
        Assert.Contains("more than 3 redirects", tooMany.Message);

        server.Handle("/ftp", _ => (302, [], Location("ftp://127.0.0.1/chart.tgz")));
        var ftp = Fails(FetchLimits.Default, "/ftp");
        Assert.Contains("ftp://127.0.0.1/chart.tgz is not http or https", ftp.Message);
    }

    [Fact]
    public void Credentials_are_never_carried_to_another_host()
    {
        other.Put("/blob", "data");
        server.Handle("/blob", _ => (307, [], Location(other.Url + "blob")));
        server.Handle("/same", _ => (307, [], Location("/here")));
        server.Put("/here", "x");
        using var http = new BoundedHttp(FetchLimits.Default);
        var bearer = new AuthenticationHeaderValue("Bearer", "t0ken");

        Assert.True(http.Get(new Uri(server.Url + "blob"), 1024, "a blob", authorization: bearer).Ok);
        Assert.True(http.Get(new Uri(server.Url + "same"), 1024, "a file", authorization: bearer).Ok);

        Assert.Empty(other.Authorizations);
        Assert.Equal(["/blob Bearer t0ken", "/same Bearer t0ken", "/here Bearer t0ken"], server.Authorizations);
    }

    [Fact]
    public void An_answer_over_its_limit_is_refused()
    {
        server.Put("/big", new byte[4096]);
        var failure = Fails(FetchLimits.Default, "/big", maxBytes: 1000);
        Assert.Equal(FetchFailureKind.Refused, failure.Kind);
        Assert.Contains("is larger than the limit of 1000 bytes (4 KiB)", failure.Message);
    }

    [Fact]
    public void A_request_past_its_deadline_and_a_run_past_its_budget_are_unreachable()
    {
        server.Handle("/slow", _ =>
        {
            Thread.Sleep(3000);
            return (200, "late"u8.ToArray(), null);
        });
        var slow = Fails(FetchLimits.Default with { RequestTimeout = TimeSpan.FromMilliseconds(300) }, "/slow");
        Assert.Equal(FetchFailureKind.Unreachable, slow.Kind);
        Assert.Contains("no answer from", slow.Message);
        Assert.Contains("within 0.3 s", slow.Message);

        server.Put("/fast", "ok");
        var spent = Fails(FetchLimits.Default with { RunTimeout = TimeSpan.Zero }, "/fast");
        Assert.Contains("the run's fetch time (0 s) is used up", spent.Message);
    }

    [Fact]
    public void Statuses_are_classified()
    {
        server.Handle("/denied", _ => (403, [], null));
        server.Handle("/broken", _ => (500, [], null));
        using var http = new BoundedHttp(FetchLimits.Default);
        Assert.Equal(FetchFailureKind.Denied, BoundedHttp.Failure(http.Get(new Uri(server.Url + "denied"), 10, "x"), "x").Kind);
        Assert.Equal(FetchFailureKind.NotFound, BoundedHttp.Failure(http.Get(new Uri(server.Url + "nothing"), 10, "x"), "x").Kind);
        Assert.Equal(FetchFailureKind.Unreachable, BoundedHttp.Failure(http.Get(new Uri(server.Url + "broken"), 10, "x"), "x").Kind);
    }
}
