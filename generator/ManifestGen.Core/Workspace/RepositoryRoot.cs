namespace ManifestGen.Workspace;

/// <summary>
/// The repository a run works in: the nearest folder above the spec holding <c>.git</c>, or the one
/// given with <c>--root</c>, or else the spec's own folder. Every path a spec names must stay inside it.
/// </summary>
public sealed class RepositoryRoot
{
    private RepositoryRoot(string fullPath) => FullPath = Path.TrimEndingDirectorySeparator(Path.GetFullPath(fullPath));

    public string FullPath { get; }

    public static RepositoryRoot For(string specFullPath, string? explicitRoot) =>
        ForFolder(Path.GetDirectoryName(Path.GetFullPath(specFullPath))!, explicitRoot);

    /// <summary>The root for a folder: <paramref name="explicitRoot"/>, else the nearest folder at or above it holding <c>.git</c>, else the folder.</summary>
    public static RepositoryRoot ForFolder(string folderFullPath, string? explicitRoot)
    {
        if (explicitRoot is not null) return new RepositoryRoot(explicitRoot);
        var dir = new DirectoryInfo(Path.GetFullPath(folderFullPath));
        for (var d = dir; d is not null; d = d.Parent)
            if (Directory.Exists(Path.Combine(d.FullName, ".git")) || File.Exists(Path.Combine(d.FullName, ".git")))
                return new RepositoryRoot(d.FullName);
        return new RepositoryRoot(dir.FullName);
    }

    /// <summary>A path relative to the root with '/' separators, for output and diagnostics.</summary>
    public string Relative(string fullPath) => Path.GetRelativePath(FullPath, fullPath).Replace('\\', '/');

    public string Full(string repoPath) => Path.GetFullPath(Path.Combine(FullPath, repoPath));

    public bool Contains(string fullPath)
    {
        var full = Path.GetFullPath(fullPath);
        return full == FullPath || full.StartsWith(FullPath + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    /// <summary>
    /// Resolves a path written in the spec (relative to the spec's folder). Returns null with a reason
    /// when it is absolute, leaves the repository, or passes through a symbolic link that does.
    /// </summary>
    public string? Resolve(string specDir, string written, out string? why)
    {
        why = null;
        if (Path.IsPathRooted(written) || written.StartsWith('~'))
        {
            why = "absolute paths are not allowed; write it relative to the spec file";
            return null;
        }
        var full = Path.GetFullPath(Path.Combine(specDir, written));
        if (!Contains(full))
        {
            why = $"it resolves outside the repository root {FullPath}";
            return null;
        }
        // Follow links on every step: a link inside the repository may point outside it.
        var current = FullPath;
        foreach (var part in Path.GetRelativePath(FullPath, full).Split(Path.DirectorySeparatorChar))
        {
            current = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (info.LinkTarget is null) continue;
            var target = info.ResolveLinkTarget(returnFinalTarget: true);
            if (target is not null && !Contains(target.FullName))
            {
                why = $"'{Relative(current)}' is a symbolic link to {target.FullName}, outside the repository";
                return null;
            }
        }
        return full;
    }
}
