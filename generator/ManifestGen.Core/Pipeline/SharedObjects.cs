using ManifestGen.Composition;
using ManifestGen.Diagnostics;
using ManifestGen.Repository;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Pipeline;

/// <summary>
/// The files a spec tunes that more than one Flux Kustomization applies (MG0014): a base HelmRelease reached from
/// several clusters' folders, or one folder applied per cluster with its own postBuild substitutions. A spec is one
/// cluster, and such a tuning reaches every cluster that applies the file: said once per set of Kustomizations.
/// </summary>
public static class SharedObjects
{
    /// <param name="files">The files the run edits, relative to the root (files it creates are left out: nothing applies them yet).</param>
    public static IReadOnlyList<Diagnostic> Find(RepositoryWorkspace workspace, IEnumerable<string> files) =>
        Find(workspace, files, new Lazy<FluxKustomizations>(() => FluxKustomizations.Of(workspace)));

    /// <param name="kustomizations">The repository's Flux Kustomizations, read once for a whole fleet (and only when needed).</param>
    public static IReadOnlyList<Diagnostic> Find(RepositoryWorkspace workspace, IEnumerable<string> files, Lazy<FluxKustomizations> kustomizations)
    {
        var created = workspace.Changes.Where(c => c.IsCreated).Select(c => c.RepoPath).ToHashSet(StringComparer.Ordinal);
        var existing = files.Distinct(StringComparer.Ordinal).Where(f => !created.Contains(f) && workspace.Exists(f) && !ToolFiles.IsOwned(workspace.Read(f))).Order(StringComparer.Ordinal).ToList();
        if (existing.Count == 0) return [];
        var flux = kustomizations.Value;
        if (flux.All.Count < 2) return [];
        var found = new List<Diagnostic>();
        foreach (var group in existing.Select(f => (File: f, By: flux.Reaching(f))).Where(x => x.By.Count > 1)
                     .GroupBy(x => string.Join("\n", x.By), StringComparer.Ordinal))
        {
            var by = group.First().By;
            var shared = group.Select(g => g.File).ToList();
            var substituted = by.Any(k => k.Substitutes) ? " (with postBuild substitutions of their own, which the tuning does not vary)" : "";
            found.Add(Diagnostic.Of(DiagnosticCodes.SharedObject, shared[0], new SourcePosition(1, 1),
                $"{string.Join(", ", shared)} {(shared.Count == 1 ? "is" : "are")} applied by {by.Count} Flux Kustomizations: {string.Join("; ", by)}{substituted}; " +
                $"this spec's tuning applies to all of them",
                "to tune one cluster only, give it an overlay of its own (a values file or ConfigMap its kustomization adds) and name that file with " +
                string.Join(" or ", ComponentList.ValuesKeys)));
        }
        return found;
    }
}
