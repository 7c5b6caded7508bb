using ManifestGen.Charts;
using ManifestGen.Components;
using ManifestGen.Composition;
using ManifestGen.Diagnostics;
using ManifestGen.Values;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Lint;

/// <summary>
/// Lints the files a spec touches as they are committed (not only the spec): the chart check of each HelmRelease it
/// tunes (MG0009 and its chart's values lints), the lints of any HelmRelease (MG0005, MG0006), and each component's
/// lints that need the spec (Cilium's MG0003 conntrack without rollout, Trident's MG0004 the QPS set twice).
/// </summary>
public static class TargetLinter
{
    public static IReadOnlyList<Diagnostic> Lint(ClusterTuningSpec spec, RepositoryWorkspace workspace, ChartContext charts, ValueSources values)
    {
        var found = new List<Diagnostic>();
        var lint = new ChartValuesLint(workspace, charts, values);
        var helmReleases = new List<string>();

        IReadOnlyList<CheckedRelease> Check(HelmReleaseTarget target)
        {
            helmReleases.Add(target.HelmRelease.RepoPath);
            YamlFile file;
            try
            {
                file = workspace.ReadYaml(target.HelmRelease.RepoPath);
            }
            catch (InvalidInputException)
            {
                return []; // reported by the run itself
            }
            var checks = file.Documents.Where(d => d.Kind == "HelmRelease")
                .Select(d => lint.Check(target.HelmRelease.RepoPath, d, target.Values, target.SpecKey)).ToList();
            // A source the run cannot edit is the run's error (MG3007); a note beside it would say it twice.
            foreach (var check in checks) found.AddRange(check.Diagnostics.Where(d => d.Code != DiagnosticCodes.ValuesSourceNotChecked));
            return checks.Select(c => new CheckedRelease(target, c.Sources)).ToList();
        }

        // Each component: its HelmReleases checked against their charts, then its lints that need the spec.
        foreach (var component in ComponentList.All)
        {
            var checkedReleases = component.HelmReleases(spec).SelectMany(Check).ToList();
            found.AddRange(component.Lint(spec, checkedReleases, workspace));
        }
        foreach (var path in helmReleases.Distinct()) found.AddRange(HelmReleaseLints.Lint(path, workspace));
        return found;
    }
}
