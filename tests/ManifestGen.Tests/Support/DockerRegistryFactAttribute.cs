namespace ManifestGen.Tests.Support;

/// <summary>A fact that needs Debian's docker-registry (the CNCF distribution registry) and the shared charts:
/// skipped outside CI when either is missing, failing under CI=true (<c>.ci/run</c> installs the registry).</summary>
public sealed class DockerRegistryFactAttribute : FactAttribute
{
    public DockerRegistryFactAttribute()
    {
        if (!DockerRegistry.Available && !RepoPaths.IsCi)
            Skip = "needs docker-registry (apt-get install docker-registry), which this machine lacks (under CI=true this test fails instead)";
        else if (!RepoPaths.SharedExists && !RepoPaths.IsCi)
            Skip = $"needs the shared data at {RepoPaths.Shared}, which is not on this machine (under CI=true this test fails instead)";
    }
}
