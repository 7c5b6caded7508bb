using ManifestGen.Charts;
using ManifestGen.Charts.Analysis;
using ManifestGen.Diagnostics;
using ManifestGen.Editing;
using ManifestGen.Live;
using ManifestGen.Spec;
using ManifestGen.Values;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Components;

/// <summary>
/// What a component (Cilium, Trident, workloads: each a folder under <c>Modules/</c>) brings to each phase of the
/// tool. The drivers (generate, lint, verify, init, import, post-render) loop over <c>Composition/ComponentList</c>
/// and call these; none of them names a component. A component implements it through <see cref="Component{T}"/>,
/// which hands each member its own section of the spec and gives every phase but reading and writing a default
/// that does nothing, so a component states only what it does.
/// </summary>
internal interface IComponent
{
    /// <summary>Its key under the spec's <c>spec:</c>.</summary>
    string Section { get; }

    /// <summary>Reads its section (reporting what is wrong through the reader); null when the spec has none.</summary>
    ComponentTuning? Read(SpecReader reader, MappingNode spec);

    /// <summary>Its section as YAML for the spec writer (init, import); null when the spec has none.</summary>
    YamlValue? Write(ClusterTuningSpec spec, Func<string, string> relative);

    /// <summary>generate: plans its edits and owned files.</summary>
    void Apply(ClusterTuningSpec spec, GenerationContext context);

    /// <summary>The HelmReleases whose values it edits: each is checked against its chart and read as Flux applies it.</summary>
    IEnumerable<HelmReleaseTarget> HelmReleases(ClusterTuningSpec spec);

    /// <summary>The spec keys that name a values file for one of its HelmReleases (<c>cilium.values</c>), for the hints that point at them.</summary>
    IReadOnlyList<string> ValuesKeys { get; }

    /// <summary>The lints that need the spec, given each of its HelmReleases' documents as checked.</summary>
    IEnumerable<Diagnostic> Lint(ClusterTuningSpec spec, IReadOnlyList<CheckedRelease> checkedReleases, RepositoryWorkspace workspace);

    /// <summary>The lints it runs on the values of every HelmRelease of its chart (lint, without a spec).</summary>
    IReadOnlyList<ValuesLint> ValuesLints { get; }

    /// <summary>verify: the live objects its checks read.</summary>
    IEnumerable<LiveRef> LiveNeeds(ClusterTuningSpec spec, RepositoryWorkspace workspace);

    /// <summary>verify: what runs against what the spec asks for, tuning by tuning.</summary>
    IEnumerable<TuningCheck> LiveChecks(ClusterTuningSpec spec, RepositoryWorkspace workspace, ValueSources values, LiveObjects live);

    /// <summary>init: what the repository already sets, as its section; null when there is nothing to adopt.</summary>
    ComponentTuning? Adopt(Adoption adoption);

    /// <summary>init: what it adopts, for the report of an empty spec ("Cilium HelmRelease"); null when it adopts nothing.</summary>
    string? Adopts { get; }

    /// <summary>post-render: the edits of objects as a chart renders them.</summary>
    IEnumerable<RenderedEdit> RenderedEdits(ClusterTuningSpec spec);

    /// <summary>import: the runbook's container changes as its section; null when it does not tune containers.</summary>
    ComponentTuning? Import(ImportedContainers imported);

    /// <summary>import: the deliveries an imported tuning can take (<c>--delivery</c>).</summary>
    IReadOnlyList<string> ImportDeliveries { get; }

    /// <summary>Container names it knows, for runbook comments that name another container than a patch's index reaches.</summary>
    IReadOnlyList<string> ContainerNames { get; }

    /// <summary>The release of a chart folder its chart version does not tell (QNAP's chart folders); null when it does not know.</summary>
    SemanticVersion? ReleaseOfChart(string path, ChartMetadata metadata);
}
