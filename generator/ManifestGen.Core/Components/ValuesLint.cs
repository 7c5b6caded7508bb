using ManifestGen.Diagnostics;
using ManifestGen.Values;
using ManifestGen.Workspace;

namespace ManifestGen.Components;

/// <summary>
/// Lints a component runs on the values of every HelmRelease of its chart (lint needs no spec), and the value paths
/// they report themselves, which the chart-values check then leaves out so nothing is said twice.
/// </summary>
public sealed record ValuesLint(string Chart, Func<IReadOnlyList<string>, bool> ReportsItself,
    Func<IReadOnlyList<ValueSource>, RepositoryWorkspace, IEnumerable<Diagnostic>> Lint);
