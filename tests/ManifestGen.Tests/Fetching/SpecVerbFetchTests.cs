using ManifestGen.Tests.Support;

namespace ManifestGen.Tests.Fetching;

/// <summary>
/// --fetch-charts on the verbs that run a spec (validate, plan, check, generate): the example cluster with its Cilium
/// HelmRelease moved to a release the tool does not carry (1.99.0, served from 127.0.0.1). check and generate read
/// the same chart, so they agree; without the flag no request leaves the process.
/// </summary>
public sealed class SpecVerbFetchTests : IDisposable
{
    private const string HelmRelease = "kubernetes/apps/kube-system/cilium/app/helmrelease.yaml";
    private readonly FetchRig rig = new(RepoPaths.ExampleInput);
    private readonly LocalHttpServer server = new();

    public SpecVerbFetchTests()
    {
        rig.Repository.Write("kubernetes/flux/repositories/cilium.yaml", $"""
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: HelmRepository
            metadata:
              name: cilium
              namespace: flux-system
            spec:
              interval: 1h
              url: {server.Url}

            """);
        rig.Repository.Write(HelmRelease, rig.Repository.Read(HelmRelease).Replace("version: 1.18.4", "version: 1.99.0", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        server.Dispose();
        rig.Dispose();
    }

    private string[] Verb(string verb, params string[] extra) => [verb, "--spec", rig.Repository.PathOf("tuning.yaml"), "--root", rig.Repository.Root, .. extra];

    private void Serve(string? digest = null)
    {
        var archive = ChartArchives.Cilium("1.20.0", "1.99.0");
        server.Put("/cilium-1.99.0.tgz", archive);
        server.Put("/index.yaml", ChartArchives.Index("cilium", ("1.99.0", "cilium-1.99.0.tgz", digest ?? ChartArchives.Sha256(archive))));
    }

    [SharedFact]
    public void Without_fetch_charts_no_verb_makes_a_request()
    {
        Serve();
        foreach (var verb in new[] { "validate", "plan", "check", "generate" })
        {
            var run = rig.Run(Verb(verb));
            Assert.True(run.ExitCode is 0 or 1, $"{verb}: {run.Stderr}");
            // validate and check print the lints of the files the spec touches: the release checked is the nearest older.
            if (verb is "validate" or "check") Assert.Contains("cilium 1.99.0 is newer than the releases the tool knows", run.Stderr + run.Stdout);
        }
        Assert.Equal(0, rig.Lint().ExitCode);
        Assert.Empty(server.Requests);
        // --offline reads the cache and nothing else.
        rig.Run(Verb("validate", "--offline"));
        Assert.Empty(server.Requests);
    }

    [SharedFact]
    public void Check_and_generate_agree_on_the_fetched_release()
    {
        Serve();
        var validate = rig.Run(Verb("validate", "--fetch-charts"));
        Assert.Equal(0, validate.ExitCode);
        Assert.DoesNotContain("newer than the releases the tool knows", validate.Stderr + validate.Stdout);
        Assert.Contains("charts: 1 fetched", validate.Stderr);

        Assert.Equal(1, rig.Run(Verb("check", "--fetch-charts")).ExitCode);
        Assert.Equal(0, rig.Run(Verb("generate", "--fetch-charts")).ExitCode);
        var check = rig.Run(Verb("check", "--fetch-charts"));
        Assert.Equal(0, check.ExitCode);
        Assert.Contains("charts: 0 fetched, 1 from the cache", check.Stderr);
        Assert.Equal(0, rig.Run(Verb("plan", "--fetch-charts", "--offline")).ExitCode);
    }

    [SharedFact]
    public void A_fleet_reads_the_index_and_fetches_the_chart_once_for_all_its_clusters()
    {
        Serve();
        using var fleet = new FetchRig();
        foreach (var cluster in new[] { "a", "b", "c" })
        {
            TempTree.Copy(rig.Repository.Root, fleet.Repository.PathOf($"clusters/{cluster}"));
            Directory.Delete(fleet.Repository.PathOf($"clusters/{cluster}/.git"), true);
            File.WriteAllText(fleet.Repository.PathOf($"clusters/{cluster}/tuning.yaml"),
                fleet.Repository.Read($"clusters/{cluster}/tuning.yaml").Replace("name: home", $"name: {cluster}", StringComparison.Ordinal));
        }

        var run = fleet.Run("validate", "--spec", fleet.Repository.PathOf("clusters"), "--root", fleet.Repository.Root, "--fetch-charts");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("fleet: 3 cluster(s)", run.Stdout);
        Assert.Equal(["GET /index.yaml", "GET /cilium-1.99.0.tgz"], server.Requests);
        Assert.DoesNotContain("newer than the releases the tool knows", run.Stderr + run.Stdout);
    }

    [SharedFact]
    public void A_digest_mismatch_fails_every_verb_and_generate_writes_nothing()
    {
        Serve(digest: new string('f', 64));
        var before = Files();
        foreach (var verb in new[] { "validate", "plan", "check", "generate" })
        {
            var run = rig.Run(Verb(verb, "--fetch-charts"));
            Assert.True(run.ExitCode == 2, $"{verb} exited {run.ExitCode}: {run.Stderr}");
            Assert.Contains("error MG6003", run.Stderr + run.Stdout);
        }
        var after = Files();
        Assert.Equal(before.Keys, after.Keys);
        Assert.True(before.All(f => f.Value.SequenceEqual(after[f.Key])), "generate changed a file");
    }

    // The repository's files, without .git (generate's lock file lives there).
    private Dictionary<string, byte[]> Files() =>
        TempTree.Snapshot(rig.Repository.Root).Where(f => !f.Key.StartsWith(".git/", StringComparison.Ordinal)).ToDictionary(f => f.Key, f => f.Value);
}
