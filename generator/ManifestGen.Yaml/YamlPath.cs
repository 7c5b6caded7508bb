using System.Text;

namespace ManifestGen.Yaml;

/// <summary>One step of a <see cref="YamlPath"/>.</summary>
public abstract record PathSegment;

/// <summary><c>key</c>: a key of a mapping.</summary>
public sealed record KeySegment(string Key) : PathSegment
{
    public override string ToString() => Key.IndexOfAny(['.', '[', ']', '"', '=']) >= 0 || Key.Length == 0
        ? "\"" + Key.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\""
        : Key;
}

/// <summary><c>[2]</c>: an item of a sequence by position.</summary>
public sealed record IndexSegment(int Index) : PathSegment
{
    public override string ToString() => $"[{Index}]";
}

/// <summary><c>[name=csi-attacher]</c>: the one item of a sequence of mappings whose field has this value.</summary>
public sealed record MatchSegment(string Field, string Value) : PathSegment
{
    public override string ToString() => $"[{Field}={Value}]";
}

/// <summary>
/// A path to a node, in kyaml's style: <c>spec.values.bpf.ctTcpMax</c>,
/// <c>spec.template.spec.containers[name=csi-attacher].args</c>, <c>items[2]</c>.
/// Keys holding dots or brackets are written in double quotes:
/// <c>metadata.annotations."kustomize.toolkit.fluxcd.io/ssa"</c>.
/// </summary>
public sealed class YamlPath : IEquatable<YamlPath>
{
    public static YamlPath Root { get; } = new([]);

    public YamlPath(IReadOnlyList<PathSegment> segments) => Segments = segments;

    public IReadOnlyList<PathSegment> Segments { get; }

    public static YamlPath Keys(params string[] keys) => new(keys.Select(k => (PathSegment)new KeySegment(k)).ToArray());

    public YamlPath Append(PathSegment segment) => new([.. Segments, segment]);
    public YamlPath Key(string key) => Append(new KeySegment(key));
    /// <summary>This path followed by <paramref name="rest"/>.</summary>
    public YamlPath Then(YamlPath rest) => new([.. Segments, .. rest.Segments]);
    public YamlPath Prefix(int count) => new(Segments.Take(count).ToArray());

    public static implicit operator YamlPath(string text) => Parse(text);

    public static YamlPath Parse(string text)
    {
        var segments = new List<PathSegment>();
        var i = 0;
        var expectSegment = true;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '[')
            {
                var close = text.IndexOf(']', i);
                if (close < 0) throw Invalid(text, i, "'[' without ']'");
                var inner = text[(i + 1)..close];
                var eq = inner.IndexOf('=');
                if (eq > 0)
                    segments.Add(new MatchSegment(inner[..eq].Trim(), Unquote(inner[(eq + 1)..].Trim())));
                else if (int.TryParse(inner, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
                    segments.Add(new IndexSegment(index));
                else throw Invalid(text, i, $"'[{inner}]' is neither an index nor a field=value match");
                i = close + 1;
                expectSegment = false;
            }
            else if (c == '.')
            {
                if (expectSegment) throw Invalid(text, i, "empty key");
                i++;
                expectSegment = true;
            }
            else if (c == '"')
            {
                var sb = new StringBuilder();
                i++;
                while (i < text.Length && text[i] != '"')
                {
                    if (text[i] == '\\' && i + 1 < text.Length) i++;
                    sb.Append(text[i++]);
                }
                if (i >= text.Length) throw Invalid(text, i, "unterminated quoted key");
                i++;
                segments.Add(new KeySegment(sb.ToString()));
                expectSegment = false;
            }
            else
            {
                var start = i;
                while (i < text.Length && text[i] is not ('.' or '[')) i++;
                segments.Add(new KeySegment(text[start..i]));
                expectSegment = false;
            }
        }
        if (expectSegment && segments.Count > 0) throw Invalid(text, text.Length, "path ends with '.'");
        return new YamlPath(segments);
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;

    private static FormatException Invalid(string text, int at, string why) =>
        new($"invalid path '{text}' at character {at + 1}: {why}");

    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var s in Segments)
        {
            if (s is KeySegment && sb.Length > 0) sb.Append('.');
            sb.Append(s);
        }
        return sb.ToString();
    }

    public bool Equals(YamlPath? other) => other is not null && Segments.SequenceEqual(other.Segments);
    public override bool Equals(object? obj) => Equals(obj as YamlPath);
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}
