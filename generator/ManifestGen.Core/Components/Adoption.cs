using ManifestGen.Charts;
using ManifestGen.Diagnostics;
using ManifestGen.Repository;
using ManifestGen.Values;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Components;

/// <summary>A HelmRelease init may adopt, with the chart it installs (read as Flux applies it where a Flux Kustomization does).</summary>
public sealed record AdoptableRelease(ScannedDocument Document, HelmReleaseChart Chart);

/// <summary>
/// What <c>init</c> hands each component's adopter: the repository read once (the documents under the folder, the
/// HelmReleases that are candidates with their charts, the releases the folder's Flux Kustomizations apply), where
/// it reports what it finds, and the rules every adopter shares: two candidates for one section, or one base that
/// two clusters apply, are refused (a spec tunes one cluster), and a document one component adopted is not another's.
/// </summary>
public sealed class Adoption(RepositoryWorkspace workspace, ValueSources values, IReadOnlyList<ScannedDocument> documents,
    IReadOnlyList<AdoptableRelease> helmReleases, IReadOnlyList<AppliedHelmRelease> applied, Func<string, string> relative)
{
    private readonly HashSet<ScannedDocument> claimed = [];
    private readonly List<string> adopted = [];

    public RepositoryWorkspace Workspace { get; } = workspace;

    public ValueSources Values { get; } = values;

    /// <summary>Every YAML document under the folder (the spec being written left out).</summary>
    public IReadOnlyList<ScannedDocument> Documents { get; } = documents;

    /// <summary>The candidate HelmReleases another component has not claimed.</summary>
    public IEnumerable<AdoptableRelease> HelmReleases => helmReleases.Where(h => !claimed.Contains(h.Document));

    /// <summary>A repository path as the spec writes it: relative to the spec's folder.</summary>
    public Func<string, string> Relative { get; } = relative;

    /// <summary>What was found, adopted or not, one line each, in the order found.</summary>
    public List<string> Report { get; } = [];

    /// <summary>What refuses init (the ambiguities above): after the component that adds one, init writes nothing.</summary>
    public List<Diagnostic> Diagnostics { get; } = [];

    /// <summary>The files adopted: a spec is one cluster, so init says when several clusters apply them.</summary>
    public IReadOnlyList<string> Adopted => adopted;

    /// <summary>Marks the documents a section's candidates are: no later component adopts them.</summary>
    public void Claim(IEnumerable<ScannedDocument> documents) => claimed.UnionWith(documents);

    /// <summary>Records a file the spec now tunes.</summary>
    public void Adopt(string repoPath) => adopted.Add(repoPath);

    /// <summary>The release as the folder's Flux Kustomizations apply it, when one does.</summary>
    public AppliedHelmRelease? AppliedOf(ScannedDocument document) =>
        applied.FirstOrDefault(a => a.RepoPath == document.RepoPath && a.Index == document.Document.Index);

    /// <summary>Two candidates or more for one section: refused, listing them (true: the caller adopts nothing).</summary>
    public bool Ambiguous(string section, IReadOnlyList<ScannedDocument> candidates)
    {
        if (candidates.Count < 2) return false;
        Diagnostics.Add(Diagnostic.Of(DiagnosticCodes.InitAmbiguous, candidates[0].RepoPath, null,
            $"{candidates.Count} candidates for {section}: {string.Join(", ", candidates.Select(c => $"{c.RepoPath} ({c.Document.Describe()})"))}",
            "a spec tunes one cluster: run init on one cluster's folder (manifestgen init FOLDER --output FOLDER/tuning.yaml)"));
        return true;
    }

    /// <summary>A base the folder's Flux Kustomizations apply more than once (two clusters): refused (true), a spec is one cluster.</summary>
    public bool AppliedTwice(string section, IReadOnlyList<ScannedDocument> chosen)
    {
        if (chosen.Count != 1) return false;
        var by = applied.Where(a => a.RepoPath == chosen[0].RepoPath && a.Index == chosen[0].Document.Index).Select(a => a.By).Distinct().ToList();
        if (by.Count < 2) return false;
        Diagnostics.Add(Diagnostic.Of(DiagnosticCodes.InitAmbiguous, chosen[0].RepoPath, null,
            $"{section}: {chosen[0].RepoPath} ({chosen[0].Document.Describe()}) is applied by {by.Count} Flux Kustomizations, one cluster each: " +
            string.Join(", ", by.Select(k => $"{k.Name} ({k.File})")),
            $"a spec tunes one cluster: run init on one cluster's folder (manifestgen init {Path.GetDirectoryName(by[0].File)?.Replace('\\', '/')} --output {Path.GetDirectoryName(by[0].File)?.Replace('\\', '/')}/tuning.yaml)"));
        return true;
    }

    /// <summary>The cluster's HelmRelease patch that holds values, when the applied release has exactly one such file.</summary>
    public ValueSource? Overlay(AppliedHelmRelease? release)
    {
        if (release is null) return null;
        var withValues = release.Patches.Where(p => !p.Json6902 && p.Where.Block is null)
            .Select(p => new ValueSource(ValueSourceKind.Patch, p.Where, YamlPath.Keys("spec", "values"), $"{p.Where.RepoPath} spec.values (the cluster's patch)"))
            .Where(s => s.Find(Workspace, YamlPath.Root) is MappingNode).ToList();
        return withValues.Count == 1 ? withValues[0] : null;
    }

    /// <summary>
    /// The values the cluster's other patches set (a Flux Kustomization's inline patch, a JSON 6902 operation): the
    /// cluster gets them, and generate does not edit them there, so they are not adopted.
    /// </summary>
    public IReadOnlyList<ValueSource> FixedBy(AppliedHelmRelease? release, ValueSource? overlay) =>
        release is null ? [] : PatchValueSources.Of(Workspace, release).Where(s => s.Where != overlay?.Where).ToList();
}
