using ManifestGen.Diagnostics;

namespace ManifestGen.Init;

/// <summary>What <c>init</c> found: the spec to write (null when it must not be written), the report, and the diagnostics.</summary>
public sealed record InitResult(string? Spec, IReadOnlyList<string> Report, IReadOnlyList<Diagnostic> Diagnostics);
