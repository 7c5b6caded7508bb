using ManifestGen.Yaml;
namespace ManifestGen.Diagnostics;

/// <summary>Collects diagnostics in the order found; output is sorted for stable reports.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> items = [];

    public void Add(Diagnostic diagnostic) => items.Add(diagnostic);
    public void AddRange(IEnumerable<Diagnostic> diagnostics) => items.AddRange(diagnostics);

    public bool HasErrors => items.Any(d => d.Severity == Severity.Error);

    public IReadOnlyList<Diagnostic> Sorted() =>
        items.Distinct()
            .OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Column)
            .ThenBy(d => d.Code.Code, StringComparer.Ordinal).ToList();
}
