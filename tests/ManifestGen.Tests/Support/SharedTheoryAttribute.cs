namespace ManifestGen.Tests.Support;

/// <summary>A theory that needs <c>../shared/</c>: skipped outside CI when it is missing, failing under CI=true.</summary>
public sealed class SharedTheoryAttribute : TheoryAttribute
{
    public SharedTheoryAttribute()
    {
        if (!RepoPaths.SharedExists && !RepoPaths.IsCi)
            Skip = $"needs the shared data at {RepoPaths.Shared}, which is not on this machine (under CI=true this test fails instead)";
    }
}
