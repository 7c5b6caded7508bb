namespace ManifestGen.Cli;

/// <summary>
/// What the CLI reads from its surroundings: whether stdout is a terminal, NO_COLOR, and the
/// GitHub Actions variables. Passed in, so tests can set it without touching the process.
/// </summary>
public sealed record CliEnvironment(bool StdoutIsTerminal, bool NoColor, bool GitHubActions, string? StepSummaryPath)
{
    public static CliEnvironment None { get; } = new(false, false, false, null);

    public static CliEnvironment FromProcess() => new(
        StdoutIsTerminal: !Console.IsOutputRedirected,
        NoColor: Environment.GetEnvironmentVariable("NO_COLOR") is { Length: > 0 },
        GitHubActions: Environment.GetEnvironmentVariable("GITHUB_ACTIONS") == "true",
        StepSummaryPath: Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY") is { Length: > 0 } p ? p : null);

    /// <summary>An environment variable (the chart cache and the registry logins are found through them); the process's by default.</summary>
    public Func<string, string?> Variable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Colour only for a person at a terminal who has not asked for none (no-color.org).</summary>
    public bool UseColor => StdoutIsTerminal && !NoColor;
}
