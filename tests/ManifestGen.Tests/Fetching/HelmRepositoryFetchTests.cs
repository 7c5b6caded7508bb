using ManifestGen.Charts;
using ManifestGen.Fetching;
using ManifestGen.Lint;
using ManifestGen.Tests.Support;

namespace ManifestGen.Tests.Fetching;

/// <summary>
/// --fetch-charts against a HelmRepository: a static HTTP server on 127.0.0.1 holding an index.yaml and archives, as
/// every Helm repository is. The charts are real: Cilium's published archives, and for a version the tool does not
/// carry, the 1.20.0 archive repackaged as 1.99.0 (only its Chart.yaml's version line differs).
/// </summary>
public sealed class HelmRepositoryFetchTests : IDisposable
{
    private readonly FetchRig rig = new();
    private readonly LocalHttpServer server = new();

    public void Dispose()
    {
        server.Dispose();
        rig.Dispose();
    }

    private byte[] ServeNewCilium(string version = "1.99.0", string? digest = null, bool absolute = false)
    {
        var archive = ChartArchives.Cilium("1.20.0", version);
        var path = absolute ? $"/downloads/cilium-{version}.tgz" : $"/cilium-{version}.tgz";
        server.Put(path, archive);
        var url = absolute ? server.Url + path.TrimStart('/') : $"cilium-{version}.tgz";
        server.Put(absolute ? "/repo/index.yaml" : "/index.yaml", ChartArchives.Index("cilium", (version, url, digest ?? ChartArchives.Sha256(archive))));
        return archive;
    }

    [SharedFact]
    public void A_version_the_tool_does_not_carry_is_fetched_checked_and_cached()
    {
        var archive = ServeNewCilium();
        rig.CiliumFrom(server.Url, "1.99.0");

        var run = rig.Lint("--fetch-charts");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("MG0009: notAKey is not read by cilium 1.99.0", run.Stdout);
        Assert.Contains("1 checked against their chart", run.Stdout);
        Assert.Equal(["GET /index.yaml", "GET /cilium-1.99.0.tgz"], server.Requests);
        Assert.Contains($"fetched cilium 1.99.0 from {server.Url}cilium-1.99.0.tgz", run.Stderr);
        Assert.Contains("charts: 1 fetched (", run.Stderr);
        var sha = ChartArchives.Sha256(archive);
        Assert.Contains(rig.CacheFiles(), f => f.EndsWith($"/blobs/sha256-{sha}.tgz", StringComparison.Ordinal));
        Assert.Contains(rig.CacheFiles(), f => f.EndsWith("/refs/cilium@1.99.0", StringComparison.Ordinal));
        Assert.DoesNotContain(rig.CacheFiles(), f => f.EndsWith(".tmp", StringComparison.Ordinal));

        // The cache is asked first: an exact version fetched before costs no request, and no analysis either.
        var again = rig.Lint("--fetch-charts");
        Assert.Contains("MG0009: notAKey is not read by cilium 1.99.0", again.Stdout);
        Assert.Equal(2, server.Requests.Count);
        Assert.Contains("1 from the cache, 0 request(s), 0 analysed", again.Stderr);
    }

    [SharedFact]
    public void A_fetched_archive_is_analysed_once_its_analysis_kept_beside_it_by_digest_and_analyser_version()
    {
        var archive = ServeNewCilium();
        rig.CiliumFrom(server.Url, "1.99.0");
        Assert.Contains(", 1 analysed", rig.Lint("--fetch-charts").Stderr);
        var analysis = Assert.Single(rig.CacheFiles(), f => f.Contains("/analysis/", StringComparison.Ordinal));
        Assert.EndsWith($"/analysis/sha256-{ChartArchives.Sha256(archive)}.v{ManifestGen.Charts.Analysis.ChartAnalyzer.Version}.txt", analysis);
        analysis = Path.Combine(rig.Cache, analysis);

        // The second run reads the analysis: one that says notAKey is read is believed (so the file is what is used) ...
        File.AppendAllText(analysis, "notAKey\tl\t1.99.0\n");
        var cached = rig.Lint("--fetch-charts");
        Assert.DoesNotContain("notAKey", cached.Stdout);
        Assert.Contains(", 0 analysed", cached.Stderr);
        // ... and one that is not what an analyser wrote is set aside: the archive is analysed again.
        File.WriteAllText(analysis, "not an analysis\n");
        var again = rig.Lint("--fetch-charts");
        Assert.Contains("MG0009: notAKey is not read by cilium 1.99.0", again.Stdout);
        Assert.Contains(", 1 analysed", again.Stderr);
    }

    [SharedFact]
    public void Offline_with_the_server_stopped_the_cache_answers_and_no_request_is_made()
    {
        ServeNewCilium();
        rig.CiliumFrom(server.Url, ">=1.99.0 <2.0.0");
        Assert.Contains("resolves to cilium 1.99.0 in HelmRepository cilium's index", rig.Lint("--fetch-charts").Stdout);
        server.Dispose();

        var offline = rig.Lint("--fetch-charts", "--offline");

        Assert.Equal(0, offline.ExitCode);
        Assert.Contains("MG0009: notAKey is not read by cilium 1.99.0", offline.Stdout);
        Assert.Contains("resolves to cilium 1.99.0 in HelmRepository cilium's index", offline.Stdout);
        Assert.Contains("0 request(s) (offline)", offline.Stderr);
        Assert.DoesNotContain("MG6001", offline.Stdout);

        // Online with the server gone: a warning naming the source, and the cached index still answers.
        var unreachable = rig.Lint("--fetch-charts");
        Assert.Equal(0, unreachable.ExitCode);
        Assert.Contains("warning MG6001: the index of HelmRepository cilium", unreachable.Stdout);
        Assert.Contains("the index cached before is used", unreachable.Stdout);
        Assert.Contains("MG0009: notAKey is not read by cilium 1.99.0", unreachable.Stdout);
    }

    [SharedFact]
    public void Offline_with_an_empty_cache_notes_why_and_makes_no_request()
    {
        ServeNewCilium();
        rig.CiliumFrom(server.Url, "1.99.0");

        var offline = rig.Lint("--offline");

        Assert.Equal(0, offline.ExitCode);
        Assert.Contains("note MG6005: chart cilium not fetched: --offline", offline.Stdout);
        Assert.Empty(server.Requests);
    }

    [SharedFact]
    public void A_range_is_resolved_against_the_real_index_as_helm_controller_resolves_it()
    {
        using var real = new LocalHttpServer(Path.Combine(RepoPaths.Shared, "charts", "cilium"));
        // The highest 1.16 release the shared folder (the same repository as its index) holds.
        var expected = Directory.GetFiles(Path.Combine(RepoPaths.Shared, "charts", "cilium"), "cilium-1.16.*.tgz")
            .Select(f => Path.GetFileNameWithoutExtension(f)["cilium-".Length..]).MaxBy(v => int.Parse(v.Split('.')[2], System.Globalization.CultureInfo.InvariantCulture));
        rig.CiliumFrom(real.Url, "~1.16.0");

        var run = rig.Lint("--fetch-charts");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"chart.spec.version '~1.16.0' resolves to cilium {expected} in HelmRepository cilium's index", run.Stdout);
        Assert.Contains($"notAKey is not read by cilium {expected}", run.Stdout);
        // The release is built in: only the index was read.
        Assert.Equal(["GET /index.yaml"], real.Requests);
    }

    [SharedFact]
    public void A_published_archive_is_fetched_from_the_real_index_and_checked_against_its_real_digest()
    {
        using var real = new LocalHttpServer(Path.Combine(RepoPaths.Shared, "charts", "cilium"));
        rig.CiliumFrom(real.Url, "1.17.4");
        var settings = FetchSettings.FromEnvironment(n => n == "XDG_CACHE_HOME" ? rig.Home.PathOf("cache") : null, offline: false, progress: null);
        ChartFetcher? fetcher = null;
        // The built-in data switched off: the release comes from the server or not at all.
        var result = RepositoryLinter.Run(new LintOptions(rig.Repository.Root, rig.Repository.Root, null,
            _ =>
            {
                var catalog = ChartCatalog.WithCharts(null, builtIn: false);
                return catalog.WithFetcher(fetcher = new ChartFetcher(catalog, settings));
            }));

        Assert.Equal(1, result.Checked);
        Assert.Contains(result.Diagnostics, d => d.Code.Code == "MG0009" && d.Message.StartsWith("notAKey is not read by cilium 1.17.4", StringComparison.Ordinal));
        Assert.Empty(fetcher!.Diagnostics);
        Assert.Equal(["GET /index.yaml", "GET /cilium-1.17.4.tgz"], real.Requests);
        var sha = ChartArchives.Sha256(File.ReadAllBytes(Path.Combine(RepoPaths.Shared, "charts", "cilium", "cilium-1.17.4.tgz")));
        Assert.Contains(rig.CacheFiles(), f => f.EndsWith($"/blobs/sha256-{sha}.tgz", StringComparison.Ordinal));
        fetcher.Dispose();
    }

    [SharedFact]
    public void An_index_with_absolute_urls_is_followed()
    {
        ServeNewCilium(absolute: true);
        rig.CiliumFrom(server.Url + "repo", "1.99.x");

        var run = rig.Lint("--fetch-charts");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("MG0009: notAKey is not read by cilium 1.99.0", run.Stdout);
        Assert.Equal(["GET /repo/index.yaml", "GET /downloads/cilium-1.99.0.tgz"], server.Requests);
    }

    [SharedFact]
    public void An_archive_that_fails_its_digest_is_an_error_and_is_never_cached()
    {
        ServeNewCilium(digest: new string('0', 64));
        rig.CiliumFrom(server.Url, "1.99.0");

        var run = rig.Lint("--fetch-charts");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("infra/cilium.yaml:8:8: error MG6003: cilium 1.99.0 from HelmRepository cilium: the index names digest sha256:0000", run.Stdout);
        Assert.Contains("it was refused and not cached", run.Stdout);
        Assert.DoesNotContain(rig.CacheFiles(), f => f.Contains("/blobs/", StringComparison.Ordinal) || f.Contains("/refs/", StringComparison.Ordinal));
        // Not cached: the next run asks again, and fails again.
        Assert.Equal(2, rig.Lint("--fetch-charts").ExitCode);
        Assert.Equal(2, server.Requests.Count(r => r.EndsWith(".tgz", StringComparison.Ordinal)));
    }

    [SharedFact]
    public void An_oversized_archive_is_refused_before_it_is_read()
    {
        var huge = new byte[17 * 1024 * 1024];
        new Random(7).NextBytes(huge);
        server.Put("/cilium-1.99.0.tgz", huge);
        server.Put("/index.yaml", ChartArchives.Index("cilium", ("1.99.0", "cilium-1.99.0.tgz", ChartArchives.Sha256(huge))));
        rig.CiliumFrom(server.Url, "1.99.0");

        var run = rig.Lint("--fetch-charts");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("warning MG6004: cilium 1.99.0 from HelmRepository cilium: " + server.Url + "cilium-1.99.0.tgz is larger than the limit of 16 MiB", run.Stdout);
        // The run goes on with what it knows: the nearest older release.
        Assert.Contains("checked against the nearest older release it knows, cilium 1.20.0", run.Stdout);
        Assert.DoesNotContain(rig.CacheFiles(), f => f.Contains("/blobs/", StringComparison.Ordinal));
    }

    [SharedFact]
    public void An_archive_that_unpacks_past_the_limit_is_refused_and_not_cached()
    {
        var bomb = ChartArchives.Bomb("cilium", "1.99.0", 80L * 1024 * 1024);
        Assert.True(bomb.Length < 1024 * 1024, $"the bomb is {bomb.Length} bytes");
        server.Put("/cilium-1.99.0.tgz", bomb);
        server.Put("/index.yaml", ChartArchives.Index("cilium", ("1.99.0", "cilium-1.99.0.tgz", ChartArchives.Sha256(bomb))));
        rig.CiliumFrom(server.Url, "1.99.0");

        var run = rig.Lint("--fetch-charts");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("warning MG6004: cilium from HelmRepository cilium: " + server.Url + "cilium-1.99.0.tgz: chart refused: the archive unpacks to more than 64 MiB", run.Stdout);
        Assert.DoesNotContain(rig.CacheFiles(), f => f.Contains("/blobs/", StringComparison.Ordinal));
    }

    [SharedFact]
    public void An_unreachable_source_is_a_warning_naming_it_and_the_run_goes_on()
    {
        var closed = $"http://127.0.0.1:{LocalHttpServer.FreePort()}/";
        rig.CiliumFrom(closed, "1.99.0");
        rig.Repository.Write("other/cilium.yaml", rig.Repository.Read("infra/cilium.yaml").Replace("\"1.99.0\"", "\"1.18.4\"", StringComparison.Ordinal).Replace("name: cilium\n  namespace", "name: other\n  namespace", StringComparison.Ordinal));

        var run = rig.Lint("--fetch-charts");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"infra/cilium.yaml:8:8: warning MG6001: the index of HelmRepository cilium: {closed}index.yaml:", run.Stdout);
        Assert.Contains("chart cilium is checked against the releases the tool knows", run.Stdout);
        Assert.Contains("notAKey is not read by cilium 1.18.4", run.Stdout);
        Assert.Contains("notAKey is not read by cilium 1.20.0", run.Stdout);
    }

    [SharedFact]
    public void A_host_that_could_not_be_reached_is_not_asked_again_in_the_run()
    {
        var port = LocalHttpServer.FreePort();
        rig.CiliumFrom($"http://127.0.0.1:{port}/a/", "1.99.0", "a/cilium.yaml");
        rig.CiliumFrom($"http://127.0.0.1:{port}/b/", "1.99.1", "b/cilium.yaml");

        var run = rig.Lint("--fetch-charts");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(2, run.Stdout.Split('\n').Count(l => l.Contains("warning MG6001", StringComparison.Ordinal)));
        Assert.Contains($"127.0.0.1:{port} could not be reached earlier in this run", run.Stdout);
        Assert.Contains("1 request(s)", run.Stderr);
    }

    [SharedFact]
    public void Substitutions_credentials_and_git_sources_are_notes_never_errors()
    {
        ServeNewCilium();
        rig.CiliumFrom(server.Url, "${CILIUM_VERSION}", "a/cilium.yaml");
        rig.CiliumFrom(server.Url, "1.99.0", "b/cilium.yaml", "  secretRef:\n    name: repo-credentials\n");
        rig.Repository.Write("c/trident.yaml", """
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: GitRepository
            metadata:
              name: trident
            spec:
              url: https://git.invalid/trident
              ref:
                tag: v99.0.0
            ---
            apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            metadata:
              name: trident
            spec:
              chart:
                spec:
                  chart: ./helm/trident-operator
                  version: 100.2999.0
                  sourceRef:
                    kind: GitRepository
                    name: trident
              values: {}

            """);

        var run = rig.Lint("--fetch-charts");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("note MG6005: chart cilium not fetched: chart.spec.version is ${CILIUM_VERSION}, a substitution Flux fills in", run.Stdout);
        Assert.Contains("note MG6005: chart cilium not fetched: HelmRepository cilium signs in with the credentials of Secret repo-credentials, which the tool does not read", run.Stdout);
        Assert.Contains("note MG6005: chart trident-operator not fetched: Flux builds chart trident-operator from GitRepository trident", run.Stdout);
        Assert.Empty(server.Requests);
    }

    [SharedFact]
    public void A_fetch_that_takes_more_than_a_moment_says_what_it_is_fetching()
    {
        var archive = ChartArchives.Cilium("1.20.0", "1.99.0");
        server.Put("/index.yaml", ChartArchives.Index("cilium", ("1.99.0", "cilium-1.99.0.tgz", ChartArchives.Sha256(archive))));
        server.Trickle("/cilium-1.99.0.tgz", archive, archive.Length / 10 + 1, TimeSpan.FromMilliseconds(200));
        rig.CiliumFrom(server.Url, "1.99.0");

        var run = rig.Lint("--fetch-charts");

        Assert.Equal(0, run.ExitCode);
        var starting = run.Stderr.IndexOf($"fetching cilium 1.99.0 from {server.Url}cilium-1.99.0.tgz ...", StringComparison.Ordinal);
        Assert.True(starting >= 0, run.Stderr);
        Assert.True(starting < run.Stderr.IndexOf("fetched cilium 1.99.0", StringComparison.Ordinal), run.Stderr);
    }

    [SharedFact]
    public void Json_and_github_actions_runs_print_only_the_summary_line()
    {
        ServeNewCilium();
        rig.CiliumFrom(server.Url, "1.99.0");

        var json = rig.Lint("--fetch-charts", "--output", "json");
        Assert.Equal(0, json.ExitCode);
        Assert.DoesNotContain("fetched cilium", json.Stderr);
        Assert.StartsWith("charts: 1 fetched (", json.Stderr);
        Assert.Single(json.Stderr.TrimEnd('\n').Split('\n'));
        Assert.Contains("\"MG0009\"", json.Stdout);

        rig.GitHubActions = true;
        var actions = rig.Lint("--fetch-charts");
        Assert.DoesNotContain("fetched cilium", actions.Stderr);
        Assert.Contains("charts: 0 fetched, 1 from the cache", actions.Stderr);
    }
}
