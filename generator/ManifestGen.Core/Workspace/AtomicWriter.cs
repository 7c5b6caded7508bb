namespace ManifestGen.Workspace;

/// <summary>
/// Writes a run's changes so that no reader ever sees a half-written file: each file goes to a
/// temporary file in its own folder and is renamed over the old one. If any write fails, the files
/// already written are put back as they were, so the repository holds all of the run or none of it.
/// A file that changed on disk since the run read it is not overwritten.
/// </summary>
public static class AtomicWriter
{
    public static void Write(string root, IReadOnlyList<FileChange> changes, IFileSystem? fileSystem = null)
    {
        var fs = fileSystem ?? PhysicalFileSystem.Instance;
        foreach (var change in changes)
        {
            var full = Path.Combine(root, change.RepoPath);
            var now = fs.FileExists(full) ? fs.ReadAllBytes(full) : null;
            if (!Same(now, change.Before))
                throw new WriteFailedException($"{change.RepoPath} changed on disk while manifestgen ran; nothing was written, run it again", new IOException(full));
        }

        var done = new List<FileChange>();
        try
        {
            foreach (var change in changes)
            {
                Put(fs, Path.Combine(root, change.RepoPath), change.After);
                done.Add(change);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var failed = changes[done.Count].RepoPath;
            var notRestored = new List<string>();
            foreach (var change in Enumerable.Reverse(done))
            {
                try
                {
                    Put(fs, Path.Combine(root, change.RepoPath), change.Before);
                }
                catch (Exception again) when (again is IOException or UnauthorizedAccessException)
                {
                    notRestored.Add(change.RepoPath);
                }
            }
            var restored = notRestored.Count == 0
                ? $"the {done.Count} file(s) already written were restored; the repository is as it was"
                : $"could not restore {string.Join(", ", notRestored)}: they hold the new content, every other file the old";
            throw new WriteFailedException($"writing {failed} failed ({e.Message}); {restored}", e);
        }
    }

    private static void Put(IFileSystem fs, string full, byte[]? content)
    {
        if (content is null)
        {
            if (fs.FileExists(full)) fs.Delete(full);
            return;
        }
        var dir = Path.GetDirectoryName(full)!;
        fs.CreateDirectory(dir);
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.manifestgen-{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");
        try
        {
            fs.WriteNew(temp, content);
            fs.Replace(temp, full);
        }
        finally
        {
            try
            {
                if (fs.FileExists(temp)) fs.Delete(temp);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The temporary file is hidden and harmless; the error that matters is already on its way.
            }
        }
    }

    private static bool Same(byte[]? a, byte[]? b) => a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);
}
