using System.Globalization;
using System.Text;

namespace ManifestGen.Yaml;

/// <summary>
/// The one place scalars become YAML text. Strings are written plain when a plain scalar reads
/// back as the same string for every decoder, otherwise double-quoted; other kinds are written in
/// their canonical plain form.
/// </summary>
public static class ScalarFormatter
{
    private const string Indicators = "-?:,[]{}#&*!|>'\"%@`";

    public static string Format(ScalarValue value, ScalarStyle preferred = ScalarStyle.Plain) => value.Kind switch
    {
        ScalarKind.String => FormatString(value.Text, preferred),
        ScalarKind.Null => "null",
        _ => value.Canonical,
    };

    public static string FormatString(string text, ScalarStyle preferred = ScalarStyle.Plain)
    {
        if (preferred == ScalarStyle.SingleQuoted && text.All(c => !char.IsControl(c)))
            return "'" + text.Replace("'", "''") + "'";
        if (preferred is ScalarStyle.Plain or ScalarStyle.Literal or ScalarStyle.Folded && CanBePlain(text))
            return text;
        return DoubleQuote(text);
    }

    /// <summary>True when <paramref name="text"/> written plain, in block or flow context, reads back as this string.</summary>
    public static bool CanBePlain(string text)
    {
        if (text.Length == 0 || char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])) return false;
        if (ScalarResolver.Resolve(text).Kind != ScalarKind.String) return false;
        if (text.StartsWith("---", StringComparison.Ordinal) || text.StartsWith("...", StringComparison.Ordinal)) return false;
        var first = text[0];
        if (Indicators.Contains(first))
        {
            // "-", "?" and ":" may start a plain scalar when a non-space follows (e.g. --kube-api-qps).
            if (first is not ('-' or '?' or ':') || text.Length < 2 || char.IsWhiteSpace(text[1])) return false;
        }
        foreach (var c in text)
        {
            if (char.IsControl(c) || c is ',' or '[' or ']' or '{' or '}' || c == '\uFEFF') return false;
        }
        if (text.Contains(": ", StringComparison.Ordinal) || text.EndsWith(':') || text.Contains(" #", StringComparison.Ordinal))
            return false;
        return true;
    }

    public static string DoubleQuote(string text)
    {
        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\0': sb.Append("\\0"); break;
                default:
                    if (char.IsControl(c) || c == '\uFEFF' || c is '\u2028' or '\u2029' or '\u0085')
                        sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }
}
