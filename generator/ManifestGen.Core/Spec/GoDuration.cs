using System.Globalization;
using System.Text.RegularExpressions;

namespace ManifestGen.Spec;

/// <summary>
/// A duration as Go's time.ParseDuration reads it (<c>6h</c>, <c>90s</c>, <c>1m30s</c>). Cilium reads
/// its timeouts this way; a bare number would be nanoseconds, so a unit is required.
/// </summary>
public sealed partial record GoDuration(string Text, decimal Nanoseconds)
{
    private static readonly Dictionary<string, decimal> Units = new(StringComparer.Ordinal)
    {
        ["ns"] = 1m, ["us"] = 1_000m, ["µs"] = 1_000m, ["μs"] = 1_000m, ["ms"] = 1_000_000m,
        ["s"] = 1_000_000_000m, ["m"] = 60_000_000_000m, ["h"] = 3_600_000_000_000m,
    };

    public TimeSpan ToTimeSpan() => TimeSpan.FromTicks((long)(Nanoseconds / 100m));

    /// <summary>Parses a positive duration, or returns why it is not one.</summary>
    public static bool TryParse(string text, out GoDuration? duration, out string error)
    {
        duration = null;
        error = "";
        if (text.StartsWith('-')) { error = "a timeout must be positive"; return false; }
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            error = $"'{text}' has no unit; Cilium would read a bare number as nanoseconds";
            return false;
        }
        var body = text.StartsWith('+') ? text[1..] : text;
        var matches = Part().Matches(body);
        if (body.Length == 0 || matches.Sum(m => m.Length) != body.Length)
        {
            error = $"'{text}' is not a Go duration (examples: 6h, 90s, 1m30s)";
            return false;
        }
        decimal total = 0;
        foreach (Match m in matches)
        {
            if (!Units.TryGetValue(m.Groups[2].Value, out var unit))
            {
                error = $"'{m.Groups[2].Value}' is not a duration unit (ns, us, ms, s, m, h)";
                return false;
            }
            total += decimal.Parse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture) * unit;
        }
        if (total <= 0) { error = "a timeout must be positive"; return false; }
        duration = new GoDuration(text, total);
        return true;
    }

    [GeneratedRegex(@"([0-9]+(?:\.[0-9]*)?|\.[0-9]+)([a-zµμ]+)")]
    private static partial Regex Part();

    public override string ToString() => Text;
}
