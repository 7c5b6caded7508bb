using ManifestGen.Charts;
using ManifestGen.Composition;
using ManifestGen.Diagnostics;
using ManifestGen.Modules.Cilium;
using ManifestGen.Modules.Trident;
using ManifestGen.Values;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Lint;

/// <summary>
/// Lints the files a spec touches as they are committed (not only the spec): the chart check of each HelmRelease it
/// tunes (MG0009 and the component's lints), the lints of any HelmRelease (MG0005, MG0006), and the lints that need
/// the spec (MG0003 conntrack without rollout, MG0004 the QPS set twice).
/// </summary>
public static class TargetLinter
{
    public static IReadOnlyList<Diagnostic> Lint(ClusterTuningSpec spec, RepositoryWorkspace workspace, ChartContext charts, ValueSources values)
    {
        var found = new List<Diagnostic>();
        var lint = new ChartValuesLint(workspace, charts, values);
        var helmReleases = new List<string>();

        IReadOnlyList<ChartCheck> Check(Spec.TargetFile helmRelease, Spec.TargetFile? explicitValues, string specKey)
        {
            helmReleases.Add(helmRelease.RepoPath);
            YamlFile file;
            try
            {
                file = workspace.ReadYaml(helmRelease.RepoPath);
            }
            catch (InvalidInputException)
            {
                return []; // reported by the run itself
            }
            var checks = file.Documents.Where(d => d.Kind == "HelmRelease").Select(d => lint.Check(helmRelease.RepoPath, d, explicitValues, specKey)).ToList();
            // A source the run cannot edit is the run's error (MG3007); a note beside it would say it twice.
            foreach (var check in checks) found.AddRange(check.Diagnostics.Where(d => d.Code != DiagnosticCodes.ValuesSourceNotChecked));
            return checks;
        }

        if (spec.Cilium is { } cilium)
            foreach (var check in Check(cilium.HelmRelease, cilium.Values, "cilium.values"))
                found.AddRange(CiliumLints.Spec(cilium, check.Sources, workspace));
        if (spec.Trident?.Orchestrator is { } orchestrator)
        {
            Check(orchestrator.HelmRelease, orchestrator.Values, "trident.orchestrator.values");
            found.AddRange(TridentLints.QpsSetTwice(orchestrator, spec.Workloads));
        }
        foreach (var w in spec.Workloads.Where(w => w.HelmRelease is not null)) Check(w.HelmRelease!, null, "values");
        foreach (var path in helmReleases.Distinct()) found.AddRange(HelmReleaseLints.Lint(path, workspace));
        return found;
    }
}
