namespace ManifestGen.Tests.Support;

/// <summary>
/// A fact that needs <c>../shared/</c>. Outside CI it is skipped, saying why, when the folder is
/// missing; under CI=true it runs and fails, so a CI without the data cannot pass silently.
/// </summary>
public sealed class SharedFactAttribute : FactAttribute
{
    public SharedFactAttribute()
    {
        if (!RepoPaths.SharedExists && !RepoPaths.IsCi)
            Skip = $"needs the shared data at {RepoPaths.Shared}, which is not on this machine (under CI=true this test fails instead)";
    }
}
