using ManifestGen.Components;
using ManifestGen.Diagnostics;
using ManifestGen.Editing;
using ManifestGen.Live;
using ManifestGen.Spec;
using ManifestGen.Values;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Modules.Cilium;

/// <summary>Cilium (<c>spec.cilium</c>) in each phase: what this folder knows, wired to the one contract.</summary>
internal sealed class CiliumComponent : Component<CiliumTuning>
{
    private readonly CiliumModule module = new();

    public override string Section => CiliumSpecReader.Section;

    public override CiliumTuning? Read(SpecReader reader, MappingNode spec) => CiliumSpecReader.Read(reader, spec);

    public override YamlValue Write(CiliumTuning tuning, Func<string, string> relative) => CiliumSpecWriter.Write(tuning);

    public override void Apply(CiliumTuning tuning, GenerationContext context) => module.Apply(tuning, context);

    public override IReadOnlyList<string> ValuesKeys => [CiliumFacts.ValuesKey];

    public override IEnumerable<HelmReleaseTarget> HelmReleases(CiliumTuning tuning) => [new(tuning.HelmRelease, tuning.Values, CiliumFacts.ValuesKey)];

    public override IEnumerable<Diagnostic> Lint(CiliumTuning tuning, ClusterTuningSpec spec, IReadOnlyList<CheckedRelease> checkedReleases, RepositoryWorkspace workspace) =>
        checkedReleases.SelectMany(c => CiliumLints.Spec(tuning, c.Sources, workspace));

    public override IReadOnlyList<ValuesLint> ValuesLints { get; } = [new(CiliumFacts.Chart, CiliumLints.ReportsItself, CiliumLints.Values)];

    public override IEnumerable<LiveRef> LiveNeeds(CiliumTuning tuning, RepositoryWorkspace workspace) => CiliumLiveChecks.Needed(tuning, workspace);

    public override IEnumerable<TuningCheck> LiveChecks(CiliumTuning tuning, RepositoryWorkspace workspace, ValueSources values, LiveObjects live)
    {
        var checks = new List<TuningCheck>();
        CiliumLiveChecks.Check(tuning, workspace, values, live, checks);
        return checks;
    }

    public override string Adopts => "Cilium HelmRelease";

    public override CiliumTuning? Adopt(Adoption adoption)
    {
        var cilium = adoption.HelmReleases.Where(h => CiliumAdopter.Installs(h.Chart)).Select(h => h.Document).ToList();
        adoption.Claim(cilium);
        if (adoption.Ambiguous(Section, cilium) || adoption.AppliedTwice(Section, cilium)) return null;
        if (cilium.Count == 1)
        {
            var applied = adoption.AppliedOf(cilium[0]);
            var overlay = adoption.Overlay(applied);
            adoption.Adopt(cilium[0].RepoPath);
            return CiliumAdopter.Adopt(adoption.Workspace, adoption.Values, cilium[0].RepoPath, cilium[0].Document, adoption.Relative, adoption.Report,
                overlay, adoption.FixedBy(applied, overlay));
        }
        if (adoption.Documents.FirstOrDefault(d => d.Document.Kind == "DaemonSet" && d.Document.Name == CiliumFacts.DaemonSet) is { } manifest)
            adoption.Report.Add($"not adopted: Cilium is installed without a HelmRelease ({manifest.RepoPath} holds its DaemonSet); manifestgen tunes Cilium through its HelmRelease's values");
        return null;
    }
}
