using System.Globalization;
using ManifestGen.Charts;
using ManifestGen.Spec;
using ManifestGen.Values;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Modules.Trident;

/// <summary><c>init</c> for Trident: the TridentBackendConfig and its limit, the orchestrator HelmRelease with its build (and NetApp's k8sAPIQPS value).</summary>
public static class TridentAdopter
{
    /// <summary>The one rule: a HelmRelease installs Trident when its chart tells a build (<see cref="TridentFacts.BuildOf"/>).</summary>
    public static bool Installs(HelmReleaseChart chart) => TridentFacts.BuildOf(chart) is not null;

    public static TridentBackendTuning Backend(string path, YamlDocumentNode doc, bool severalInFile, Func<string, string> relative, List<string> report)
    {
        var limit = (YamlValue.FromNode(doc.Root) as YamlMap)?.Get("spec") is YamlMap spec && spec.Get("limitVolumeSize") is YamlScalar s ? s.Value.Text : null;
        VolumeSize? size = null;
        if (limit is not null && VolumeSize.TryParse(limit, out size, out _))
            report.Add($"trident backend: {path} ({doc.Name}), limitVolumeSize {limit}");
        else
        {
            size = null;
            report.Add($"trident backend: {path} ({doc.Name}), " + (limit is null ? "no limitVolumeSize" : $"limitVolumeSize {limit} is not a whole binary size (10Ti); not adopted"));
        }
        return new TridentBackendTuning(new TargetFile(relative(path), path, default), severalInFile ? doc.Name : null, size, default);
    }

    public static TridentOrchestratorTuning Orchestrator(RepositoryWorkspace workspace, ValueSources values, string path, YamlDocumentNode doc,
        HelmReleaseChart chart, Func<string, string> relative, List<string> report)
    {
        var build = TridentFacts.BuildOf(chart)!.Value;
        report.Add($"trident orchestrator: {path} ({chart.Reference.Evidence}{(chart.Reference.Version is null ? "" : ", version " + chart.Reference.Version)}): {TridentFacts.Describe(build)} build");
        long? qps = null;
        if (build == TridentBuild.NetApp)
        {
            var (sources, refused) = values.Each(path, DocumentRef.Of(doc), null, TridentFacts.OrchestratorValuesKey);
            if (refused.Count > 0)
                report.Add($"trident orchestrator: its values cannot be read ({refused[0].Message}); k8sAPIQPS not adopted");
            else if (sources.Select(s => s.Find(workspace, TridentFacts.K8sApiQps)).LastOrDefault(n => n is not null) is ScalarNode node
                     && long.TryParse(node.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 10_000)
            {
                qps = n;
                report.Add($"trident orchestrator: k8sAPIQPS {n.ToString(CultureInfo.InvariantCulture)} adopted");
            }
        }
        return new TridentOrchestratorTuning(new TargetFile(relative(path), path, default), qps, default, build);
    }
}
