using System.Diagnostics;
using ManifestGen.Tests.Support;

namespace ManifestGen.Tests.Fetching;

/// <summary>A run killed (SIGKILL) halfway through downloading a chart leaves nothing in the cache under a real name;
/// the next run fetches the chart whole.</summary>
[Trait(Slow.Category, Slow.Value)]
public sealed class KilledFetchTests
{
    [SharedFact]
    public void A_run_killed_during_a_download_leaves_no_half_archive()
    {
        using var server = new LocalHttpServer();
        using var rig = new FetchRig();
        var archive = ChartArchives.Cilium("1.20.0", "1.99.0");
        server.Put("/index.yaml", ChartArchives.Index("cilium", ("1.99.0", "cilium-1.99.0.tgz", ChartArchives.Sha256(archive))));
        server.Trickle("/cilium-1.99.0.tgz", archive, 8 * 1024, TimeSpan.FromMilliseconds(100));
        rig.CiliumFrom(server.Url, "1.99.0");

        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "manifestgen.dll"), "lint", rig.Repository.Root, "--fetch-charts" }) psi.ArgumentList.Add(arg);
        psi.Environment["XDG_CACHE_HOME"] = rig.Home.PathOf("cache");
        psi.Environment["HOME"] = rig.Home.Root;
        using (var process = Process.Start(psi)!)
        {
            var clock = Stopwatch.StartNew();
            while (server.Sent < archive.Length / 2 && !process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(1)) Thread.Sleep(20);
            Assert.False(process.HasExited, "the run ended before the download was half done");
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        Assert.DoesNotContain(rig.CacheFiles(), f => f.Contains("/blobs/", StringComparison.Ordinal) || f.Contains("/refs/", StringComparison.Ordinal));

        server.Put("/cilium-1.99.0.tgz", archive);
        var again = rig.Lint("--fetch-charts");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("notAKey is not read by cilium 1.99.0", again.Stdout);
        Assert.Contains(rig.CacheFiles(), f => f.EndsWith($"/blobs/sha256-{ChartArchives.Sha256(archive)}.tgz", StringComparison.Ordinal));
    }
}
