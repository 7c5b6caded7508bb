namespace ManifestGen.Tests.Support;

/// <summary>A fact that needs kubectl on PATH: skipped outside CI when it is missing, failing under CI=true.</summary>
public sealed class KubectlFactAttribute : FactAttribute
{
    public KubectlFactAttribute()
    {
        if (!Kubectl.Available && !RepoPaths.IsCi)
            Skip = "needs kubectl (with its built-in kustomize) on PATH, which this machine lacks (under CI=true this test fails instead)";
        else if (!RepoPaths.SharedExists && !RepoPaths.IsCi)
            Skip = $"needs the shared data at {RepoPaths.Shared}, which is not on this machine (under CI=true this test fails instead)";
    }
}
