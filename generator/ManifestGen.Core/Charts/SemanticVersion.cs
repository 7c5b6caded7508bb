using System.Globalization;

namespace ManifestGen.Charts;

/// <summary>
/// A chart version as Helm reads it (semver 2: <c>1.17.4</c>, <c>1.21.0-pre.0</c>, <c>100.2510.0</c>; a leading
/// <c>v</c> is allowed, build metadata is ignored in comparisons). Ordered by the semver rules, pre-releases
/// before their release.
/// </summary>
public sealed class SemanticVersion : IComparable<SemanticVersion>, IEquatable<SemanticVersion>
{
    private SemanticVersion(long major, long minor, long patch, string prerelease, string text)
    {
        Major = major;
        Minor = minor;
        Patch = patch;
        Prerelease = prerelease;
        Text = text;
    }

    public long Major { get; }
    public long Minor { get; }
    public long Patch { get; }

    /// <summary>The pre-release identifiers (<c>pre.0</c>), empty for a final release.</summary>
    public string Prerelease { get; }

    public bool IsPrerelease => Prerelease.Length > 0;

    /// <summary>The version as written, without a leading <c>v</c>.</summary>
    public string Text { get; }

    public static SemanticVersion Of(long major, long minor, long patch) =>
        new(major, minor, patch, "", string.Create(CultureInfo.InvariantCulture, $"{major}.{minor}.{patch}"));

    /// <summary>A full version <c>MAJOR.MINOR.PATCH[-PRE][+BUILD]</c>, or null.</summary>
    public static SemanticVersion? TryParse(string? text)
    {
        if (text is null) return null;
        var t = text.AsSpan().Trim();
        if (t.Length > 0 && t[0] is 'v' or 'V') t = t[1..];
        var plus = t.IndexOf('+');
        var core = plus >= 0 ? t[..plus] : t;
        if (plus >= 0 && !ValidIdentifiers(t[(plus + 1)..], numericRule: false)) return null;
        var dash = core.IndexOf('-');
        var pre = dash >= 0 ? core[(dash + 1)..] : [];
        if (dash >= 0 && !ValidIdentifiers(pre, numericRule: true)) return null;
        var numbers = dash >= 0 ? core[..dash] : core;
        Span<long> parts = stackalloc long[3];
        for (var i = 0; i < 3; i++)
        {
            var dot = numbers.IndexOf('.');
            var part = i < 2 ? (dot < 0 ? [] : numbers[..dot]) : numbers;
            if (i < 2 && dot < 0) return null;
            if (!Number(part, out parts[i])) return null;
            if (i < 2) numbers = numbers[(dot + 1)..];
        }
        return new SemanticVersion(parts[0], parts[1], parts[2], pre.ToString(), t.ToString());
    }

    internal static bool Number(ReadOnlySpan<char> part, out long value)
    {
        value = 0;
        if (part.Length == 0 || part.Length > 18 || (part.Length > 1 && part[0] == '0')) return false;
        foreach (var c in part)
        {
            if (!char.IsAsciiDigit(c)) return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }

    private static bool ValidIdentifiers(ReadOnlySpan<char> text, bool numericRule)
    {
        if (text.Length == 0) return false;
        foreach (var range in text.Split('.'))
        {
            var id = text[range];
            if (id.Length == 0) return false;
            var numeric = true;
            foreach (var c in id)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-') return false;
                numeric &= char.IsAsciiDigit(c);
            }
            if (numericRule && numeric && id.Length > 1 && id[0] == '0') return false;
        }
        return true;
    }

    public int CompareTo(SemanticVersion? other)
    {
        if (other is null) return 1;
        var c = (Major, Minor, Patch).CompareTo((other.Major, other.Minor, other.Patch));
        if (c != 0) return c;
        if (Prerelease == other.Prerelease) return 0;
        if (Prerelease.Length == 0) return 1;
        if (other.Prerelease.Length == 0) return -1;
        var a = Prerelease.Split('.');
        var b = other.Prerelease.Split('.');
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var an = a[i].All(char.IsAsciiDigit);
            var bn = b[i].All(char.IsAsciiDigit);
            int r;
            if (an && bn) r = a[i].Length != b[i].Length ? a[i].Length.CompareTo(b[i].Length) : string.CompareOrdinal(a[i], b[i]);
            else if (an) r = -1;
            else if (bn) r = 1;
            else r = string.CompareOrdinal(a[i], b[i]);
            if (r != 0) return r;
        }
        return a.Length.CompareTo(b.Length);
    }

    public bool Equals(SemanticVersion? other) => other is not null && CompareTo(other) == 0;
    public override bool Equals(object? obj) => Equals(obj as SemanticVersion);
    public override int GetHashCode() => HashCode.Combine(Major, Minor, Patch, Prerelease);
    public static bool operator <(SemanticVersion a, SemanticVersion b) => a.CompareTo(b) < 0;
    public static bool operator >(SemanticVersion a, SemanticVersion b) => a.CompareTo(b) > 0;
    public static bool operator <=(SemanticVersion a, SemanticVersion b) => a.CompareTo(b) <= 0;
    public static bool operator >=(SemanticVersion a, SemanticVersion b) => a.CompareTo(b) >= 0;
    public override string ToString() => Text;
}
