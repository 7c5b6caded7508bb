using System.Text.RegularExpressions;

namespace ManifestGen.Yaml;

/// <summary>
/// Resolves plain scalars to types. Kubernetes tools decode with go-yaml, which follows YAML 1.1
/// (<c>yes</c>, <c>on</c>, <c>0755</c> are not strings there) while newer tools follow YAML 1.2;
/// a plain scalar counts as a string only when both agree, so what we emit plain is a string
/// for every reader.
/// </summary>
public static partial class ScalarResolver
{
    private static readonly HashSet<string> Nulls = ["", "~", "null", "Null", "NULL"];
    private static readonly HashSet<string> Trues = ["true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", "y", "Y"];
    private static readonly HashSet<string> Falses = ["false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF", "n", "N"];

    public static bool IsTrue(string text) => Trues.Contains(text);

    public static ScalarValue Resolve(string plain)
    {
        if (Nulls.Contains(plain)) return ScalarValue.Null;
        if (Trues.Contains(plain) || Falses.Contains(plain)) return new ScalarValue(ScalarKind.Boolean, plain);
        if (IntegerPattern().IsMatch(plain)) return new ScalarValue(ScalarKind.Integer, plain);
        if (FloatPattern().IsMatch(plain)) return new ScalarValue(ScalarKind.Float, plain);
        if (TimestampPattern().IsMatch(plain)) return new ScalarValue(ScalarKind.Timestamp, plain);
        return ScalarValue.String(plain);
    }

    [GeneratedRegex(@"^(?:[-+]?[0-9][0-9_]*|0[xX][0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^(?:[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?[eE][-+]?[0-9]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])*\.[0-9_]*)$")]
    private static partial Regex FloatPattern();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?$")]
    private static partial Regex TimestampPattern();
}
