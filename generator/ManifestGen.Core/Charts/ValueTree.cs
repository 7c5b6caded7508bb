using System.Text.RegularExpressions;

namespace ManifestGen.Charts;

/// <summary>How a place in a chart's values takes what a user writes below it.</summary>
public enum ValueKind : byte
{
    /// <summary>A mapping whose keys the chart reads one by one: any other key below it is read by nothing.</summary>
    Map = 0,
    /// <summary>A mapping users fill freely (<c>{}</c> by default, a schema object without properties, a
    /// Kubernetes-typed field such as <c>nodeSelector</c>, or a subtree a template reads whole): every key below it
    /// is read.</summary>
    FreeMap = 1,
    /// <summary>A scalar, a list or a <c>null</c> default: the chart reads the value whole, so anything written
    /// below it is taken as it is.</summary>
    Leaf = 2,
}

/// <summary>What a value path is in one release: read or not, and if not, the first key nothing reads.</summary>
/// <param name="UnknownAt">When not read: the index of the first key of the path that is not a key of its parent.</param>
/// <param name="Kind">The kind of the place the whole path names, when the chart has that place itself (null below a leaf or a free map).</param>
public readonly record struct ValueAnswer(bool IsRead, int UnknownAt, ValueKind? Kind, string? Default);

/// <summary>The keys a schema object with <c>additionalProperties: false</c> allows: Helm refuses any other.</summary>
public sealed record SchemaKeys(IReadOnlyList<string> Names, IReadOnlyList<string> Patterns)
{
    public bool Allows(string key)
    {
        if (Names.Contains(key)) return true;
        foreach (var pattern in Patterns)
        {
            try
            {
                if (Regex.IsMatch(key, pattern, RegexOptions.ECMAScript | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100))) return true;
            }
            catch (ArgumentException)
            {
                return true; // a pattern this engine cannot read: the key may match it
            }
            catch (RegexMatchTimeoutException)
            {
                return true;
            }
        }
        return false;
    }
}

/// <summary>One place of one release's value tree. Immutable: a release's tree is shared by every reader of a run.</summary>
public sealed class ValuePlace
{
    private static readonly IReadOnlyDictionary<string, ValuePlace> None = new SortedDictionary<string, ValuePlace>(StringComparer.Ordinal);

    public ValuePlace(ValueKind kind, string? defaultText, IReadOnlyDictionary<string, ValuePlace>? children = null, ValuePlace? each = null,
        SchemaKeys? allowed = null)
    {
        Kind = kind;
        Default = defaultText;
        Children = children ?? None;
        Each = each;
        Allowed = allowed;
    }

    public ValueKind Kind { get; }

    /// <summary>The chart's default as YAML text (<c>524288</c>, <c>"6h"</c>, <c>{}</c>), or null when it has none.</summary>
    public string? Default { get; }

    /// <summary>The keys the chart reads or declares here (a <see cref="ValueKind.Map"/> only).</summary>
    public IReadOnlyDictionary<string, ValuePlace> Children { get; }

    /// <summary>The place every key takes in a map of user-chosen names (<c>controllers.&lt;name&gt;</c>, a map a
    /// template ranges over), or null.</summary>
    public ValuePlace? Each { get; }

    /// <summary>The keys the chart's schema allows here, when it allows no others; null when it allows any.</summary>
    public SchemaKeys? Allowed { get; }

    /// <summary>The places a key below this one reaches: its own place and the place of every user-chosen name.</summary>
    public void Step(string key, List<ValuePlace> into)
    {
        if (Children.TryGetValue(key, out var child)) into.Add(child);
        if (Each is not null) into.Add(Each);
    }
}

/// <summary>
/// One release's value tree: what each place of its values is (<see cref="ValuePlace"/>), and the notes of what its
/// analysis could not check (a dependency its package lacks). A user's key is read when any place it reaches reads
/// it: its own key, or the place of a map of user-chosen names.
/// </summary>
public sealed class ValueTree(ValuePlace root, IReadOnlyList<string> notes)
{
    /// <summary>In a path of places: any key of a map of user-chosen names. (No YAML key holds a NUL.)</summary>
    public const string Each = "\0";

    public ValuePlace Root { get; } = root;

    /// <summary>What the chart's analysis could not check, for a note beside each HelmRelease checked against it.</summary>
    public IReadOnlyList<string> Notes { get; } = notes;

    /// <summary>The places a path of keys reaches (empty when some key is read by nothing); stops below a free map or a leaf.</summary>
    public static List<ValuePlace> Step(IReadOnlyList<ValuePlace> at, string key)
    {
        var next = new List<ValuePlace>(2);
        foreach (var place in at)
            if (place.Kind == ValueKind.Map) place.Step(key, next);
        return next;
    }

    /// <summary>Whether the release reads <paramref name="path"/>, and where it stops reading if not.</summary>
    public ValueAnswer Check(IReadOnlyList<string> path)
    {
        IReadOnlyList<ValuePlace> at = [Root];
        for (var i = 0; i < path.Count; i++)
        {
            // Below a leaf or a free map everything is read.
            if (at.Any(p => p.Kind != ValueKind.Map)) return new ValueAnswer(true, -1, null, null);
            var next = Step(at, path[i]);
            if (next.Count == 0) return new ValueAnswer(false, i, null, null);
            at = next;
        }
        var kind = at.Any(p => p.Kind == ValueKind.FreeMap) ? ValueKind.FreeMap : at.Any(p => p.Kind == ValueKind.Leaf) ? ValueKind.Leaf : ValueKind.Map;
        return new ValueAnswer(true, -1, kind, at.Select(p => p.Default).FirstOrDefault(d => d is not null));
    }

    /// <summary>The keys the release names under a map, the user-chosen names' place aside (empty when the path is not a map there).</summary>
    public IReadOnlyList<string> Keys(IReadOnlyList<string> parent)
    {
        IReadOnlyList<ValuePlace> at = [Root];
        foreach (var key in parent)
        {
            at = Step(at, key);
            if (at.Count == 0) return [];
        }
        return at.Where(p => p.Kind == ValueKind.Map).SelectMany(p => p.Children.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Every place of the release whose last key is <paramref name="key"/> (ignoring case when asked), shortest
    /// first; a map of user-chosen names appears as <see cref="Each"/> in the paths.</summary>
    public IReadOnlyList<string[]> PathsEndingWith(string key, bool ignoreCase)
    {
        var found = new List<string[]>();
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        void Walk(ValuePlace node, List<string> path)
        {
            if (node.Kind != ValueKind.Map || path.Count > 32) return;
            foreach (var (k, child) in node.Children)
            {
                path.Add(k);
                if (string.Equals(k, key, comparison)) found.Add([.. path]);
                Walk(child, path);
                path.RemoveAt(path.Count - 1);
            }
            if (node.Each is { } each)
            {
                path.Add(Each);
                Walk(each, path);
                path.RemoveAt(path.Count - 1);
            }
        }
        Walk(Root, []);
        return found.OrderBy(p => p.Length).ThenBy(p => string.Join('.', p), StringComparer.Ordinal).ToList();
    }

    /// <summary>Whether the chart names the last key of <paramref name="path"/> itself (not only as a user-chosen name)
    /// at a place the keys before it reach.</summary>
    public bool Names(IReadOnlyList<string> path)
    {
        if (path.Count == 0) return true;
        IReadOnlyList<ValuePlace> at = [Root];
        for (var i = 0; i < path.Count - 1; i++)
        {
            at = Step(at, path[i]);
            if (at.Count == 0) return false;
        }
        return at.Any(p => p.Kind == ValueKind.Map && p.Children.ContainsKey(path[^1]));
    }
}
