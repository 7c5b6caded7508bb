namespace ManifestGen.Fetching;

/// <summary>How a run fetches charts: online or from the cache only, where the cache and the registry logins are,
/// the limits, and where progress goes (null: quiet, for --output json and GitHub Actions).</summary>
public sealed record FetchSettings(bool Offline, ChartCache Cache, RegistryCredentials Credentials, FetchLimits Limits, Action<string>? Progress)
{
    /// <summary>The settings the environment gives: the cache under <c>$XDG_CACHE_HOME</c>, the Docker and Helm login files.</summary>
    public static FetchSettings FromEnvironment(Func<string, string?> environment, bool offline, Action<string>? progress) =>
        new(offline, new ChartCache(ChartCache.DefaultRoot(environment)), new RegistryCredentials(RegistryCredentials.DefaultFiles(environment)),
            FetchLimits.Default, progress);
}
