using System.Collections.Concurrent;
using System.Text;
using ManifestGen.Yaml;

namespace ManifestGen.Charts;

/// <summary>What a value path is in one release: read or not, and if not, the first key nothing reads.</summary>
/// <param name="UnknownAt">When not read: the index of the first key of the path that is not a key of its parent.</param>
/// <param name="Kind">The kind of the place the whole path names, when the chart has that place itself (null below a leaf or a free map).</param>
public readonly record struct ValueAnswer(bool IsRead, int UnknownAt, ValueKind? Kind, string? Default);

/// <summary>
/// Every release of one chart the tool knows, and for each value path the releases it holds for. Its compact text
/// form (<see cref="Write"/>, <see cref="Read"/>) is one line a place: the path, its kind, the release ranges it holds
/// for, its default. Questions about one release (<see cref="Check"/>, <see cref="Keys"/>) decode that release alone,
/// once; the trie of all releases is built only for a question across releases (<see cref="ReadBy"/>: when did a key
/// come or go), which only a finding asks.
/// </summary>
public sealed class ChartValues
{
    private readonly List<ChartRelease> releases = [];
    private readonly string? text;
    private readonly string source;
    private Node? trie;
    private readonly object gate = new();
    private readonly ConcurrentDictionary<int, Lazy<Place>> trees = new();

    public ChartValues(string chart, string source = "")
    {
        Chart = chart;
        this.source = source;
        trie = new Node();
    }

    private ChartValues(string chart, string source, string text, List<ChartRelease> releases)
    {
        Chart = chart;
        this.source = source;
        this.text = text;
        this.releases = releases;
    }

    public string Chart { get; }

    /// <summary>The releases in the order they were added (their index).</summary>
    public IReadOnlyList<ChartRelease> Releases => releases;

    // ----- one release: a plain tree -----

    /// <summary>
    /// One place of one release. A top-level map read from the text keeps its subtree's lines pending until something
    /// asks for its children: a run that looks at twenty of Cilium's 250 top-level keys decodes those twenty.
    /// </summary>
    private sealed class Place(ValueKind kind, string? defaultText)
    {
        private Dictionary<string, Place>? children;
        // Volatile, and cleared only after the decode has filled the children: a fleet's clusters read one release
        // from several threads, and a reader that sees no pending decode must see the children whole.
        private volatile Action<Place>? pending;

        public ValueKind Kind { get; } = kind;
        public string? Default { get; } = defaultText;

        public Dictionary<string, Place>? Children
        {
            get
            {
                if (pending is not null)
                    lock (this)
                        if (pending is { } decode)
                        {
                            decode(this);
                            pending = null;
                        }
                return children;
            }
        }

        public Dictionary<string, Place> Open() => children ??= new Dictionary<string, Place>(StringComparer.Ordinal);

        public void Later(Action<Place> decode) => pending = decode;
    }

    private Place Tree(int release) =>
        trees.GetOrAdd(release, r => new Lazy<Place>(() => text is not null ? Decode(r) : FromTrie(r))).Value;

    /// <summary>Whether <paramref name="release"/> reads <paramref name="path"/>, and where it stops reading if not.</summary>
    public ValueAnswer Check(int release, IReadOnlyList<string> path)
    {
        var node = Tree(release);
        for (var i = 0; i < path.Count; i++)
        {
            if (node.Children is null || !node.Children.TryGetValue(path[i], out var child)) return new ValueAnswer(false, i, null, null);
            if (child.Kind != ValueKind.Map)
                return i == path.Count - 1 ? new ValueAnswer(true, -1, child.Kind, child.Default) : new ValueAnswer(true, -1, null, null);
            node = child;
        }
        return new ValueAnswer(true, -1, node.Kind, node.Default);
    }

    /// <summary>The keys the release has under a map (empty when the path is not a map there).</summary>
    public IReadOnlyList<string> Keys(int release, IReadOnlyList<string> parent)
    {
        var node = Tree(release);
        foreach (var key in parent)
            if (node.Children is null || !node.Children.TryGetValue(key, out node) || node.Kind != ValueKind.Map) return [];
        return node.Children?.Keys.Order(StringComparer.Ordinal).ToList() ?? [];
    }

    /// <summary>Every place of the release whose last key is <paramref name="key"/> (ignoring case when asked), shortest first.</summary>
    public IReadOnlyList<string[]> PathsEndingWith(int release, string key, bool ignoreCase)
    {
        var found = new List<string[]>();
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        void Walk(Place node, List<string> path)
        {
            if (node.Children is null) return;
            foreach (var (k, child) in node.Children)
            {
                path.Add(k);
                if (string.Equals(k, key, comparison)) found.Add([.. path]);
                if (child.Kind == ValueKind.Map) Walk(child, path);
                path.RemoveAt(path.Count - 1);
            }
        }
        Walk(Tree(release), []);
        return found.OrderBy(p => p.Length).ThenBy(p => string.Join('.', p), StringComparer.Ordinal).ToList();
    }

    // ----- every release: a trie of places, each with its kinds and defaults per set of releases -----

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

    private Node Trie()
    {
        lock (gate) return trie ??= DecodeAll();
    }

    /// <summary>Adds a release and its tree; returns its index.</summary>
    public int Add(ChartRelease release, ValueNode tree)
    {
        var root = Trie();
        var index = releases.Count;
        releases.Add(release);
        AddChildren(root, tree, index);
        trees.TryRemove(index, out _);
        return index;
    }

    private static void AddChildren(Node node, ValueNode tree, int index)
    {
        foreach (var (key, child) in tree.Children)
        {
            node.Children ??= new Dictionary<string, Node>(StringComparer.Ordinal);
            if (!node.Children.TryGetValue(key, out var target)) node.Children[key] = target = new Node();
            var entry = target.Entries.FirstOrDefault(e => e.Kind == child.Kind && e.Default == child.Default);
            if (entry is null) target.Entries.Add(entry = new Entry(child.Kind, child.Default));
            entry.Releases.Add(index);
            if (child.Kind == ValueKind.Map) AddChildren(target, child, index);
        }
    }

    private Place FromTrie(int release)
    {
        var root = new Place(ValueKind.Map, null);
        void Copy(Node from, Place to)
        {
            if (from.Children is null) return;
            foreach (var (key, child) in from.Children)
            {
                if (child.At(release) is not { } entry) continue;
                var place = new Place(entry.Kind, entry.Default);
                to.Open()[key] = place;
                if (entry.Kind == ValueKind.Map) Copy(child, place);
            }
        }
        Copy(Trie(), root);
        return root;
    }

    /// <summary>The index of the release with this id, or -1.</summary>
    public int IndexOf(SemanticVersion id)
    {
        for (var i = 0; i < releases.Count; i++)
            if (releases[i].Id.Equals(id)) return i;
        return -1;
    }

    /// <summary>The releases that read <paramref name="path"/> (at a place of their own, or below one of their leaves or free maps).</summary>
    public ReleaseSet ReadBy(IReadOnlyList<string> path)
    {
        var levels = text is not null ? EntriesFromText(path) : EntriesFromTrie(path);
        var result = new ReleaseSet(releases.Count);
        var alive = ReleaseSet.All(releases.Count);
        for (var i = 0; i < path.Count && !alive.IsEmpty; i++)
        {
            if (i >= levels.Count || levels[i].Count == 0) return result;
            var present = new ReleaseSet(releases.Count);
            var covering = new ReleaseSet(releases.Count);
            foreach (var e in levels[i])
            {
                present = present.Union(e.Releases);
                if (e.Kind != ValueKind.Map) covering = covering.Union(e.Releases);
            }
            alive = alive.Intersect(present);
            // A leaf or a free map here reads everything below it.
            result = result.Union(alive.Intersect(covering));
            alive = alive.Except(covering);
        }
        return result.Union(alive);
    }

    /// <summary>The entries of each prefix of a path, from the trie.</summary>
    private List<List<Entry>> EntriesFromTrie(IReadOnlyList<string> path)
    {
        var levels = new List<List<Entry>>();
        var node = Trie();
        foreach (var key in path)
        {
            if (node.Children is null || !node.Children.TryGetValue(key, out var child)) break;
            levels.Add(child.Entries);
            node = child;
        }
        return levels;
    }

    /// <summary>The entries of each prefix of a path, from the lines that name those prefixes: one pass, no trie.</summary>
    private List<List<Entry>> EntriesFromText(IReadOnlyList<string> path)
    {
        var prefixes = Enumerable.Range(1, path.Count).Select(n => YamlPath.Keys([.. path.Take(n)]).ToString()).ToList();
        var levels = prefixes.Select(_ => new List<Entry>()).ToList();
        // Every line naming a prefix lies in the lines of the path's top-level key.
        if (path.Count == 0 || TopLevel().FirstOrDefault(t => t.Key == path[0]) is not { } top) return levels;
        Places(top.Start, top.SubtreeEnd, (line, _, kind, ranges, defaultText) =>
        {
            for (var i = 0; i < prefixes.Count; i++)
            {
                if (!line.SequenceEqual(prefixes[i])) continue;
                var entry = new Entry(kind, DefaultOf(defaultText));
                foreach (var (a, b) in RangeIndices(ranges))
                    for (var r = a; r <= b; r++) entry.Releases.Add(r);
                levels[i].Add(entry);
            }
        });
        return levels;
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
        WriteNode(sb, Trie(), []);
        return sb.ToString();
    }

    private void WriteNode(StringBuilder sb, Node node, List<string> path)
    {
        if (node.Children is null) return;
        foreach (var (key, child) in node.Children.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            path.Add(key);
            var pathText = YamlPath.Keys([.. path]).ToString();
            foreach (var e in child.Entries.OrderBy(e => e.Releases.Indices().First()))
            {
                sb.Append(pathText).Append('\t').Append(e.Kind switch { ValueKind.Map => 'm', ValueKind.FreeMap => 'f', _ => 'l' })
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

    /// <summary>Reads the compact text form: the chart and its releases now, the places of a release when it is asked about.</summary>
    public static ChartValues Read(string text, string source)
    {
        string? chart = null;
        var releases = new List<ChartRelease>();
        var lineNumber = 0;
        // The header lines only: the place lines are read when a release is asked about.
        for (var start = 0; start < text.Length;)
        {
            lineNumber++;
            var end = text.IndexOf('\n', start);
            if (end < 0) end = text.Length;
            var line = text.AsSpan(start, end - start);
            start = end + 1;
            if (line.Length == 0 || line[0] == '#') continue;
            if (line.StartsWith("chart\t")) { chart = line[6..].ToString(); continue; }
            if (!line.StartsWith("release\t")) break;
            var fields = line.ToString().Split('\t');
            if (fields.Length < 5) throw Bad(source, lineNumber, "a release line has five fields");
            var id = SemanticVersion.TryParse(fields[1]) ?? throw Bad(source, lineNumber, $"release '{fields[1]}' is not a version");
            var version = SemanticVersion.TryParse(fields[2]) ?? throw Bad(source, lineNumber, $"chart version '{fields[2]}' is not a version");
            releases.Add(new ChartRelease(id, version, fields[3] == "-" ? null : fields[3], fields[4]));
        }
        if (chart is null) throw new FormatException($"{source}: no chart line");
        // The data is generated, and a test reads it back whole: the place lines need no check here.
        return new ChartValues(chart, source, text, releases);
    }

    private static FormatException Bad(string source, int line, string why) => new($"{source}:{line}: {why}");

    /// <summary>
    /// One release's places, straight from the text: only the lines whose ranges hold it become nodes, and below the
    /// top level only when asked. The lines come parents first (the writer walks the trie depth first): a top-level
    /// key's subtree is the run of lines up to the next top-level key, and a stack of the open maps finds each line's
    /// parent without splitting its path.
    /// </summary>
    private Place Decode(int release)
    {
        var root = new Place(ValueKind.Map, null);
        foreach (var top in TopLevel())
        {
            Place? place = null;
            Places(top.Start, top.SubtreeStart, (path, _, kind, ranges, defaultText) =>
            {
                if (Covers(ranges, release)) place = new Place(kind, DefaultOf(defaultText));
            });
            if (place is null) continue;
            root.Open()[top.Key] = place;
            if (place.Kind == ValueKind.Map && top.SubtreeEnd > top.SubtreeStart)
                place.Later(p => DecodeSubtree(p, release, top.PathStart, top.PathLength, top.SubtreeStart, top.SubtreeEnd));
        }
        return root;
    }

    private void DecodeSubtree(Place top, int release, int topStart, int topLength, int from, int to)
    {
        var all = text!;
        var open = new List<(int Start, int Length, Place Node)> { (topStart, topLength, top) };
        Places(from, to, (path, pathStart, kind, ranges, defaultText) =>
        {
            if (!Covers(ranges, release)) return;
            while (open.Count > 0 && !IsParent(all, open[^1].Start, open[^1].Length, pathStart, path.Length)) open.RemoveAt(open.Count - 1);
            if (open.Count == 0) return;
            var keySpan = path[(open[^1].Length + 1)..];
            string key;
            if (keySpan.IndexOf('"') >= 0) key = ((KeySegment)YamlPath.Parse(keySpan.ToString()).Segments[0]).Key;
            else if (keySpan.IndexOf('.') >= 0) return; // below a map this release does not have: not in written data
            else key = keySpan.ToString();
            var place = new Place(kind, DefaultOf(defaultText));
            open[^1].Node.Open()[key] = place;
            if (kind == ValueKind.Map) open.Add((pathStart, path.Length, place));
        });
    }

    /// <summary>A top-level key's lines: its own (<see cref="Start"/> to <see cref="SubtreeStart"/>), then its subtree's.</summary>
    private sealed record TopKey(string Key, int Start, int PathStart, int PathLength, int SubtreeStart, int SubtreeEnd);

    private List<TopKey>? topLevel;

    private List<TopKey> TopLevel()
    {
        lock (gate)
        {
            if (topLevel is not null) return topLevel;
            // One lean pass: a line's path ends at its first tab, and a top-level line's path has no dot outside quotes.
            var keys = new List<TopKey>();
            var all = text!;
            string? current = null;
            int start = 0, pathLength = 0, subtree = -1;
            void Close(int end)
            {
                if (current is not null) keys.Add(new TopKey(current, start, start, pathLength, subtree < 0 ? end : subtree, end));
            }
            for (var at = 0; at < all.Length;)
            {
                var end = all.IndexOf('\n', at);
                if (end < 0) end = all.Length;
                var line = all.AsSpan(at, end - at);
                var lineStart = at;
                at = end + 1;
                if (line.Length == 0 || line[0] == '#' || line.StartsWith("chart\t") || line.StartsWith("release\t")) continue;
                var tab = line.IndexOf('\t');
                if (tab < 0) continue;
                var path = line[..tab];
                var quoted = path[0] == '"';
                var topEnd = quoted ? path[1..].IndexOf('"') + 2 : path.IndexOf('.');
                if (topEnd < 0 || topEnd >= path.Length)
                {
                    // A line of a top-level key: a new key, or another entry of the current one.
                    if (current is not null && subtree < 0 && path.SequenceEqual(all.AsSpan(start, pathLength))) continue;
                    Close(lineStart);
                    current = quoted ? ((KeySegment)YamlPath.Parse(path.ToString()).Segments[0]).Key : path.ToString();
                    (start, pathLength, subtree) = (lineStart, path.Length, -1);
                }
                else if (subtree < 0) subtree = lineStart;
            }
            Close(all.Length);
            return topLevel = keys;
        }
    }

    private static bool IsParent(string text, int parentStart, int parentLength, int pathStart, int pathLength) =>
        parentLength < pathLength && text[pathStart + parentLength] == '.'
        && text.AsSpan(pathStart, parentLength).SequenceEqual(text.AsSpan(parentStart, parentLength));

    /// <summary>The trie of every release, from the text (for questions across releases).</summary>
    private Node DecodeAll()
    {
        var root = new Node();
        if (text is null) return root;
        Places((pathSpan, _, kind, rangesSpan, defaultText) =>
        {
            var node = root;
            foreach (var key in Segments(pathSpan))
            {
                node.Children ??= new Dictionary<string, Node>(StringComparer.Ordinal);
                if (!node.Children.TryGetValue(key, out var child)) node.Children[key] = child = new Node();
                node = child;
            }
            var entry = new Entry(kind, DefaultOf(defaultText));
            foreach (var (a, b) in RangeIndices(rangesSpan))
                for (var i = a; i <= b; i++) entry.Releases.Add(i);
            node.Entries.Add(entry);
        });
        return root;
    }

    private delegate void PlaceLine(ReadOnlySpan<char> path, int pathStart, ValueKind kind, ReadOnlySpan<char> ranges, (int At, int Length) defaultText);

    /// <summary>A place's default, copied out of the text only for the places kept.</summary>
    private string? DefaultOf((int At, int Length) d) => d.At < 0 ? null : text!.Substring(d.At, d.Length);

    /// <summary>Each place line of the text, read without copying what is not kept.</summary>
    private void Places(PlaceLine visit) => Places(0, text!.Length, visit);

    /// <summary>Each place line that starts in [<paramref name="from"/>, <paramref name="to"/>) of the text.</summary>
    private void Places(int from, int to, PlaceLine visit)
    {
        var all = text!;
        var lineNumber = 0;
        for (var start = from; start < to;)
        {
            lineNumber++;
            var end = all.IndexOf('\n', start);
            if (end < 0) end = all.Length;
            var line = all.AsSpan(start, end - start);
            var lineStart = start;
            start = end + 1;
            if (line.Length == 0 || line[0] == '#' || line.StartsWith("chart\t") || line.StartsWith("release\t")) continue;
            var t1 = line.IndexOf('\t');
            if (t1 < 0 || t1 + 2 >= line.Length || line[t1 + 2] != '\t') throw Bad(source, lineNumber, "a place line has a path, a kind and ranges");
            var kind = line[t1 + 1] switch { 'm' => ValueKind.Map, 'f' => ValueKind.FreeMap, 'l' => ValueKind.Leaf, var k => throw Bad(source, lineNumber, $"kind '{k}'") };
            var rest = line[(t1 + 3)..];
            var t3 = rest.IndexOf('\t');
            var ranges = t3 < 0 ? rest : rest[..t3];
            var defaultAt = t3 < 0 ? -1 : lineStart + t1 + 3 + t3 + 1;
            var defaultLength = line.Length - (t1 + 3 + t3 + 1);
            visit(line[..t1], lineStart, kind, ranges, (defaultAt, defaultLength));
        }
    }

    private Dictionary<string, int>? ids;

    private Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Ids()
    {
        LazyInitializer.EnsureInitialized(ref ids, () => releases.Select((r, i) => (r.Id.Text, i)).ToDictionary(p => p.Text, p => p.i, StringComparer.Ordinal));
        return ids.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private List<(int From, int To)> RangeIndices(ReadOnlySpan<char> ranges)
    {
        var result = new List<(int, int)>();
        var lookup = Ids();
        foreach (var part in ranges.Split(',')) result.Add(Range(ranges[part], lookup));
        return result;
    }

    private bool Covers(ReadOnlySpan<char> ranges, int release)
    {
        var lookup = Ids();
        foreach (var part in ranges.Split(','))
        {
            var (from, to) = Range(ranges[part], lookup);
            if (release < from) return false; // ranges are written in release order
            if (release <= to) return true;
        }
        return false;
    }

    /// <summary>One range of the text form: <c>ID</c>, <c>ID..ID</c>, or <c>ID..</c> (to the last release), as release indices.</summary>
    private (int From, int To) Range(ReadOnlySpan<char> range, Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup)
    {
        var dots = range.IndexOf("..");
        var from = dots < 0 ? range : range[..dots];
        var to = dots < 0 ? range : range[(dots + 2)..];
        if (!lookup.TryGetValue(from, out var a)) throw new FormatException($"{source}: unknown release '{from}'");
        var b = to.Length == 0 ? releases.Count - 1 : lookup.TryGetValue(to, out var t) ? t : throw new FormatException($"{source}: unknown release '{to}'");
        return (a, b);
    }

    /// <summary>The keys of a path as the data writes it (YamlPath's form: dots between keys, quotes around a key that holds one).</summary>
    private static List<string> Segments(ReadOnlySpan<char> path) =>
        path.IndexOf('"') < 0
            ? path.ToString().Split('.').ToList()
            : YamlPath.Parse(path.ToString()).Segments.Select(s => ((KeySegment)s).Key).ToList();
}
