using ManifestGen.Charts;
using ManifestGen.Diagnostics;
using ManifestGen.Repository;
using ManifestGen.Workspace;

namespace ManifestGen.Pipeline;

/// <summary>
/// Many clusters in one run: each spec is planned on its own, in parallel, and two specs that write the
/// same file are an error for both (their outputs would overwrite each other).
/// </summary>
public static class Fleet
{
    public static IReadOnlyList<GenerationResult> Run(IReadOnlyList<string> specs, string? root, string? templates, ChartCatalog? charts = null, bool reportShared = false)
    {
        var results = new GenerationResult[specs.Count];
        // Shared objects are looked for once for the fleet below: each cluster reading every Kustomization of the
        // repository would read it a thousand times for a thousand clusters.
        Parallel.For(0, specs.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            i => results[i] = Generator.Run(new GenerateOptions(specs[i], root, templates, charts, reportShared && specs.Count == 1)));
        if (specs.Count < 2) return results;
        if (reportShared) SharedAcrossTheFleet(results);

        var writers = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < results.Length; i++)
            foreach (var file in results[i].Plan.Select(p => Path.Combine(results[i].Root.FullPath, p.File)).Distinct())
                (writers.TryGetValue(file, out var list) ? list : writers[file] = []).Add(i);
        var conflicts = writers.Where(w => w.Value.Count > 1).ToList();
        if (conflicts.Count == 0) return results;
        return results.Select((r, i) =>
        {
            var mine = conflicts.Where(c => c.Value.Contains(i)).ToList();
            if (mine.Count == 0) return r;
            var extra = mine.Select(c => Diagnostic.Of(DiagnosticCodes.SpecDuplicate, r.Root.Relative(specs[i]), null,
                $"{r.Root.Relative(c.Key)} is also written by {string.Join(", ", c.Value.Where(j => j != i).Select(j => r.Root.Relative(specs[j])))}; one file, one spec"));
            return r with { Diagnostics = [.. r.Diagnostics, .. extra], Changes = [] };
        }).ToList();
    }

    /// <summary>MG0014 for each cluster, the repository's Flux Kustomizations read once per repository.</summary>
    private static void SharedAcrossTheFleet(GenerationResult[] results)
    {
        foreach (var repository in Enumerable.Range(0, results.Length).Where(i => !results[i].Failed).GroupBy(i => results[i].Root.FullPath, StringComparer.Ordinal))
        {
            var workspace = new RepositoryWorkspace(results[repository.First()].Root);
            var kustomizations = new Lazy<FluxKustomizations>(() => FluxKustomizations.Of(workspace));
            foreach (var i in repository)
            {
                var shared = SharedObjects.Find(workspace, results[i].Plan.Select(p => p.File), kustomizations);
                if (shared.Count > 0) results[i] = results[i] with { Diagnostics = [.. results[i].Diagnostics, .. shared] };
            }
        }
    }
}
