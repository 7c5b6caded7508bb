using ManifestGen.Charts;
using ManifestGen.Charts.Data;

namespace ManifestGen.Tests.Charts;

/// <summary>
/// A fleet's clusters are planned in parallel and share the built-in chart data, which decodes a top-level key's
/// subtree the first time anyone asks. Found on a two-cluster fleet of the example: one cluster saw
/// bpf.datapathMode as unread, because a second reader found the decode under way and the children half filled.
/// Here many threads ask a fresh copy of the Cilium data at once, and each must get the answers a lone reader gets.
/// </summary>
public class ConcurrentReadTests
{
    private static ChartValues Fresh() =>
        ChartValues.Read(BuiltInChartData.All.Single(c => c.Chart == "cilium").Data, "cilium");

    [Fact]
    public void Parallel_readers_of_one_release_get_what_a_lone_reader_gets()
    {
        var alone = Fresh();
        var release = alone.Releases.Count - 1;
        // Every key two levels deep: each top-level key is a subtree decoded on first use.
        var paths = alone.Keys(release, []).SelectMany(top => alone.Keys(release, [top]).Select(k => new[] { top, k }).Prepend([top])).ToList();
        var expected = paths.Select(p => alone.Check(release, p)).ToList();
        Assert.True(paths.Count > 500, $"only {paths.Count} paths");

        var tops = paths.Where(p => p.Length == 1).Select(p => p[0]).ToList();
        for (var round = 0; round < 5; round++)
        {
            var shared = Fresh();
            const int threads = 4;
            var answers = new ValueAnswer[threads][];
            using var together = new Barrier(threads);
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                var mine = new ValueAnswer[paths.Count];
                // All threads ask about the same top-level key at the same moment: the first to come decodes it.
                foreach (var top in tops)
                {
                    together.SignalAndWait();
                    for (var i = 0; i < paths.Count; i++)
                        if (paths[i][0] == top) mine[i] = shared.Check(release, paths[i]);
                }
                answers[t] = mine;
            });
            foreach (var mine in answers)
                for (var i = 0; i < paths.Count; i++)
                    Assert.True(expected[i] == mine[i], $"round {round}: {string.Join('.', paths[i])}: {mine[i]} instead of {expected[i]}");
        }
    }
}
