namespace ManifestGen.Charts.Analysis;

/// <summary>What one abstract value of <see cref="ValueFlow"/> may be.</summary>
internal enum AtomKind : byte
{
    /// <summary>Something that holds no chart values: a number, a boolean, a string computed at render time.</summary>
    Unknown,
    /// <summary>The top-level context of a chart's templates (<c>$</c>): <c>.Values</c>, <c>.Release</c>, <c>.Chart</c>.</summary>
    Context,
    /// <summary>A place in the values (a path of keys from the root chart's values; a key may be <see cref="ValueTree.Each"/>).</summary>
    Place,
    /// <summary>A map or list the templates built (<c>dict</c>, <c>list</c>, <c>append</c>), one per command that builds it.</summary>
    Map,
    /// <summary>A string literal of the templates (a key handed to <c>get</c> or <c>dig</c> through a variable or a dict).</summary>
    Text,
    /// <summary>The YAML (or JSON) text of values (<c>toYaml</c> at one command): <c>fromYaml</c> gives them back.</summary>
    Yaml,
    /// <summary>What one call of a named template wrote: <c>include … | fromYaml</c> gives back the values it wrote as YAML.</summary>
    Output,
    /// <summary>A whole number of the templates (<c>index $args 0</c>): a position in a list they built.</summary>
    Index,
    /// <summary>A chart's <c>.Template</c> (by its scope): its <c>BasePath</c> names the chart's template files.</summary>
    TemplateInfo,
    /// <summary>The key of one range over a map of the values (<c>range $key, $item := .Values.x</c>), by the range's command.</summary>
    Key,
}

internal readonly record struct Atom(AtomKind Kind, int Id)
{
    public static readonly Atom Unknown = new(AtomKind.Unknown, 0);

    /// <summary>A string that may carry values as YAML text.</summary>
    public bool IsText => Kind is AtomKind.Yaml or AtomKind.Output;
}

/// <summary>An immutable set of atoms, sorted: the values an expression may stand for.</summary>
internal readonly struct AtomSet : IEquatable<AtomSet>
{
    private readonly Atom[]? atoms;

    private AtomSet(Atom[] atoms) => this.atoms = atoms;

    public static readonly AtomSet Empty = new([]);
    public static readonly AtomSet Unknown = new([Atom.Unknown]);

    public static AtomSet Of(Atom atom) => new([atom]);

    public static AtomSet Of(IEnumerable<Atom> atoms)
    {
        var array = atoms.Distinct().ToArray();
        Array.Sort(array, Compare);
        return new AtomSet(array);
    }

    public ReadOnlySpan<Atom> Atoms => atoms ?? [];

    public int Count => atoms?.Length ?? 0;

    public bool IsEmpty => Count == 0;

    /// <summary>Unknown when empty: an expression always stands for something.</summary>
    public AtomSet OrUnknown() => IsEmpty ? Unknown : this;

    public AtomSet Union(AtomSet other)
    {
        if (other.Count == 0) return this;
        if (Count == 0) return other;
        var a = Atoms;
        var b = other.Atoms;
        var merged = new Atom[a.Length + b.Length];
        int i = 0, j = 0, n = 0;
        while (i < a.Length || j < b.Length)
        {
            var c = i >= a.Length ? 1 : j >= b.Length ? -1 : Compare(a[i], b[j]);
            merged[n++] = c <= 0 ? a[i] : b[j];
            if (c <= 0) i++;
            if (c >= 0) j++;
        }
        if (n == a.Length) return this;
        if (n == b.Length) return other;
        Array.Resize(ref merged, n);
        return new AtomSet(merged);
    }

    public AtomSet Where(Func<Atom, bool> keep) => Of(Atoms.ToArray().Where(keep));

    private static int Compare(Atom a, Atom b) => a.Kind != b.Kind ? a.Kind.CompareTo(b.Kind) : a.Id.CompareTo(b.Id);

    public bool Equals(AtomSet other) => Atoms.SequenceEqual(other.Atoms);

    public override bool Equals(object? obj) => obj is AtomSet other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var atom in Atoms) hash.Add(atom);
        return hash.ToHashCode();
    }
}
