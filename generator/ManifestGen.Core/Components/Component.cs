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
/// The base of every component: <see cref="IComponent"/> with the component's section typed as
/// <typeparamref name="T"/>. A member that takes the spec finds the section (<see cref="ClusterTuningSpec.Tuning{T}"/>)
/// and does nothing when the spec lacks it; every phase but reading and writing the section is optional.
/// </summary>
internal abstract class Component<T> : IComponent where T : ComponentTuning
{
    public abstract string Section { get; }

    public abstract T? Read(SpecReader reader, MappingNode spec);

    public abstract YamlValue Write(T tuning, Func<string, string> relative);

    public virtual void Apply(T tuning, GenerationContext context) { }

    public virtual IEnumerable<HelmReleaseTarget> HelmReleases(T tuning) => [];

    public virtual IReadOnlyList<string> ValuesKeys => [];

    public virtual IEnumerable<Diagnostic> Lint(T tuning, ClusterTuningSpec spec, IReadOnlyList<CheckedRelease> checkedReleases, RepositoryWorkspace workspace) => [];

    public virtual IReadOnlyList<ValuesLint> ValuesLints => [];

    public virtual IEnumerable<LiveRef> LiveNeeds(T tuning, RepositoryWorkspace workspace) => [];

    public virtual IEnumerable<TuningCheck> LiveChecks(T tuning, RepositoryWorkspace workspace, ValueSources values, LiveObjects live) => [];

    public virtual T? Adopt(Adoption adoption) => null;

    public virtual string? Adopts => null;

    public virtual IEnumerable<RenderedEdit> RenderedEdits(T tuning) => [];

    public virtual T? Import(ImportedContainers imported) => null;

    public virtual IReadOnlyList<string> ImportDeliveries => [];

    public virtual IReadOnlyList<string> ContainerNames => [];

    public virtual SemanticVersion? ReleaseOfChart(string path, ChartMetadata metadata) => null;

    ComponentTuning? IComponent.Read(SpecReader reader, MappingNode spec) => Read(reader, spec);

    YamlValue? IComponent.Write(ClusterTuningSpec spec, Func<string, string> relative) => spec.Tuning<T>() is { } t ? Write(t, relative) : null;

    void IComponent.Apply(ClusterTuningSpec spec, GenerationContext context)
    {
        if (spec.Tuning<T>() is { } t) Apply(t, context);
    }

    IEnumerable<HelmReleaseTarget> IComponent.HelmReleases(ClusterTuningSpec spec) => spec.Tuning<T>() is { } t ? HelmReleases(t) : [];

    IEnumerable<Diagnostic> IComponent.Lint(ClusterTuningSpec spec, IReadOnlyList<CheckedRelease> checkedReleases, RepositoryWorkspace workspace) =>
        spec.Tuning<T>() is { } t ? Lint(t, spec, checkedReleases, workspace) : [];

    IEnumerable<LiveRef> IComponent.LiveNeeds(ClusterTuningSpec spec, RepositoryWorkspace workspace) =>
        spec.Tuning<T>() is { } t ? LiveNeeds(t, workspace) : [];

    IEnumerable<TuningCheck> IComponent.LiveChecks(ClusterTuningSpec spec, RepositoryWorkspace workspace, ValueSources values, LiveObjects live) =>
        spec.Tuning<T>() is { } t ? LiveChecks(t, workspace, values, live) : [];

    ComponentTuning? IComponent.Adopt(Adoption adoption) => Adopt(adoption);

    IEnumerable<RenderedEdit> IComponent.RenderedEdits(ClusterTuningSpec spec) => spec.Tuning<T>() is { } t ? RenderedEdits(t) : [];

    ComponentTuning? IComponent.Import(ImportedContainers imported) => Import(imported);
}
