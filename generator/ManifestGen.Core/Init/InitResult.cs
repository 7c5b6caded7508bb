using System.Globalization;
using System.Text;
using ManifestGen.Diagnostics;
using ManifestGen.Modules.Cilium;
using ManifestGen.Modules.Trident;
using ManifestGen.Spec;
using ManifestGen.Values;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Init;

/// <summary>What <c>init</c> found: the spec to write (null when it must not be written), the report, and the diagnostics.</summary>
public sealed record InitResult(string? Spec, IReadOnlyList<string> Report, IReadOnlyList<Diagnostic> Diagnostics);
