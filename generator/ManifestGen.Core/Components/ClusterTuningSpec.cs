namespace ManifestGen.Components;

/// <summary>
/// The loaded spec <c>manifestgen.io/v1alpha1 ClusterTuning</c>: immutable, positions kept. It holds each component's
/// section as that component read it, in the order of the components' list; no property names a component.
/// </summary>
public sealed record ClusterTuningSpec(string Name, string SpecRepoPath, IReadOnlyList<ComponentTuning> Tunings)
{
    /// <summary>The section of the component whose tuning is <typeparamref name="T"/>, when the spec has it.</summary>
    public T? Tuning<T>() where T : ComponentTuning => Tunings.OfType<T>().SingleOrDefault();
}
