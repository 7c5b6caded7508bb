namespace ManifestGen.Workspace;

/// <summary>A file whose content a run changes: null before means created, null after means deleted.</summary>
public sealed record FileChange(string RepoPath, byte[]? Before, byte[]? After)
{
    public bool IsCreated => Before is null;
    public bool IsDeleted => After is null;
}
