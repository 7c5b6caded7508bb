using ManifestGen.Components;
using ManifestGen.Composition;
using ManifestGen.Diagnostics;
using ManifestGen.Live;
using ManifestGen.Pipeline;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Verify;

/// <summary>One cluster of a verify run: its spec, the objects verify reads for it and the kubectl line that fetches them, and its checks.</summary>
/// <param name="SpecPath">The spec, relative to its repository root.</param>
/// <param name="Workspace">The repository as the checks read it (the values the spec's HelmReleases hold).</param>
public sealed record VerifiedCluster(string SpecPath, ClusterTuningSpec Spec, RepositoryWorkspace Workspace, IReadOnlyList<LiveRef> Needed, string Query,
    IReadOnlyList<TuningCheck> Checks)
{
    public string Name => Spec.Name;

    /// <summary>How a fleet's report names it: <c>clusters/a/tuning.yaml (a)</c>.</summary>
    public string Label => $"{SpecPath} ({Name})";
}

/// <summary>What <see cref="VerifyRun"/> found: the diagnostics (an error means no check ran), and each cluster.</summary>
public sealed record VerifyResult(IReadOnlyList<Diagnostic> Diagnostics, bool IsFleet, IReadOnlyList<VerifiedCluster> Clusters)
{
    public bool Failed => Diagnostics.Any(d => d.Severity == Severity.Error);

    public IReadOnlyList<TuningCheck> Checks => [.. Clusters.SelectMany(c => c.Checks)];

    /// <summary>0 when every tuning is in effect (unknown alone passes unless <paramref name="strict"/>), 1 when one is not, 2 on invalid input.</summary>
    public int ExitCode(bool strict) => Failed ? 2
        : Checks.Any(c => c.Status == TuningStatus.NotInEffect) || (strict && Checks.Any(c => c.Status == TuningStatus.Unknown)) ? 1 : 0;
}

/// <summary>
/// <c>verify</c> as a library call: the spec or fleet resolved as every verb resolves it (<see cref="SpecSet"/>), each
/// cluster's live objects given by file (<c>NAME=FILE</c> in a fleet), and each component's live checks
/// (<see cref="Verifier"/>). The caller reads the files (<c>-</c> for stdin is the CLI's) and renders the result.
/// </summary>
public static class VerifyRun
{
    /// <summary>The clusters of a spec argument with the objects each needs, no live objects read (<c>--print-kubectl</c>).</summary>
    /// <param name="spec">The spec argument, absolute: a file, a folder of specs or a glob.</param>
    /// <param name="shown">The spec argument as the user wrote it, for messages.</param>
    public static VerifyResult Plan(string spec, string? root, string? shown = null)
    {
        var isFleet = SpecSet.IsFleet(spec);
        var specPaths = SpecSet.Resolve(spec);
        if (specPaths.Count == 0) return new VerifyResult([SpecSet.NoneFound(spec, shown)], isFleet, []);
        var diagnostics = new List<Diagnostic>();
        var clusters = new List<VerifiedCluster>();
        foreach (var specFull in specPaths)
        {
            var repository = RepositoryRoot.For(specFull, root);
            var (loaded, found) = SpecLoader.Load(specFull, repository);
            diagnostics.AddRange(found);
            if (loaded is null) continue;
            var workspace = new RepositoryWorkspace(repository);
            var needed = Verifier.Needed(loaded, workspace);
            clusters.Add(new VerifiedCluster(repository.Relative(specFull), loaded, workspace, needed, KubectlQuery.For(needed), []));
        }
        // Errors of loading first: two clusters of one name are only worth saying about specs that load.
        if (!diagnostics.Any(d => d.Severity == Severity.Error))
            foreach (var twice in clusters.GroupBy(c => c.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
                diagnostics.Add(Diagnostic.Of(DiagnosticCodes.ArgumentMismatch, twice.First().SpecPath, null,
                    $"{twice.Count()} specs are named {twice.Key} ({string.Join(", ", twice.Select(c => c.SpecPath))}), so --live {twice.Key}=FILE cannot tell them apart",
                    "give each cluster's spec its own metadata.name"));
        return new VerifyResult(diagnostics, isFleet, clusters);
    }

    /// <summary>
    /// Checks each planned cluster against its live objects. <paramref name="live"/> are the <c>--live</c> arguments:
    /// FILE for the one cluster, NAME=FILE in a fleet; <paramref name="read"/> gives a file's name and bytes.
    /// </summary>
    public static VerifyResult Check(VerifyResult plan, IReadOnlyList<string> live, Func<string, (string Name, byte[] Bytes)> read)
    {
        if (plan.Failed) return plan;
        var diagnostics = new List<Diagnostic>(plan.Diagnostics);
        if (live.Count == 0)
            return plan with
            {
                Diagnostics = [.. diagnostics, Diagnostic.Of(DiagnosticCodes.SpecMissingKey, "--live", null, "verify needs the live objects: --live FILE (or - for stdin)",
                    plan.IsFleet ? "in a fleet, one --live NAME=FILE a cluster (NAME is its spec's metadata.name); --print-kubectl prints what to fetch"
                                 : $"fetch them with: {plan.Clusters[0].Query} | manifestgen verify --live -")],
            };
        var inputs = plan.Clusters.Select(_ => new List<string>()).ToList();
        foreach (var input in live)
        {
            var eq = input.IndexOf('=', StringComparison.Ordinal);
            var named = eq > 0 && !File.Exists(input) ? plan.Clusters.ToList().FindIndex(c => c.Name == input[..eq]) : -1;
            if (named >= 0) inputs[named].Add(input[(eq + 1)..]);
            else if (plan.Clusters.Count == 1) inputs[0].Add(input);
            else
                diagnostics.Add(Diagnostic.Of(DiagnosticCodes.ArgumentMismatch, "--live", null,
                    $"--live {input}: a fleet of {plan.Clusters.Count} clusters needs to know whose objects these are",
                    $"write --live NAME=FILE, NAME one of {string.Join(", ", plan.Clusters.Select(c => c.Name))}"));
        }
        if (diagnostics.Any(d => d.Severity == Severity.Error)) return plan with { Diagnostics = diagnostics };
        var clusters = new List<VerifiedCluster>();
        for (var i = 0; i < plan.Clusters.Count; i++)
        {
            try
            {
                var objects = LiveObjects.Read(inputs[i].Select(read));
                clusters.Add(plan.Clusters[i] with { Checks = Verifier.Check(plan.Clusters[i].Spec, plan.Clusters[i].Workspace, objects) });
            }
            catch (InvalidInputException e)
            {
                return plan with { Diagnostics = [.. diagnostics, .. e.Diagnostics] };
            }
            catch (IOException e)
            {
                return plan with { Diagnostics = [.. diagnostics, Diagnostic.Of(DiagnosticCodes.TargetMissing, "--live", null, e.Message)] };
            }
        }
        return plan with { Diagnostics = diagnostics, Clusters = clusters };
    }
}
