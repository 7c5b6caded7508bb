using System.Text;
using ManifestGen.Yaml;

namespace ManifestGen.Charts;

/// <summary>What a value path is in one release: read or not, and if not, the first key nothing reads.</summary>
/// <param name="UnknownAt">When not read: the index of the first key of the path that is not a key of its parent.</param>
/// <param name="Kind">The kind of the place the whole path names, when the chart has that place itself (null below a leaf or a free map).</param>
public readonly record struct ValueAnswer(bool IsRead, int UnknownAt, ValueKind? Kind, string? Default);

/// <summary>
/// Every release of one chart the tool knows, and for each value path the releases it holds for: one trie of keys,
/// each place with its kind and default per set of releases. Asking about one release walks the trie; nothing is
/// built per release. It is written to and read from the compact text form of the built-in data
/// (<see cref="Write"/>, <see cref="Read"/>): one line a place, with the release ranges it holds for.
/// </summary>
public sealed class ChartValues
{
    private readonly List<ChartRelease> releases = [];
    private readonly Node root = new();

    public ChartValues(string chart) => Chart = chart;

    public string Chart { get; }

    /// <summary>The releases in the order they were added (their index).</summary>
    public IReadOnlyList<ChartRelease> Releases => releases;

    private sealed class Node
    {
        public Dictionary<string, Node>? Children;
        public readonly List<Entry> Entries = [];

        public Entry? At(int release)
        {
            foreach (var e in Entries)
                if (e.Releases.Contains(release)) return e;
            return null;
        }
    }

    private sealed class Entry(ValueKind kind, string? defaultText)
    {
        public ValueKind Kind { get; } = kind;
        public string? Default { get; } = defaultText;
        public ReleaseSet Releases { get; } = new();
    }

    /// <summary>Adds a release and its tree; returns its index.</summary>
    public int Add(ChartRelease release, ValueNode tree)
    {
        var index = releases.Count;
        releases.Add(release);
        AddChildren(root, tree, index);
        return index;
    }

    private static void AddChildren(Node node, ValueNode tree, int index)
    {
        foreach (var (key, child) in tree.Children)
        {
            node.Children ??= new Dictionary<string, Node>(StringComparer.Ordinal);
            if (!node.Children.TryGetValue(key, out var target)) node.Children[key] = target = new Node();
            Mark(target, child.Kind, child.Default, index);
            if (child.Kind == ValueKind.Map) AddChildren(target, child, index);
        }
    }

    private static void Mark(Node node, ValueKind kind, string? defaultText, int index)
    {
        var entry = node.Entries.FirstOrDefault(e => e.Kind == kind && e.Default == defaultText);
        if (entry is null) node.Entries.Add(entry = new Entry(kind, defaultText));
        entry.Releases.Add(index);
    }

    /// <summary>The index of the release with this id, or -1.</summary>
    public int IndexOf(SemanticVersion id)
    {
        for (var i = 0; i < releases.Count; i++)
            if (releases[i].Id.Equals(id)) return i;
        return -1;
    }

    /// <summary>Whether <paramref name="release"/> reads <paramref name="path"/>, and where it stops reading if not.</summary>
    public ValueAnswer Check(int release, IReadOnlyList<string> path)
    {
        var node = root;
        for (var i = 0; i < path.Count; i++)
        {
            if (node.Children is null || !node.Children.TryGetValue(path[i], out var child) || child.At(release) is not { } entry)
                return new ValueAnswer(false, i, null, null);
            if (entry.Kind != ValueKind.Map)
                return i == path.Count - 1 ? new ValueAnswer(true, -1, entry.Kind, entry.Default) : new ValueAnswer(true, -1, null, null);
            node = child;
            if (i == path.Count - 1) return new ValueAnswer(true, -1, entry.Kind, entry.Default);
        }
        return new ValueAnswer(true, -1, ValueKind.Map, null);
    }

    /// <summary>The keys the release has under a map (empty when the path is not a map there).</summary>
    public IReadOnlyList<string> Keys(int release, IReadOnlyList<string> parent)
    {
        var node = Find(release, parent);
        if (node?.Children is null) return [];
        return node.Children.Where(c => c.Value.At(release) is not null).Select(c => c.Key).Order(StringComparer.Ordinal).ToList();
    }

    private Node? Find(int release, IReadOnlyList<string> path)
    {
        var node = root;
        foreach (var key in path)
        {
            if (node.Children is null || !node.Children.TryGetValue(key, out var child) || child.At(release) is not { Kind: ValueKind.Map }) return null;
            node = child;
        }
        return node;
    }

    /// <summary>Every place of the release whose last key is <paramref name="key"/> (ignoring case when asked), shortest first.</summary>
    public IReadOnlyList<string[]> PathsEndingWith(int release, string key, bool ignoreCase)
    {
        var found = new List<string[]>();
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        void Walk(Node node, List<string> path)
        {
            if (node.Children is null) return;
            foreach (var (k, child) in node.Children)
            {
                if (child.At(release) is not { } entry) continue;
                path.Add(k);
                if (string.Equals(k, key, comparison)) found.Add([.. path]);
                if (entry.Kind == ValueKind.Map) Walk(child, path);
                path.RemoveAt(path.Count - 1);
            }
        }
        Walk(root, []);
        return found.OrderBy(p => p.Length).ThenBy(p => string.Join('.', p), StringComparer.Ordinal).ToList();
    }

    /// <summary>The releases that read <paramref name="path"/> (at a place of their own, or below one of their leaves or free maps).</summary>
    public ReleaseSet ReadBy(IReadOnlyList<string> path)
    {
        var result = new ReleaseSet(releases.Count);
        var alive = ReleaseSet.All(releases.Count);
        var node = root;
        for (var i = 0; i < path.Count && !alive.IsEmpty; i++)
        {
            if (node.Children is null || !node.Children.TryGetValue(path[i], out var child)) return result;
            var present = new ReleaseSet(releases.Count);
            var covering = new ReleaseSet(releases.Count);
            foreach (var e in child.Entries)
            {
                present = present.Union(e.Releases);
                if (e.Kind != ValueKind.Map) covering = covering.Union(e.Releases);
            }
            alive = alive.Intersect(present);
            // A leaf or a free map here reads everything below it.
            result = result.Union(alive.Intersect(covering));
            alive = alive.Except(covering);
            node = child;
        }
        return result.Union(alive);
    }

    // ----- the compact text form of the built-in data -----

    public const string Header =
        "# <auto-generated>\n" +
        "#   Written by `manifestgen chart-data` from the chart archives and folders named on each release line; do not edit.\n" +
        "#   Each line after the releases is one place of the chart's values: its path, its kind (m: a map whose keys the\n" +
        "#   chart reads one by one, f: a free map, l: a leaf), the releases it holds for, and its default when it has one.\n" +
        "#   See docs/architecture.md, \"Adding a chart release\".\n" +
        "# </auto-generated>\n";

    /// <summary>The compact text form; releases must have been added in version order.</summary>
    public string Write()
    {
        var sorted = releases.Select((r, i) => (r, i)).OrderBy(p => p.r.Id).ToList();
        if (!sorted.Select(p => p.i).SequenceEqual(Enumerable.Range(0, releases.Count)))
            throw new InvalidOperationException("releases must be added in version order");
        var sb = new StringBuilder(Header);
        sb.Append("chart\t").Append(Chart).Append('\n');
        foreach (var r in releases)
            sb.Append("release\t").Append(r.Id.Text).Append('\t').Append(r.ChartVersion.Text).Append('\t').Append(r.AppVersion ?? "-")
              .Append('\t').Append(r.Source).Append('\n');
        WriteNode(sb, root, []);
        return sb.ToString();
    }

    private void WriteNode(StringBuilder sb, Node node, List<string> path)
    {
        if (node.Children is null) return;
        foreach (var (key, child) in node.Children.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            path.Add(key);
            var text = YamlPath.Keys([.. path]).ToString();
            foreach (var e in child.Entries.OrderBy(e => e.Releases.Indices().First()))
            {
                sb.Append(text).Append('\t').Append(e.Kind switch { ValueKind.Map => 'm', ValueKind.FreeMap => 'f', _ => 'l' })
                  .Append('\t').Append(Ranges(e.Releases));
                if (e.Default is not null) sb.Append('\t').Append(e.Default);
                sb.Append('\n');
            }
            WriteNode(sb, child, path);
            path.RemoveAt(path.Count - 1);
        }
    }

    /// <summary><c>1.13.0..1.16.19,1.17.2</c>; a run to the newest release is open: <c>1.18.0..</c>.</summary>
    private string Ranges(ReleaseSet set)
    {
        var parts = new List<string>();
        var indices = set.Indices().ToList();
        for (var i = 0; i < indices.Count;)
        {
            var j = i;
            while (j + 1 < indices.Count && indices[j + 1] == indices[j] + 1) j++;
            var from = releases[indices[i]].Id.Text;
            parts.Add(indices[j] == releases.Count - 1 && j > i ? from + ".."
                : j == i ? from
                : from + ".." + releases[indices[j]].Id.Text);
            i = j + 1;
        }
        return string.Join(',', parts);
    }

    /// <summary>Reads the compact text form.</summary>
    public static ChartValues Read(string text, string source)
    {
        ChartValues? values = null;
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            if (raw.Length == 0 || raw[0] == '#') continue;
            var fields = raw.Split('\t');
            FormatException Bad(string why) => new($"{source}:{lineNumber}: {why}");
            if (fields[0] == "chart")
            {
                values = new ChartValues(fields[1]);
                continue;
            }
            if (values is null) throw Bad("data before the chart line");
            if (fields[0] == "release")
            {
                if (fields.Length < 5) throw Bad("a release line has five fields");
                var id = SemanticVersion.TryParse(fields[1]) ?? throw Bad($"release '{fields[1]}' is not a version");
                var version = SemanticVersion.TryParse(fields[2]) ?? throw Bad($"chart version '{fields[2]}' is not a version");
                ids[id.Text] = values.releases.Count;
                values.releases.Add(new ChartRelease(id, version, fields[3] == "-" ? null : fields[3], fields[4]));
                continue;
            }
            if (fields.Length < 3) throw Bad("a place line has a path, a kind and ranges");
            var path = YamlPath.Parse(fields[0]).Segments.Select(s => ((KeySegment)s).Key).ToList();
            var kind = fields[1] switch { "m" => ValueKind.Map, "f" => ValueKind.FreeMap, "l" => ValueKind.Leaf, _ => throw Bad($"kind '{fields[1]}'") };
            var node = values.root;
            foreach (var key in path)
            {
                node.Children ??= new Dictionary<string, Node>(StringComparer.Ordinal);
                if (!node.Children.TryGetValue(key, out var child)) node.Children[key] = child = new Node();
                node = child;
            }
            var entry = new Entry(kind, fields.Length > 3 ? string.Join('\t', fields.Skip(3)) : null);
            foreach (var range in fields[2].Split(','))
            {
                var dots = range.IndexOf("..", StringComparison.Ordinal);
                var from = dots < 0 ? range : range[..dots];
                var to = dots < 0 ? range : range[(dots + 2)..];
                if (!ids.TryGetValue(from, out var a)) throw Bad($"unknown release '{from}'");
                var b = to.Length == 0 ? values.releases.Count - 1 : ids.TryGetValue(to, out var t) ? t : throw Bad($"unknown release '{to}'");
                for (var i = a; i <= b; i++) entry.Releases.Add(i);
            }
            node.Entries.Add(entry);
        }
        return values ?? throw new FormatException($"{source}: no chart line");
    }
}
