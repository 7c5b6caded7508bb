using ManifestGen.Charts;
using ManifestGen.Charts.Data;

namespace ManifestGen.Tests.Charts;

/// <summary>
/// A fleet's clusters are planned in parallel and share the built-in chart data, which decodes a release's tree the
/// first time anyone asks. (Found on a two-cluster fleet of the example, with the earlier lazy decode: one cluster saw
/// bpf.datapathMode as unread, because a second reader found the decode under way and the children half filled.)
/// Here many threads ask a fresh copy of the Cilium data at once, and each must get the answers a lone reader gets.
/// </summary>
public class ConcurrentReadTests
{
    private static ChartData Fresh() =>
        ChartDataText.Read(BuiltInChartData.All.Single(c => c.Chart == "cilium").Data, "cilium");

    [Fact]
    public void Parallel_readers_of_one_release_get_what_a_lone_reader_gets()
    {
        var alone = Fresh();
        var release = alone.Releases.Count - 1;
        var tree = alone.Tree(release);
        // Every key two levels deep.
        var paths = tree.Keys([]).SelectMany(top => tree.Keys([top]).Select(k => new[] { top, k }).Prepend([top])).ToList();
        var expected = paths.Select(p => tree.Check(p)).ToList();
        Assert.True(paths.Count > 500, $"only {paths.Count} paths");

        for (var round = 0; round < 5; round++)
        {
            var shared = Fresh();
            const int threads = 4;
            var answers = new ValueAnswer[threads][];
            using var together = new Barrier(threads);
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                // All threads ask at the same moment: the first to come decodes the release, the others wait for it.
                together.SignalAndWait();
                var mine = new ValueAnswer[paths.Count];
                for (var i = 0; i < paths.Count; i++) mine[i] = shared.Tree(release).Check(paths[i]);
                answers[t] = mine;
            });
            foreach (var mine in answers)
                for (var i = 0; i < paths.Count; i++)
                    Assert.True(expected[i] == mine[i], $"round {round}: {string.Join('.', paths[i])}: {mine[i]} instead of {expected[i]}");
        }
    }
}
