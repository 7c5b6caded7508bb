using ManifestGen.Diagnostics;
using ManifestGen.Spec;
using ManifestGen.Workspace;

namespace ManifestGen.Values;

/// <summary>
/// The value sources of the run's HelmReleases, resolved once (<see cref="ValueSourceResolver"/>) and shared by the
/// lints, which check every source they can follow, and the modules, which edit them.
/// </summary>
public sealed class ValueSources(RepositoryWorkspace workspace)
{
    private readonly Dictionary<(string, DocumentRef, string?), (IReadOnlyList<ValueSource>, IReadOnlyList<Diagnostic>)> resolved = [];

    /// <summary>Every source that can be followed, and a refusal (MG3007) for each that cannot.</summary>
    public (IReadOnlyList<ValueSource> Sources, IReadOnlyList<Diagnostic> Refused) Each(string helmReleasePath, DocumentRef document,
        TargetFile? explicitValues, string specKey)
    {
        var key = (helmReleasePath, document, explicitValues?.RepoPath);
        if (!resolved.TryGetValue(key, out var found))
            resolved[key] = found = ValueSourceResolver.ResolveEach(workspace, helmReleasePath, document, explicitValues, specKey);
        return found;
    }

    /// <summary>The sources, for an edit: a source that cannot be followed stops the run.</summary>
    public IReadOnlyList<ValueSource> All(string helmReleasePath, DocumentRef document, TargetFile? explicitValues, string specKey)
    {
        var (sources, refused) = Each(helmReleasePath, document, explicitValues, specKey);
        if (refused.Count > 0) throw new InvalidInputException(refused); // every source that cannot be followed, at once
        return sources;
    }
}
