using System.Diagnostics;
using ManifestGen.Tests.Support;
using ManifestGen.Workspace;

namespace ManifestGen.Tests.Reliability;

/// <summary>
/// A <c>generate</c> killed (SIGKILL) while it writes a fleet: every file is either as it was or as the run
/// meant to write it, an inventory is never behind the files it describes, and the next run converges to
/// the complete result and removes the temporary files the killed one left.
/// </summary>
[Trait(Slow.Category, Slow.Value)]
public class KilledRunTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Clusters = 120;

    /// <param name="after">The cluster whose inventory on disk triggers the kill: the first (while inventories are written)
    /// or the last (inventories all written, the edits they describe under way).</param>
    [Theory]
    [InlineData(0)]
    [InlineData(Clusters - 1)]
    public void A_run_killed_during_its_writes_leaves_old_or_new_files_and_the_next_run_converges(int after)
    {
        using var template = Fleet();
        var old = template.Snapshot();
        using (var reference = new TempTree(template.Root))
        {
            var full = CliRunner.Run(["generate", "--spec", reference.PathOf("clusters"), "--root", reference.Root]);
            Assert.True(full.ExitCode == 0, full.Stderr);
            var expected = reference.Snapshot();

            for (var attempt = 1; ; attempt++)
            {
                using var tree = new TempTree(template.Root);
                KillDuringWrites(tree, after);
                var now = tree.Snapshot();
                var temps = now.Keys.Where(k => InterruptedWrites.IsTempFile(Path.GetFileName(k))).ToList();
                var written = 0;
                foreach (var (path, bytes) in now)
                {
                    if (temps.Contains(path)) continue;
                    var isOld = old.TryGetValue(path, out var o) && o.AsSpan().SequenceEqual(bytes);
                    var isNew = expected.TryGetValue(path, out var e) && e.AsSpan().SequenceEqual(bytes);
                    Assert.True(isOld || isNew, $"{path} is neither as it was nor as the run meant to write it");
                    if (isNew && !isOld) written++;
                }
                // An inventory is written before the files it describes: a cluster with new files has its new inventory.
                foreach (var cluster in Enumerable.Range(0, Clusters).Select(Name))
                {
                    var changed = now.Any(kv => kv.Key.StartsWith($"clusters/{cluster}/", StringComparison.Ordinal) && !kv.Key.EndsWith(".inventory.yaml", StringComparison.Ordinal)
                        && !temps.Contains(kv.Key) && !(old.TryGetValue(kv.Key, out var o) && o.AsSpan().SequenceEqual(kv.Value)));
                    if (changed) Assert.True(now.ContainsKey($"clusters/{cluster}/tuning.inventory.yaml"), $"{cluster} has new files but no inventory");
                }
                var changedFiles = expected.Count(kv => !(old.TryGetValue(kv.Key, out var o) && o.AsSpan().SequenceEqual(kv.Value)));
                if ((written == 0 || written == changedFiles) && attempt < 6) continue; // the kill missed the writes: try again

                output.WriteLine($"attempt {attempt}: killed with {written} of {changedFiles} files written and {temps.Count} temporary file(s) left");
                var again = CliRunner.Run(["generate", "--spec", tree.PathOf("clusters"), "--root", tree.Root]);
                Assert.True(again.ExitCode == 0, again.Stderr);
                var final = tree.Snapshot();
                Assert.DoesNotContain(final.Keys, k => InterruptedWrites.IsTempFile(Path.GetFileName(k)));
                Assert.Equal(expected.Keys, final.Keys);
                Assert.All(expected, kv => Assert.True(kv.Value.AsSpan().SequenceEqual(final[kv.Key]), kv.Key));
                foreach (var temp in temps) Assert.Contains($"{temp}:1:1: note MG4007", again.Stderr);
                Assert.True(written > 0 && written < changedFiles, $"after {attempt} attempts no kill landed during the writes ({written} of {changedFiles} written)");
                return;
            }
        }
    }

    private static string Name(int i) => $"c{i:D3}";

    private static TempTree Fleet()
    {
        var tree = new TempTree();
        Directory.CreateDirectory(tree.PathOf(".git"));
        for (var i = 0; i < Clusters; i++) TempTree.Copy(RepoPaths.ExampleInput, tree.PathOf($"clusters/{Name(i)}"));
        return tree;
    }

    /// <summary>Starts generate as its own process and kills it as soon as a cluster's inventory is on disk.</summary>
    private static void KillDuringWrites(TempTree tree, int after)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "manifestgen.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { cli, "generate", "--spec", tree.PathOf("clusters"), "--root", tree.Root }) psi.ArgumentList.Add(arg);
        using var process = Process.Start(psi)!;
        var first = tree.PathOf($"clusters/{Name(after)}/tuning.inventory.yaml");
        var deadline = Stopwatch.StartNew();
        while (!File.Exists(first) && !process.HasExited && deadline.Elapsed < TimeSpan.FromMinutes(2)) Thread.SpinWait(1000);
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }
}
