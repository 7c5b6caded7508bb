using System.Globalization;
using ManifestGen.Spec;
using ManifestGen.Yaml;

namespace ManifestGen.Modules.Cilium;

/// <summary>One conntrack setting the spec gives: a duration (kept as the user wrote it, with its unit) or a table size.</summary>
public sealed record ConntrackEntry(ConntrackSetting Setting, GoDuration? Duration, long? Size, SpecLocation At)
{
    /// <summary>The value as it is written into values and compared in cilium-config: <c>6h</c>, <c>524288</c>.</summary>
    public string Text => Duration?.Text ?? Size!.Value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The value as a YAML scalar: a duration is a string, a size an integer.</summary>
    public ScalarValue Scalar => Duration is { } d ? ScalarValue.String(d.Text) : ScalarValue.Integer(Size!.Value);
}
