using ManifestGen.Charts;

namespace ManifestGen.Pipeline;

/// <summary>
/// Options of one run: the spec, and optionally the repository root, a templates folder, and the charts known
/// beside the built-in data (<c>--charts</c>; a fleet shares one catalog). <paramref name="ReportShared"/> looks for tuned files
/// that several Flux Kustomizations apply (MG0014): validate and generate ask, check and plan do not (it reads every
/// Kustomization of the repository, and they run on every pull request).
/// </summary>
public sealed record GenerateOptions(string SpecPath, string? Root = null, string? TemplatesDir = null, ChartCatalog? Charts = null, bool ReportShared = false);
