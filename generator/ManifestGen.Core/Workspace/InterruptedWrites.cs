namespace ManifestGen.Workspace;

/// <summary>
/// What a killed run can leave behind, and the order that makes it safe. <see cref="AtomicWriter"/>
/// writes each file through <c>.NAME.manifestgen-PID-GUID.tmp</c> beside it; a run killed between
/// writing and renaming leaves that file. A later run, holding the repository lock (so no other run
/// is writing), removes those of other processes. Inventories are written before the files they
/// describe, so a value's original text is on disk before the edit that replaces it.
/// </summary>
public static class InterruptedWrites
{
    private const string Marker = ".manifestgen-";

    /// <summary>True for a temporary file of <see cref="AtomicWriter"/>'s naming.</summary>
    public static bool IsTempFile(string fileName) =>
        fileName.StartsWith('.') && fileName.EndsWith(".tmp", StringComparison.Ordinal) && fileName.Contains(Marker, StringComparison.Ordinal)
        && ProcessId(fileName) is not null;

    /// <summary>The process that wrote a temporary file, from its name.</summary>
    public static int? ProcessId(string fileName)
    {
        var at = fileName.LastIndexOf(Marker, StringComparison.Ordinal);
        if (at < 0) return null;
        var parts = fileName[(at + Marker.Length)..].Split('-');
        return parts.Length == 2 && int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid)
            ? pid : null;
    }

    /// <summary>
    /// Removes the temporary files other processes left in <paramref name="folders"/> (relative to the root).
    /// Call it only while holding the repository lock. Returns the removed files, relative to the root.
    /// </summary>
    public static IReadOnlyList<string> RemoveLeftovers(string root, IEnumerable<string> folders, IFileSystem? fileSystem = null)
    {
        var removed = new List<string>();
        foreach (var folder in folders.Distinct(StringComparer.Ordinal))
        {
            var full = Path.Combine(root, folder);
            if (!Directory.Exists(full)) continue;
            foreach (var path in Directory.EnumerateFiles(full, ".*" + Marker + "*.tmp").Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(path);
                if (!IsTempFile(name) || ProcessId(name) == Environment.ProcessId) continue;
                try
                {
                    File.Delete(path);
                    removed.Add(Path.GetRelativePath(root, path).Replace('\\', '/'));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Left for the next run; nothing reads these files.
                }
            }
        }
        return removed;
    }

    /// <summary>The changes in write order: every inventory first, then the files in path order.</summary>
    public static IReadOnlyList<FileChange> WriteOrder(IEnumerable<FileChange> changes) =>
        changes.OrderBy(c => c.RepoPath.EndsWith(".inventory.yaml", StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(c => c.RepoPath, StringComparer.Ordinal).ToList();
}
