
namespace ManifestGen.Spec;

/// <summary>A file the spec names: as written (relative to the spec) and relative to the repository root.</summary>
public sealed record TargetFile(string AsWritten, string RepoPath, SpecLocation At);
