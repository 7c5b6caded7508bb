namespace ManifestGen.Fetching;

/// <summary>The user's folders as the environment names them: HOME, and the XDG base directories (an XDG variable
/// counts only when it is an absolute path, as the XDG spec says; else its default below HOME).</summary>
public static class UserFolders
{
    public static string Home(Func<string, string?> environment) =>
        environment("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    /// <summary><c>$XDG_CACHE_HOME</c> or <c>~/.cache</c>; <c>$XDG_CONFIG_HOME</c> or <c>~/.config</c>.</summary>
    public static string Xdg(Func<string, string?> environment, string variable, string underHome) =>
        environment(variable) is { Length: > 0 } path && Path.IsPathRooted(path) ? path : Path.Combine(Home(environment), underHome);
}
