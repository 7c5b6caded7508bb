namespace ManifestGen.Workspace;

/// <summary>
/// Writes a run's changes: each file goes to a temporary file in its own folder and is renamed over
/// the old one, so a reader sees the old content or the new, never a half-written file.
/// </summary>
public static class AtomicWriter
{
    public static void Write(string root, IEnumerable<FileChange> changes)
    {
        foreach (var change in changes)
        {
            var full = Path.Combine(root, change.RepoPath);
            if (change.After is null)
            {
                if (File.Exists(full)) File.Delete(full);
                continue;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.manifestgen-{Environment.ProcessId}.tmp");
            try
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
                {
                    stream.Write(change.After);
                    stream.Flush(flushToDisk: true);
                }
                File.Move(temp, full, overwrite: true);
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
        }
    }
}
