namespace ManifestGen.Tests.Support;

/// <summary>A theory that needs kubectl and the shared data: skipped outside CI when either is missing, failing under CI=true.</summary>
public sealed class KubectlTheoryAttribute : TheoryAttribute
{
    public KubectlTheoryAttribute()
    {
        if (!Kubectl.Available && !RepoPaths.IsCi)
            Skip = "needs kubectl (with its built-in kustomize) on PATH, which this machine lacks (under CI=true this test fails instead)";
        else if (!RepoPaths.SharedExists && !RepoPaths.IsCi)
            Skip = $"needs the shared data at {RepoPaths.Shared}, which is not on this machine (under CI=true this test fails instead)";
    }
}
