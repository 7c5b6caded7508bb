namespace ManifestGen.Workspace;

/// <summary>
/// Core never reads the current folder: a path it is given is absolute, resolved once by its caller (the CLI, from the
/// folder it was started in). A relative one is the caller's bug, said at once instead of resolved against whatever
/// folder the process happens to be in.
/// </summary>
public static class AbsolutePath
{
    public static string Required(string path, string what) =>
        Path.IsPathRooted(path) ? path : throw new ArgumentException($"{what} must be an absolute path (the caller resolves the working folder): {path}", nameof(path));

    public static string? Optional(string? path, string what) => path is null ? null : Required(path, what);
}
