using ManifestGen.Cli;
using ManifestGen.Tests.Support;
using ManifestGen.Workspace;

namespace ManifestGen.Tests.Reliability;

public class RepositoryLockTests
{
    [Fact]
    public void A_second_generate_waits_for_the_first_and_says_what_it_waits_on()
    {
        using var tree = new TempTree(RepoPaths.ExampleInput);
        Directory.CreateDirectory(tree.PathOf(".git"));
        var root = RepositoryRoot.For(tree.PathOf("tuning.yaml"), null);
        Assert.Equal(tree.PathOf(".git/manifestgen.lock"), RepositoryLock.PathFor(root));

        var log = new StringWriter();
        var stderr = TextWriter.Synchronized(log);
        string Said() { lock (stderr) return log.ToString(); }
        int? exit = null;
        Thread second;
        using (RepositoryLock.Acquire(root, TextWriter.Null, TimeSpan.FromSeconds(5)))
        {
            second = new Thread(() => exit = ManifestGenCli.Run(["generate", "--spec", tree.PathOf("tuning.yaml")], TextWriter.Null, stderr));
            second.Start();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!Said().Contains("waiting for the lock", StringComparison.Ordinal) && DateTime.UtcNow < deadline) Thread.Sleep(20);
            Assert.Contains($"another run is writing this repository; waiting for the lock {tree.PathOf(".git/manifestgen.lock")}", Said());
            Assert.Null(exit); // still waiting while the lock is held
            Assert.False(File.Exists(tree.PathOf("tuning.inventory.yaml")));
        }
        Assert.True(second.Join(TimeSpan.FromSeconds(60)));
        Assert.Equal(0, exit);
        Assert.True(File.Exists(tree.PathOf("tuning.inventory.yaml")));
    }
}
