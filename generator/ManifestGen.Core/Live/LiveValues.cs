using System.Globalization;
using k8s.Models;
using ManifestGen.Spec;

namespace ManifestGen.Live;

/// <summary>How live values are read and compared: as the programs that read them do.</summary>
public static class LiveValues
{
    /// <summary>A cilium-config duration in nanoseconds: a Go duration, or a bare number (which Cilium reads as nanoseconds).</summary>
    public static decimal? Duration(string? text)
    {
        if (text is null) return null;
        text = text.Trim();
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var bare)) return bare;
        return GoDuration.TryParse(text, out var d, out _) ? d!.Nanoseconds : null;
    }

    public static bool SameQuantity(string? live, string wanted)
    {
        if (live is null) return false;
        try
        {
            return new ResourceQuantity(live.Trim()).ToDecimal() == new ResourceQuantity(wanted).ToDecimal();
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            return false;
        }
    }

}
