using System.Text.RegularExpressions;
using k8s.Models;

namespace ManifestGen.Spec;

/// <summary>
/// Trident's <c>limitVolumeSize</c>: a whole number with a binary suffix (<c>10Ti</c>, <c>500Gi</c>).
/// Kubernetes' own quantity parser checks it is a quantity at all; decimals and decimal suffixes
/// (<c>1.5Ti</c>, <c>256MB</c>) are refused because Trident's parser does not take them.
/// </summary>
public sealed partial record VolumeSize(string Text, decimal Bytes)
{
    public static bool TryParse(string text, out VolumeSize? size, out string error)
    {
        size = null;
        error = "";
        var m = Shape().Match(text);
        if (!m.Success)
        {
            error = $"'{text}' is not a whole number with a binary suffix (Ki, Mi, Gi, Ti, Pi, Ei)";
            if (text.Contains('.')) error += "; decimals are not accepted, write e.g. 1536Gi for 1.5Ti";
            else if (Regex.IsMatch(text, "^[0-9]+[kKMGTPE]B?$")) error += $"; did you mean {text.TrimEnd('B', 'b').ToUpperInvariant()}i?";
            return false;
        }
        decimal bytes;
        try
        {
            bytes = new ResourceQuantity(text).ToDecimal();
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            error = $"'{text}' is not a Kubernetes quantity: {e.Message}";
            return false;
        }
        if (bytes <= 0) { error = "the limit must be positive"; return false; }
        size = new VolumeSize(text, bytes);
        return true;
    }

    [GeneratedRegex("^[0-9]+(Ki|Mi|Gi|Ti|Pi|Ei)$")]
    private static partial Regex Shape();

    public override string ToString() => Text;
}
