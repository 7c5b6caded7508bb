using System.Text.RegularExpressions;

namespace ManifestGen.Charts;

/// <summary>
/// A version constraint as helm-controller reads <c>chart.spec.version</c> and an OCIRepository's <c>ref.semver</c>
/// (Masterminds semver v3, the library Helm and Flux use): <c>||</c> between alternatives, commas or spaces between
/// the comparisons of one alternative; <c>= != &gt; &lt; &gt;= &lt;= ~ ^</c>; wildcards <c>x X *</c> and partial
/// versions (<c>1.20.x</c>, <c>1.20</c>, <c>^1</c>); hyphen ranges (<c>1.2 - 1.4.5</c>). A pre-release satisfies a
/// comparison only when that comparison names a pre-release itself.
/// </summary>
public sealed partial class VersionConstraint
{
    private readonly IReadOnlyList<IReadOnlyList<Comparison>> alternatives;

    private VersionConstraint(string text, IReadOnlyList<IReadOnlyList<Comparison>> alternatives)
    {
        Text = text;
        this.alternatives = alternatives;
    }

    public string Text { get; }

    /// <summary>A constraint, or null (with a reason) when the text is not one.</summary>
    public static VersionConstraint? TryParse(string text, out string? why)
    {
        why = null;
        var alternatives = new List<IReadOnlyList<Comparison>>();
        foreach (var part in text.Split("||"))
        {
            var group = new List<Comparison>();
            var rest = Hyphen().Replace(part, m => $">={m.Groups[1].Value} <={m.Groups[2].Value}");
            var tokens = Separator().Split(rest.Trim()).Where(t => t.Length > 0).ToList();
            // ">= 1.2" is written with a space after the operator: join an operator with the version after it.
            for (var i = 0; i < tokens.Count; i++)
            {
                var token = tokens[i];
                if (OperatorOnly().IsMatch(token) && i + 1 < tokens.Count) token += tokens[++i];
                if (Comparison.TryParse(token) is not { } comparison)
                {
                    why = $"'{token}' is not a version comparison";
                    return null;
                }
                group.Add(comparison);
            }
            if (group.Count == 0)
            {
                why = "an empty alternative";
                return null;
            }
            alternatives.Add(group);
        }
        return new VersionConstraint(text.Trim(), alternatives);
    }

    public bool IsSatisfiedBy(SemanticVersion version) => alternatives.Any(group => group.All(c => c.IsSatisfiedBy(version)));

    /// <summary>The highest of <paramref name="versions"/> that satisfies the constraint, or null: the one rule for
    /// "the release a range gets", whether the versions are the tool's releases or a source's index or tag list.</summary>
    public SemanticVersion? Highest(IEnumerable<SemanticVersion> versions) => versions.Where(IsSatisfiedBy).Max();

    public override string ToString() => Text;

    [GeneratedRegex(@"([0-9A-Za-z.*+-]+)\s+-\s+([0-9A-Za-z.*+-]+)")]
    private static partial Regex Hyphen();

    [GeneratedRegex(@"[\s,]+")]
    private static partial Regex Separator();

    [GeneratedRegex(@"^(=|!=|>|<|>=|=>|<=|=<|~|~>|\^)$")]
    private static partial Regex OperatorOnly();

    /// <summary>One comparison: an operator and a version that may be partial or hold wildcards.</summary>
    private sealed record Comparison(string Operator, long Major, long? Minor, long? Patch, string Prerelease)
    {
        public static Comparison? TryParse(string token)
        {
            var m = Regex.Match(token, @"^(!=|>=|=>|<=|=<|~>|>|<|=|~|\^)?v?([0-9]+|[xX*])(?:\.([0-9]+|[xX*]))?(?:\.([0-9]+|[xX*]))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$");
            if (!m.Success) return null;
            var op = m.Groups[1].Value switch { "" => "=", "=>" => ">=", "=<" => "<=", "~>" => "~", var o => o };
            static long? Part(Group g) => g.Success && g.Value is not ("x" or "X" or "*") ? long.Parse(g.Value, System.Globalization.CultureInfo.InvariantCulture) : null;
            var major = Part(m.Groups[2]);
            if (major is null) return new Comparison(op == "=" || op == ">=" ? ">=" : op, 0, null, null, "") { AnyMajor = true };
            var minor = Part(m.Groups[3]);
            var patch = minor is null ? null : Part(m.Groups[4]);
            return new Comparison(op, major.Value, minor, patch, m.Groups[5].Value);
        }

        public bool AnyMajor { get; init; }

        private SemanticVersion Floor => SemanticVersion.TryParse($"{Major}.{Minor ?? 0}.{Patch ?? 0}{(Prerelease.Length > 0 ? "-" + Prerelease : "")}")!;

        /// <summary>The first version above the partial range: 1.2 gives 1.3.0, 1 gives 2.0.0, 1.2.3 gives 1.2.4.</summary>
        private SemanticVersion Above => Minor is null ? SemanticVersion.Of(Major + 1, 0, 0)
            : Patch is null ? SemanticVersion.Of(Major, Minor.Value + 1, 0)
            : SemanticVersion.Of(Major, Minor.Value, Patch.Value + 1);

        private bool Partial => Minor is null || Patch is null;

        public bool IsSatisfiedBy(SemanticVersion v)
        {
            if (v.IsPrerelease && Prerelease.Length == 0) return false;
            if (AnyMajor) return Operator is ">=" or "=" ? true : Operator switch { "!=" => false, "<" => false, _ => true };
            var floor = Floor;
            return Operator switch
            {
                "=" => Partial ? v >= floor && v < Above : v.CompareTo(floor) == 0,
                "!=" => Partial ? !(v >= floor && v < Above) : v.CompareTo(floor) != 0,
                ">" => Partial ? v >= Above : v > floor,
                "<" => v < floor,
                ">=" => v >= floor,
                "<=" => Partial ? v < Above : v <= floor,
                "~" => v >= floor && v < (Minor is null ? SemanticVersion.Of(Major + 1, 0, 0) : SemanticVersion.Of(Major, Minor.Value + 1, 0)),
                "^" => v >= floor && v < Caret(),
                _ => false,
            };
        }

        private SemanticVersion Caret()
        {
            if (Major > 0 || Minor is null) return SemanticVersion.Of(Major + 1, 0, 0);
            if (Minor > 0 || Patch is null) return SemanticVersion.Of(0, Minor.Value + 1, 0);
            return SemanticVersion.Of(0, 0, Patch.Value + 1);
        }
    }
}
