using ManifestGen.Diagnostics;
using ManifestGen.Editing;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Pipeline;

/// <summary>What a run found and would write. Nothing here has touched the disk.</summary>
public sealed record GenerationResult(IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<FileChange> Changes, RepositoryRoot Root)
{
    /// <summary>Findings about the target files as committed (validate prints them).</summary>
    public IReadOnlyList<Diagnostic> Lints { get; init; } = [];

    /// <summary>What each tuning writes (plan prints it).</summary>
    public IReadOnlyList<PlanRow> Plan { get; init; } = [];

    /// <summary>Folders (relative to the root) the run read or writes.</summary>
    public IReadOnlyList<string> Folders { get; init; } = [];

    /// <summary>The spec this run read (relative to the root): one cluster of a fleet.</summary>
    public string Spec { get; init; } = "";

    /// <summary>The spec's <c>metadata.name</c>, when it could be read.</summary>
    public string? Cluster { get; init; }

    /// <summary>An error of the run or of the lints validate runs: generate then writes nothing.</summary>
    public bool Failed => Diagnostics.Concat(Lints).Any(d => d.Severity == Severity.Error);
}
