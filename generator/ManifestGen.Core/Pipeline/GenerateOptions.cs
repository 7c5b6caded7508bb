using ManifestGen.Charts;

namespace ManifestGen.Pipeline;

/// <summary>
/// Options of one run: the spec, and optionally the repository root, a templates folder, and the charts known
/// beside the built-in data (<c>--charts</c>; a fleet shares one catalog).
/// </summary>
public sealed record GenerateOptions(string SpecPath, string? Root = null, string? TemplatesDir = null, ChartCatalog? Charts = null);
