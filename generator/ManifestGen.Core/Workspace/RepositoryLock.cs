
namespace ManifestGen.Workspace;

/// <summary>
/// One writer at a time per repository: an exclusive lock on <c>.git/manifestgen.lock</c> (or, without
/// a .git folder, a file in the temp folder named after the root). A second run waits, saying so.
/// </summary>
public sealed class RepositoryLock : IDisposable
{
    private readonly FileStream stream;

    private RepositoryLock(FileStream stream) => this.stream = stream;

    public static string PathFor(RepositoryRoot root)
    {
        var git = Path.Combine(root.FullPath, ".git");
        if (Directory.Exists(git)) return Path.Combine(git, "manifestgen.lock");
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(root.FullPath)))[..16];
        return Path.Combine(Path.GetTempPath(), $"manifestgen-{hash}.lock");
    }

    /// <summary>Takes the lock, waiting up to <paramref name="timeout"/>; says once on <paramref name="log"/> what it waits on.</summary>
    public static RepositoryLock Acquire(RepositoryRoot root, TextWriter log, TimeSpan timeout)
    {
        var path = PathFor(root);
        var deadline = DateTime.UtcNow + timeout;
        var told = false;
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive lock that other processes (and other handles) respect.
                return new RepositoryLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                if (!told)
                {
                    log.WriteLine($"manifestgen: another run is writing this repository; waiting for the lock {path} (up to {timeout.TotalSeconds:0} s)");
                    told = true;
                }
                Thread.Sleep(100);
            }
        }
    }

    public void Dispose() => stream.Dispose();
}
