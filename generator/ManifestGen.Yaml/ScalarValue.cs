using System.Globalization;

namespace ManifestGen.Yaml;

/// <summary>What a scalar means once resolved: its type and its text.</summary>
public enum ScalarKind { Null, Boolean, Integer, Float, Timestamp, String }

/// <summary>
/// A typed scalar. Two values are equal when a Kubernetes YAML decoder would read them the same:
/// <c>6h</c> and <c>"6h"</c> are both the string 6h; <c>10</c> and <c>"10"</c> are not.
/// </summary>
public sealed record ScalarValue(ScalarKind Kind, string Text)
{
    public static ScalarValue Null { get; } = new(ScalarKind.Null, "null");
    public static ScalarValue String(string text) => new(ScalarKind.String, text);
    public static ScalarValue Integer(long value) => new(ScalarKind.Integer, value.ToString(CultureInfo.InvariantCulture));
    public static ScalarValue Boolean(bool value) => new(ScalarKind.Boolean, value ? "true" : "false");

    /// <summary>The text used for comparison: booleans and nulls in lower case, integers in decimal.</summary>
    public string Canonical => Kind switch
    {
        ScalarKind.Boolean => ScalarResolver.IsTrue(Text) ? "true" : "false",
        ScalarKind.Null => "null",
        ScalarKind.Integer when long.TryParse(Text.Replace("_", ""), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            => n.ToString(CultureInfo.InvariantCulture),
        ScalarKind.Float => Text.ToLowerInvariant(),
        _ => Text,
    };

    public bool SameAs(ScalarValue other) => Kind == other.Kind && Canonical == other.Canonical;

    public override string ToString() => Kind == ScalarKind.String ? $"\"{Text}\"" : Text;
}
