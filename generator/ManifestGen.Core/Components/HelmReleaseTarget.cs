using ManifestGen.Spec;
using ManifestGen.Values;

namespace ManifestGen.Components;

/// <summary>
/// A HelmRelease a tuning edits the values of: its file, the values file the spec names for it when the tool cannot
/// follow its valuesFrom (or the cluster's HelmRelease patch), and the spec key findings about its values name.
/// The drivers check every such HelmRelease against its chart (lint, generate's lints) and read it as Flux applies it.
/// </summary>
public sealed record HelmReleaseTarget(TargetFile HelmRelease, TargetFile? Values, string SpecKey);

/// <summary>A HelmRelease document of a <see cref="HelmReleaseTarget"/> after its chart check: its value sources, in merge order.</summary>
public sealed record CheckedRelease(HelmReleaseTarget Target, IReadOnlyList<ValueSource> Sources);
