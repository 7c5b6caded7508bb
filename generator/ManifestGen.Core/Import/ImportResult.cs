using ManifestGen.Diagnostics;

namespace ManifestGen.Import;

/// <summary>What <c>import</c> produced: the spec (null when nothing could be imported) and what it found on the way.</summary>
public sealed record ImportResult(string? Spec, IReadOnlyList<Diagnostic> Diagnostics);
