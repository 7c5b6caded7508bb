using ManifestGen.Charts;
using ManifestGen.Composition;
using ManifestGen.Diagnostics;
using ManifestGen.Repository;
using ManifestGen.Spec;
using ManifestGen.Values;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Lint;

/// <summary>What the chart check of one HelmRelease found, and what it checked against.</summary>
public sealed record ChartCheck(ChartReference Reference, ChartResolution? Resolution, IReadOnlyList<ValueSource> Sources, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>
/// Checks one HelmRelease's values against the chart release they reach: the chart (by name) and its release
/// (<see cref="ChartResolution"/>), every values source as helm-controller merges them, MG0009 for each value the
/// release never reads, and the lints of the component whose chart it is. Notes say what was not checked and why;
/// a values source whose file cannot be read is an error at that file.
/// </summary>
public sealed class ChartValuesLint(RepositoryWorkspace workspace, ChartContext charts, ValueSources values)
{
    private readonly Dictionary<(string, string), ChartCheck> cache = [];

    /// <param name="explicitValues">The spec's values file for this HelmRelease (<c>cilium.values</c>), if any.</param>
    /// <param name="specKey">The spec key that names it, for hints.</param>
    /// <param name="applied">How a Flux Kustomization applies the HelmRelease (its patches, namespace and substitutions), when known.</param>
    public ChartCheck Check(string repoPath, YamlDocumentNode document, TargetFile? explicitValues = null, string specKey = "values",
        AppliedHelmRelease? applied = null, FluxApplied? flux = null)
    {
        var key = (repoPath, $"{document.Index}:{explicitValues?.RepoPath}:{applied?.By.File}#{applied?.By.Index}");
        if (cache.TryGetValue(key, out var done)) return done;
        var found = new List<Diagnostic>();
        var chart = applied is not null && flux is not null ? charts.Resolve(applied, flux) : charts.Resolve(repoPath, document);
        var reference = chart.Reference;
        var resolution = chart.Resolution;
        var catalog = charts.Catalog;
        var lint = reference.Name is null ? null : ComponentList.ValuesLintFor(reference.Name);
        // Value sources are followed only where something reads them: a release to check against, or a component's lints.
        IReadOnlyList<ValueSource> sources = [];
        if (resolution?.Checked is not null || lint is not null)
        {
            (sources, var refused) = ResolveSources(repoPath, document, explicitValues, specKey, found);
            if (applied is not null) sources = [.. sources, .. PatchValueSources.Of(workspace, applied)];
            foreach (var r in refused)
                found.Add(Diagnostic.Of(DiagnosticCodes.ValuesSourceNotChecked, r.File, new SourcePosition(r.Line, r.Column),
                    $"not checked: {r.Message}; the other values sources are checked"));
        }
        if (reference.Name is null || resolution is null)
            found.Add(Note(DiagnosticCodes.ChartNotChecked, reference, $"HelmRelease {document.Name} names no chart ({reference.Evidence}): its values are not checked"));
        else
        {
            if (catalog.Releases(reference.Name).Count == 0)
                found.Add(Note(DiagnosticCodes.ChartNotCarried, reference,
                    $"HelmRelease {document.Name}: the tool does not know chart {reference.Name}{(reference.SourceKind is null ? "" : $" (from {reference.SourceKind} {reference.SourceName})")}, so its values are not checked",
                    "pass the chart with --charts DIR (an archive as helm pull writes it, or a chart folder)"));
            else if (resolution.Checked is null)
                found.Add(Note(DiagnosticCodes.ChartNotChecked, reference, resolution.Note!));
            else
            {
                if (resolution.Note is not null) found.Add(Note(DiagnosticCodes.ChartReleaseChosen, reference, resolution.Note));
                foreach (var note in resolution.Checked.Tree.Notes)
                    found.Add(Note(DiagnosticCodes.PartlyChecked, reference, $"HelmRelease {document.Name}, {resolution.Describe()}: {note}"));
                found.AddRange(UnreadValues.Find(catalog, resolution, sources, workspace, lint?.ReportsItself));
            }
            if (lint is not null) found.AddRange(lint.Lint(sources, workspace));
        }
        return cache[key] = new ChartCheck(reference, resolution, sources, found);
    }

    private static Diagnostic Note(DiagnosticCode code, ChartReference reference, string message, string? hint = null) =>
        Diagnostic.Of(code, reference.VersionFile, reference.VersionAt, message, hint);

    private (IReadOnlyList<ValueSource>, IReadOnlyList<Diagnostic>) ResolveSources(string repoPath, YamlDocumentNode document,
        TargetFile? explicitValues, string specKey, List<Diagnostic> found)
    {
        IReadOnlyList<ValueSource> sources;
        IReadOnlyList<Diagnostic> refused;
        try
        {
            (sources, refused) = values.Each(repoPath, DocumentRef.Of(document), explicitValues, specKey);
        }
        catch (InvalidInputException e)
        {
            found.AddRange(e.Diagnostics);
            return ([], []);
        }
        // A values source that is not YAML the tool can read is an error at that file: its values cannot be checked.
        var readable = new List<ValueSource>();
        foreach (var source in sources)
        {
            try
            {
                source.Where.Read(workspace);
                readable.Add(source);
            }
            catch (InvalidInputException e)
            {
                found.AddRange(e.Diagnostics);
            }
        }
        return (readable, refused);
    }
}
