using ManifestGen.Tests.Support;

namespace ManifestGen.Tests.Fetching;

/// <summary>
/// --fetch-charts against an OCI registry: the CNCF distribution registry (Debian's docker-registry) started on
/// 127.0.0.1 for each test, charts pushed to it with Helm's media types, read through an OCIRepository (chartRef) or
/// a HelmRepository of type oci, anonymously and through the registry's bearer-token challenge.
/// </summary>
public sealed class OciFetchTests : IDisposable
{
    private readonly FetchRig rig = new();

    public void Dispose() => rig.Dispose();

    /// <summary>An OCIRepository of cilium in the registry and a HelmRelease on it, with a value no Cilium release reads.</summary>
    private void OciRepository(string host, string reference, string extra = "", string file = "infra/cilium.yaml")
    {
        rig.Repository.Write(file, $"""
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: OCIRepository
            metadata:
              name: cilium
              namespace: kube-system
            spec:
              interval: 1h
              url: oci://{host}/charts/cilium
              insecure: true
              ref:
                {reference}
            {extra}---
            apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            metadata:
              name: cilium
              namespace: kube-system
            spec:
              interval: 1h
              chartRef:
                kind: OCIRepository
                name: cilium
              values:
                kubeProxyReplacement: true
                notAKey: 3

            """);
    }

    [DockerRegistryFact]
    public void HelmReleases_each_with_an_OCIRepository_of_their_own_for_one_chart_fetch_and_analyse_it_once()
    {
        // The home-ops way: each app its own OCIRepository, all on the same chart and tag (74 in one corpus repository).
        using var registry = new DockerRegistry();
        registry.Push("charts/cilium", "1.99.0", ChartArchives.Cilium("1.20.0", "1.99.0"));
        for (var i = 0; i < 6; i++)
            rig.Repository.Write($"apps/app{i}.yaml", $"""
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: OCIRepository
                metadata:
                  name: app{i}
                spec:
                  url: oci://{registry.Host}/charts/cilium
                  insecure: true
                  ref:
                    tag: 1.99.0
                ---
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata:
                  name: app{i}
                spec:
                  chartRef:
                    kind: OCIRepository
                    name: app{i}
                  values:
                    notAKey: {i}

                """);

        var run = rig.Lint("--fetch-charts");

        Assert.Equal(6, run.Stdout.Split('\n').Count(l => l.Contains("MG0009: notAKey is not read by cilium 1.99.0", StringComparison.Ordinal)));
        Assert.Contains("charts: 1 fetched (", run.Stderr);
        Assert.Contains(", 1 analysed", run.Stderr);
        var again = rig.Lint("--fetch-charts");
        Assert.Contains("charts: 0 fetched, 1 from the cache, 0 request(s), 0 analysed", again.Stderr);
    }

    [DockerRegistryFact]
    public void A_tag_is_fetched_checked_cached_and_read_offline_with_the_registry_stopped()
    {
        string sha;
        using (var registry = new DockerRegistry())
        {
            var archive = ChartArchives.Cilium("1.20.0", "1.99.0");
            sha = ChartArchives.Sha256(archive);
            registry.Push("charts/cilium", "1.99.0", archive);
            OciRepository(registry.Host, "tag: 1.99.0");

            var run = rig.Lint("--fetch-charts");

            Assert.Equal(0, run.ExitCode);
            Assert.Contains("MG0009: notAKey is not read by cilium 1.99.0", run.Stdout);
            Assert.Contains($"fetched cilium 1.99.0 from oci://{registry.Host}/charts/cilium", run.Stderr);
            Assert.Contains(rig.CacheFiles(), f => f.EndsWith($"/blobs/sha256-{sha}.tgz", StringComparison.Ordinal));
        }

        var offline = rig.Lint("--fetch-charts", "--offline");

        Assert.Equal(0, offline.ExitCode);
        Assert.Contains("MG0009: notAKey is not read by cilium 1.99.0", offline.Stdout);
        Assert.Contains("1 from the cache, 0 request(s) (offline)", offline.Stderr);
    }

    [DockerRegistryFact]
    public void A_digest_pins_the_manifest_and_a_range_is_resolved_against_the_tag_list()
    {
        using var registry = new DockerRegistry();
        var pushed = new Dictionary<string, string>();
        foreach (var version in new[] { "1.98.0", "1.99.0", "2.0.0", "1.99.1-rc.1" })
            pushed[version] = registry.Push("charts/cilium", version, ChartArchives.Cilium("1.20.0", version));

        OciRepository(registry.Host, "semver: \">=1.98.0 <2.0.0\"");
        var range = rig.Lint("--fetch-charts");
        Assert.Equal(0, range.ExitCode);
        Assert.Contains($"OCIRepository cilium ref.semver '>=1.98.0 <2.0.0' resolves to cilium 1.99.0 in the tags of oci://{registry.Host}/charts/cilium", range.Stdout);
        Assert.Contains("notAKey is not read by cilium 1.99.0", range.Stdout);

        // ref.semverFilter narrows the tags before the range: only the 1.98 line here.
        OciRepository(registry.Host, "semver: \">=1.98.0\"\n    semverFilter: \"^1\\\\.98\\\\.\"");
        var filtered = rig.Lint("--fetch-charts");
        Assert.Contains("ref.semver '>=1.98.0' resolves to cilium 1.98.0", filtered.Stdout);

        OciRepository(registry.Host, $"digest: {pushed["1.98.0"]}");
        var digest = rig.Lint("--fetch-charts");
        Assert.Equal(0, digest.ExitCode);
        Assert.Contains($"pins {pushed["1.98.0"]}: the chart of that digest is cilium 1.98.0", digest.Stdout);
        Assert.Contains("notAKey is not read by cilium 1.98.0", digest.Stdout);

        // A HelmRepository of type oci: the chart is a repository below its URL, its version resolved against the tags.
        rig.Repository.Write("infra/cilium.yaml", $"""
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: HelmRepository
            metadata:
              name: charts
            spec:
              type: oci
              insecure: true
              url: oci://{registry.Host}/charts
            ---
            apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            metadata:
              name: cilium
            spec:
              chart:
                spec:
                  chart: cilium
                  version: 1.99.x
                  sourceRef:
                    kind: HelmRepository
                    name: charts
              values:
                notAKey: 3

            """);
        var helmOci = rig.Lint("--fetch-charts");
        Assert.Equal(0, helmOci.ExitCode);
        Assert.Contains("chart.spec.version '1.99.x' resolves to cilium 1.99.0", helmOci.Stdout);
    }

    [DockerRegistryFact]
    public void A_layer_whose_bytes_fail_its_digest_is_an_error_and_is_never_cached()
    {
        using var registry = new DockerRegistry();
        var archive = ChartArchives.Cilium("1.20.0", "1.99.0");
        registry.Push("charts/cilium", "1.99.0", archive);
        // The registry's storage tampered with: it serves what is on disk under the digest it was pushed as.
        var stored = registry.BlobFile("sha256:" + ChartArchives.Sha256(archive));
        File.WriteAllBytes(stored, ChartArchives.Cilium("1.20.0", "6.6.6"));
        OciRepository(registry.Host, "tag: 1.99.0");

        var run = rig.Lint("--fetch-charts");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("infra/cilium.yaml:8:8: error MG6003: cilium 1.99.0 from OCIRepository cilium", run.Stdout);
        Assert.Contains("the bytes served have sha256:", run.Stdout);
        Assert.DoesNotContain(rig.CacheFiles(), f => f.Contains("/blobs/", StringComparison.Ordinal) || f.Contains("/refs/", StringComparison.Ordinal));
    }

    [DockerRegistryFact]
    public void An_oversized_layer_is_refused_from_its_manifest_before_it_is_downloaded()
    {
        using var registry = new DockerRegistry();
        var huge = new byte[17 * 1024 * 1024];
        new Random(11).NextBytes(huge);
        registry.Push("charts/cilium", "1.99.0", huge);
        OciRepository(registry.Host, "tag: 1.99.0");

        var run = rig.Lint("--fetch-charts");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("warning MG6004: cilium 1.99.0 from OCIRepository cilium", run.Stdout);
        Assert.Contains("the chart layer is 17 MiB, over the limit of 16 MiB", run.Stdout);
        Assert.Contains("checked against the nearest older release it knows, cilium 1.20.0", run.Stdout);
        Assert.DoesNotContain(rig.CacheFiles(), f => f.Contains("/blobs/", StringComparison.Ordinal));
    }

    [DockerRegistryFact]
    public void An_unreachable_registry_is_a_warning_naming_it()
    {
        var host = $"127.0.0.1:{LocalHttpServer.FreePort()}";
        OciRepository(host, "semver: \"1.99.x\"");

        var run = rig.Lint("--fetch-charts");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"warning MG6001: the tags of oci://{host}/charts/cilium (OCIRepository cilium)", run.Stdout);
    }

    [DockerRegistryFact]
    public void A_registry_that_asks_for_a_bearer_token_gets_one_from_its_realm()
    {
        using var tokens = new TokenService();
        using var registry = new DockerRegistry(tokens);
        registry.Push("charts/cilium", "1.99.0", ChartArchives.Cilium("1.20.0", "1.99.0"));
        OciRepository(registry.Host, "tag: 1.99.0");

        var run = rig.Lint("--fetch-charts");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("MG0009: notAKey is not read by cilium 1.99.0", run.Stdout);
        Assert.Contains(tokens.Requests, r => r.Contains("scope=repository%3Acharts%2Fcilium%3Apull", StringComparison.Ordinal)
                                             && r.Contains($"service={TokenService.Service}", StringComparison.Ordinal));
    }

    [DockerRegistryFact]
    public void Credentials_come_from_the_docker_login_file_never_from_the_repository()
    {
        using var tokens = new TokenService(("robot", "s3cret"));
        using var registry = new DockerRegistry(tokens);
        registry.Push("charts/cilium", "1.99.0", ChartArchives.Cilium("1.20.0", "1.99.0"));
        OciRepository(registry.Host, "tag: 1.99.0", "  secretRef:\n    name: registry-login\n");

        // No login on this machine: the Secret cannot be read, so the chart is not fetched (a note).
        var none = rig.Lint("--fetch-charts");
        Assert.Equal(0, none.ExitCode);
        Assert.Contains($"note MG6005: chart cilium not fetched: OCIRepository cilium signs in with the credentials of Secret registry-login, which the tool does not read, and no docker login or helm registry login for {registry.Host}", none.Stdout);

        // Without the secretRef the registry is asked anonymously, and its token service refuses.
        OciRepository(registry.Host, "tag: 1.99.0");
        var denied = rig.Lint("--fetch-charts");
        Assert.Equal(0, denied.ExitCode);
        Assert.Contains("warning MG6006:", denied.Stdout);

        // docker login writes this file; the tool reads it.
        var docker = rig.Home.PathOf("docker");
        var auth = Convert.ToBase64String("robot:s3cret"u8.ToArray());
        rig.Home.Write("docker/config.json", "{\"auths\":{\"" + registry.Host + "\":{\"auth\":\"" + auth + "\"}}}");
        rig.Set("DOCKER_CONFIG", docker);
        OciRepository(registry.Host, "tag: 1.99.0", "  secretRef:\n    name: registry-login\n");
        var run = rig.Lint("--fetch-charts");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("MG0009: notAKey is not read by cilium 1.99.0", run.Stdout);
    }

    [DockerRegistryFact]
    public void Without_fetch_charts_the_registry_sees_no_request()
    {
        using var counting = new LocalHttpServer();
        OciRepository($"127.0.0.1:{counting.Port}", "tag: 1.99.0");

        Assert.Equal(0, rig.Lint().ExitCode);
        Assert.Equal(0, rig.Lint("--offline").ExitCode);
        Assert.Empty(counting.Requests);

        rig.Lint("--fetch-charts");
        Assert.NotEmpty(counting.Requests);
    }
}
