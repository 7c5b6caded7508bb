namespace ManifestGen.Cli;

/// <summary>The exit codes, the same for every verb; CI scripts depend on them.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary><c>check</c> found committed output that differs from what the spec generates.</summary>
    public const int Differences = 1;
    /// <summary><c>verify</c> found a tuning that is not in effect on the live objects.</summary>
    public const int NotInEffect = 1;
    /// <summary>The spec or a target file is invalid; nothing was written.</summary>
    public const int InvalidInput = 2;
    public const int InternalError = 3;
}
