using ManifestGen.Charts.GoTemplates;

namespace ManifestGen.Charts.Analysis;

/// <summary>One chart of a loaded chart tree as its templates see it.</summary>
/// <param name="Prefix">Where its values sit in the root chart's values (<c>[]</c> for the root, <c>[grafana]</c> for a subchart).</param>
/// <param name="Parent">The index of the chart whose <c>charts/</c> holds it, or -1 for the root.</param>
/// <param name="Rendered">The templates Helm renders with this chart's context (a library chart has none), and the
/// chart's other files that hold template actions (rendered through <c>tpl (.Files.Get …)</c>).</param>
/// <param name="BasePath">Its templates' folder as Helm names it (<c>.Template.BasePath</c>: <c>cilium/templates</c>,
/// <c>kube-prometheus-stack/charts/grafana/templates</c>); each template is named by its path below it's chart's, and can be included by it.</param>
public sealed record TemplateScope(IReadOnlyList<string> Prefix, int Parent, IReadOnlyList<ParsedTemplate> Rendered, string BasePath = "");

/// <summary>What the templates of a chart tree read of the values.</summary>
/// <param name="Reads">Every place some template reads (a key of a path may be <see cref="ValueTree.Each"/>: any key).</param>
/// <param name="Wholes">Places whose whole subtree is read (handed to <c>toYaml</c>, printed, or beyond what the analysis follows).</param>
/// <param name="GaveUp">Why the analysis stopped before it was done (a budget), or null: when set, nothing can be shown unread.</param>
public sealed record ValueFlowResult(IReadOnlyList<string[]> Reads, IReadOnlyList<string[]> Wholes, string? GaveUp);

/// <summary>
/// Which values a chart tree's templates read, by abstract interpretation of the templates as Helm renders them: one
/// template set for the whole tree (a named template is one name, whoever defines it), each chart's templates run
/// with its own context (a subchart's <c>.Values</c> is its subtree, plus the <c>global</c> its parents hand down), a
/// library chart's named templates run in whatever context they are handed.
/// <para>
/// An expression stands for a set of atoms (<see cref="AtomKind"/>): places in the values, the contexts, maps and
/// lists the templates build (one per command that builds them), string literals, and YAML text of values. Values
/// are followed through variables, <c>with</c>, <c>range</c> (a map ranged over is a map of user-chosen names: each
/// item's reads apply to every key, <see cref="ValueTree.Each"/>), <c>include</c>/<c>template</c> with any argument
/// (a named template's body runs with that argument as dot and <c>$</c>), <c>dict</c>/<c>list</c>/<c>set</c>,
/// <c>get</c>/<c>index</c>/<c>dig</c>/<c>hasKey</c>, the merges, <c>deepCopy</c>, <c>omit</c>, <c>pick</c>,
/// <c>default</c>, and YAML text: <c>toYaml</c> in a named template, then <c>include … | fromYaml</c>, gives the
/// values back. Merging into <c>.Values</c> (or <c>set . "Values" …</c>) is a write: later reads of the values read
/// what was merged in too.
/// </para>
/// <para>
/// It is sound in one direction only, the one lint needs: a place it does not report read is read by no template.
/// Whatever it cannot follow reads the whole subtree it reaches (printed, serialised, handed to an unknown function,
/// a helper name computed at render time). The state only grows, and the templates are run again until it stops
/// growing; a budget on steps, calls and rounds bounds untrusted charts, and ends the analysis with
/// <see cref="ValueFlowResult.GaveUp"/>.
/// </para>
/// </summary>
public sealed class ValueFlow
{
    public const int MaxRounds = 30;
    public const long MaxSteps = 40_000_000;
    public const int MaxCalls = 100_000;
    public const int MaxCallDepth = 300;
    public const int MaxPathLength = 48;

    private readonly IReadOnlyList<TemplateScope> scopes;
    private readonly IReadOnlyDictionary<string, NamedTemplate> defines;

    // Places: paths of keys, interned. Place 0 is the root of the values.
    private readonly List<string[]> paths = [];
    private readonly Dictionary<string, int> placeIds = new(StringComparer.Ordinal);
    private readonly Dictionary<(int Parent, string Key), int> children = [];
    private readonly int[] scopeRoots;
    private readonly Dictionary<int, int> scopeOfRoot = [];

    private readonly List<string> texts = [];
    private readonly Dictionary<string, int> textIds = new(StringComparer.Ordinal);

    private readonly HashSet<int> reads = [];
    private readonly HashSet<int> wholes = [];
    private readonly Dictionary<int, AtomSet> aliases = [];
    // The places that hold aliases, by path length: a place matches only places of its own length.
    private readonly Dictionary<int, List<int>> aliasedByLength = [];
    private readonly Dictionary<int, HeapMap> maps = [];
    // A map or YAML text is one per command and per call of the named template that runs it (a helper that builds a
    // dict for each kind of object keeps them apart); past a bound, one per command.
    private readonly Dictionary<(int Site, int Call), int> heapIds = [];
    private int call = -1;
    // The named templates being run, outermost first, each with the call its maps belong to: a recursive call builds
    // its maps in the first call's, so a recursion reaches a call it has made before and stops.
    private readonly List<(string Name, int Heap)> stack = [];
    public const int MaxHeap = 50_000;
    private readonly Dictionary<int, AtomSet> yamls = [];
    private readonly Dictionary<(string Name, AtomSet Argument, int Epoch), int> callIds = [];
    private readonly List<AtomSet> outputs = [];

    private readonly HashSet<int> calledThisRound = [];
    // What set . "Values" X made a chart's .Values in this round so far, in the order Helm renders: reads before the set
    // read the chart's values, reads after it read X too. The epoch tells calls made before a set from calls after it.
    private readonly Dictionary<int, AtomSet> contextValues = [];
    private int epoch;
    private readonly Dictionary<int, AtomSet> valuesAtCache = [];
    private long version;
    private long heap;
    // A map's field as it was at a heap version: a map that includes maps that include maps (bitnami common merges
    // values into a map a call, then into the next) is walked once, not once a read.
    private readonly Dictionary<(int Map, string Key), (long Heap, AtomSet Result)> fields = [];
    private long steps;
    private int depth;

    private sealed class HeapMap
    {
        public readonly Dictionary<string, AtomSet> Entries = new(StringComparer.Ordinal);
        public AtomSet Any = AtomSet.Empty;
        /// <summary>Maps merged into this one (or the map an omit or pick is a view of): their keys are its keys.</summary>
        public AtomSet Includes = AtomSet.Empty;
        /// <summary>An omit: keys of <see cref="Includes"/> this map does not have.</summary>
        public HashSet<string>? Except;
        /// <summary>A pick: the only keys of <see cref="Includes"/> this map has.</summary>
        public HashSet<string>? Only;

        public bool Hides(string key) => !IsWild(key) && (Except?.Contains(key) == true || Only is not null && !Only.Contains(key));
    }

    private sealed class BudgetExceeded(string why) : Exception(why);

    private ValueFlow(IReadOnlyList<TemplateScope> scopes, IReadOnlyDictionary<string, NamedTemplate> defines)
    {
        this.scopes = scopes;
        this.defines = defines;
        Intern([]);
        scopeRoots = new int[scopes.Count];
        for (var i = 0; i < scopes.Count; i++)
        {
            scopeRoots[i] = Intern([.. scopes[i].Prefix]);
            scopeOfRoot[scopeRoots[i]] = i;
        }
    }

    /// <param name="scopes">Every chart of the tree; index 0 is the root.</param>
    /// <param name="defines">The named templates of the whole tree, one per name (the one Helm keeps).</param>
    /// <param name="imports">Places of a parent's values that hold what a dependency's values hold there
    /// (<c>import-values</c>): a read of the parent's place reads the dependency's too.</param>
    public static ValueFlowResult Analyze(IReadOnlyList<TemplateScope> scopes, IReadOnlyDictionary<string, NamedTemplate> defines,
        IReadOnlyList<(string[] Parent, string[] Child)>? imports = null)
    {
        var flow = new ValueFlow(scopes, defines);
        foreach (var (parent, child) in imports ?? [])
            flow.AddAlias(flow.Intern(parent), AtomSet.Of(new Atom(AtomKind.Place, flow.Intern(child))));
        string? gaveUp = null;
        try
        {
            flow.Run();
        }
        catch (BudgetExceeded e)
        {
            gaveUp = e.Message;
        }
        // A range's key is, in the tree, a key of a map of user-chosen names.
        string[] Tree(int place) => flow.paths[place].Select(k => IsWild(k) ? ValueTree.Each : k).ToArray();
        return new ValueFlowResult(flow.reads.Select(Tree).ToList(), flow.wholes.Select(Tree).ToList(), gaveUp);
    }

    private void Run()
    {
        for (var round = 1; ; round++)
        {
            if (round > MaxRounds) throw new BudgetExceeded($"the templates' reads did not settle in {MaxRounds} rounds");
            var start = version;
            calledThisRound.Clear();
            contextValues.Clear();
            epoch = 0;
            for (var s = 0; s < scopes.Count; s++)
            {
                var context = AtomSet.Of(new Atom(AtomKind.Context, s));
                foreach (var template in scopes[s].Rendered)
                    Walk(template.Body, new Frame(context, context, new Dictionary<string, AtomSet>(StringComparer.Ordinal), Sink: -1));
            }
            if (version == start) return;
        }
    }

    // ----- interning -----

    private int Intern(string[] path)
    {
        var key = string.Join('\u0001', path);
        if (placeIds.TryGetValue(key, out var id)) return id;
        paths.Add(path);
        return placeIds[key] = paths.Count - 1;
    }

    private int Child(int place, string key)
    {
        if (children.TryGetValue((place, key), out var id)) return id;
        var path = paths[place];
        // A recursive helper that walks a subtree (traefik's yaml2CommandLineArgsRec ranges over a map and includes
        // itself with each item) would go one level deeper every round and never settle; a chart's own paths are never
        // this deep. The place stands for every place below it, and it is read whole: nothing below can be shown unread.
        if (path.Length >= MaxPathLength || IsWild(key) && WildRun(path) >= MaxWildRun)
        {
            if (wholes.Add(place)) Changed();
            return children[(place, key)] = place;
        }
        return children[(place, key)] = Intern([.. path, key]);
    }

    /// <summary>More user-chosen names in a row than this is a recursion, not a chart's values (app-template has two).</summary>
    public const int MaxWildRun = 4;

    private static int WildRun(string[] path)
    {
        var run = 0;
        for (var i = path.Length - 1; i >= 0 && IsWild(path[i]); i--) run++;
        return run;
    }

    private Atom Text(string text)
    {
        if (!textIds.TryGetValue(text, out var id))
        {
            texts.Add(text);
            textIds[text] = id = texts.Count - 1;
        }
        return new Atom(AtomKind.Text, id);
    }

    private void Step()
    {
        if (++steps > MaxSteps) throw new BudgetExceeded($"the templates' reads took more than {MaxSteps:N0} steps to follow");
    }

    private void Changed() => version++;

    /// <summary>A change to what a map or a place holds: the fields read of maps before it are stale.</summary>
    private void HeapChanged()
    {
        heap++;
        Changed();
    }

    // ----- what the state records -----

    private void MarkRead(int place)
    {
        if (reads.Add(place)) Changed();
    }

    private void MarkWhole(AtomSet values) => MarkWhole(values, []);

    private void MarkWhole(AtomSet values, HashSet<Atom> seen)
    {
        foreach (var atom in values.Atoms)
        {
            if (!seen.Add(atom)) continue;
            Step();
            switch (atom.Kind)
            {
                case AtomKind.Place:
                    if (wholes.Add(atom.Id)) Changed();
                    MarkWhole(ValuesAt(atom.Id), seen);
                    break;
                case AtomKind.Map when maps.TryGetValue(atom.Id, out var map):
                    foreach (var entry in map.Entries.Values) MarkWhole(entry, seen);
                    MarkWhole(map.Any, seen);
                    if (map.Only is { } only)
                        foreach (var key in only) MarkWhole(Field(map.Includes, key), seen);
                    else MarkWhole(map.Includes, seen);
                    break;
                case AtomKind.Yaml when yamls.TryGetValue(atom.Id, out var tags):
                    MarkWhole(tags, seen);
                    break;
                case AtomKind.Output:
                    MarkWhole(outputs[atom.Id], seen);
                    break;
                case AtomKind.Context:
                    MarkWhole(ValuesAt(scopeRoots[atom.Id]), seen);
                    break;
            }
        }
    }

    private void AddAlias(int place, AtomSet values)
    {
        values = values.Where(a => a.Kind != AtomKind.Unknown && a.Kind != AtomKind.Text && !(a.Kind == AtomKind.Place && a.Id == place));
        if (values.IsEmpty) return;
        var old = aliases.GetValueOrDefault(place);
        var merged = old.Union(values);
        if (merged.Count == old.Count) return;
        if (old.IsEmpty)
        {
            if (!aliasedByLength.TryGetValue(paths[place].Length, out var same)) aliasedByLength[paths[place].Length] = same = [];
            same.Add(place);
        }
        aliases[place] = merged;
        valuesAtCache.Clear();
        HeapChanged();
    }

    private HeapMap MapAt(int site)
    {
        if (!maps.TryGetValue(site, out var map)) maps[site] = map = new HeapMap();
        return map;
    }

    private void AddEntry(int site, string key, AtomSet value)
    {
        var map = MapAt(site);
        if (IsWild(key))
        {
            var any = map.Any.Union(value);
            if (any.Count != map.Any.Count) { map.Any = any; HeapChanged(); }
            return;
        }
        var old = map.Entries.GetValueOrDefault(key);
        var merged = old.Union(value);
        if (merged.Count == old.Count && map.Entries.ContainsKey(key)) return;
        map.Entries[key] = merged;
        HeapChanged();
    }

    private void AddIncludes(int site, AtomSet values)
    {
        var map = MapAt(site);
        var merged = map.Includes.Union(values.Where(a => a.Kind is AtomKind.Map or AtomKind.Place or AtomKind.Yaml or AtomKind.Output));
        if (merged.Count == map.Includes.Count) return;
        map.Includes = merged;
        HeapChanged();
    }

    private void AddYaml(int site, AtomSet values)
    {
        var old = yamls.GetValueOrDefault(site);
        var merged = old.Union(values);
        if (merged.Count == old.Count && yamls.ContainsKey(site)) return;
        yamls[site] = merged;
        Changed();
    }

    private void AddOutput(int call, AtomSet values)
    {
        var merged = outputs[call].Union(values);
        if (merged.Count == outputs[call].Count) return;
        outputs[call] = merged;
        Changed();
    }

    // ----- values: places and what was merged into them -----

    /// <summary>A place and everything merged or set into it (or into a place a wildcard matches), transitively.</summary>
    private AtomSet ValuesAt(int place)
    {
        if (valuesAtCache.TryGetValue(place, out var cached)) return cached;
        var result = new HashSet<Atom> { new(AtomKind.Place, place) };
        var work = new Stack<int>();
        work.Push(place);
        var seen = new HashSet<int> { place };
        while (work.Count > 0)
        {
            var current = work.Pop();
            if (!aliasedByLength.TryGetValue(paths[current].Length, out var candidates)) continue;
            foreach (var key in candidates)
            {
                if (Match(key, current) is not { } bindings) continue;
                foreach (var alias in aliases[key].Atoms)
                {
                    Step();
                    // What was set under a range's key (set $obj $key $value) is, at one key, the value at that key.
                    var atom = bindings.Count > 0 && alias.Kind == AtomKind.Place ? new Atom(AtomKind.Place, Bind(alias.Id, bindings)) : alias;
                    result.Add(atom);
                    if (atom.Kind == AtomKind.Place && seen.Add(atom.Id)) work.Push(atom.Id);
                }
            }
        }
        return valuesAtCache[place] = AtomSet.Of(result);
    }

    /// <summary>A wildcard key: any key (<see cref="ValueTree.Each"/>), or the key of one range's iteration.</summary>
    private static bool IsWild(string key) => key.Length > 0 && key[0] == '\0';

    private static bool IsRangeKey(string key) => key.Length > 1 && key[0] == '\0';

    /// <summary>The key a range over a map of the values names its items by (<c>range $key, $item := …</c>).</summary>
    private static string RangeKey(int range) => "\0k" + range.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static readonly Dictionary<string, string> NoBindings = new(StringComparer.Ordinal);

    /// <summary>Whether an aliased place may be <paramref name="place"/> (equal keys, or a wildcard on either side), with
    /// the keys its range keys stand for there; null when it cannot be.</summary>
    private Dictionary<string, string>? Match(int aliased, int place)
    {
        if (aliased == place) return NoBindings;
        var x = paths[aliased];
        var y = paths[place];
        if (x.Length != y.Length) return null;
        Dictionary<string, string>? bindings = null;
        for (var i = 0; i < x.Length; i++)
        {
            if (x[i] == y[i]) continue;
            if (!IsWild(x[i]) && !IsWild(y[i])) return null;
            if (IsRangeKey(x[i])) (bindings ??= new Dictionary<string, string>(StringComparer.Ordinal))[x[i]] = y[i];
        }
        return bindings ?? NoBindings;
    }

    /// <summary>A place with range keys replaced by what they stand for.</summary>
    private int Bind(int place, Dictionary<string, string> bindings)
    {
        var path = paths[place];
        if (!path.Any(bindings.ContainsKey)) return place;
        return Intern(path.Select(k => bindings.TryGetValue(k, out var bound) ? bound : k).ToArray());
    }

    /// <summary><c>.key</c> of each atom (<paramref name="key"/> may be <see cref="ValueTree.Each"/>: some key).</summary>
    private AtomSet Field(AtomSet values, string key)
    {
        var result = AtomSet.Empty;
        foreach (var atom in values.Atoms) result = result.Union(FieldOf(atom, key));
        return result.OrUnknown();
    }

    private AtomSet FieldOf(Atom atom, string key)
    {
        Step();
        switch (atom.Kind)
        {
            case AtomKind.Context when key == "Template":
                return AtomSet.Of(new Atom(AtomKind.TemplateInfo, atom.Id));
            case AtomKind.TemplateInfo:
                // .Template.BasePath names the chart's template files, which include can render (a checksum of a ConfigMap).
                return key == "BasePath" ? AtomSet.Of(Text(scopes[atom.Id].BasePath)) : AtomSet.Unknown;
            case AtomKind.Context:
                if (key != "Values") return AtomSet.Unknown;
                var values = ValuesAt(scopeRoots[atom.Id]);
                if (contextValues.TryGetValue(atom.Id, out var set))
                    foreach (var a in set.Atoms) values = values.Union(a.Kind == AtomKind.Place ? ValuesAt(a.Id) : AtomSet.Of(a));
                return values;
            case AtomKind.Place when key == "AsMap" && scopeOfRoot.ContainsKey(atom.Id):
                // A chart's .Values is Helm's Values type: .Values.AsMap is the same map.
                return ValuesAt(atom.Id);
            case AtomKind.Place:
            {
                var child = Child(atom.Id, key);
                MarkRead(child);
                var result = ValuesAt(child);
                // A subchart's .Values.global holds what every chart above it sets under global, too.
                if (key == "global" && scopeOfRoot.TryGetValue(atom.Id, out var scope))
                    for (var up = scopes[scope].Parent; up >= 0; up = scopes[up].Parent)
                    {
                        var global = Child(scopeRoots[up], "global");
                        MarkRead(global);
                        result = result.Union(ValuesAt(global));
                    }
                return result;
            }
            case AtomKind.Map:
            {
                var cut = false;
                return MapField(atom, key, [], ref cut);
            }
            default:
                return AtomSet.Unknown;
        }
    }

    /// <summary>
    /// A field of a map the templates built: its own entries and the field of every map merged into it (bitnami common
    /// merges values into a map a call, then that map into the next). Each map is walked once a read and its field kept
    /// until the heap changes, so a chain is walked once, not once a read. A map met again in the same walk gives its
    /// kept field; one that has none yet (a cycle: it is being walked) is left out, and the field of a map that left one
    /// out is not kept (<paramref name="cut"/>): it may lack what that map adds. The outermost field is whole either way,
    /// since every map it reaches was walked once.
    /// </summary>
    private AtomSet MapField(Atom atom, string key, HashSet<Atom> visited, ref bool cut)
    {
        Step();
        if (fields.TryGetValue((atom.Id, key), out var known) && known.Heap == heap) return known.Result;
        var outermost = visited.Count == 0;
        visited.Add(atom);
        if (!maps.TryGetValue(atom.Id, out var map)) return AtomSet.Empty;
        var result = map.Any;
        if (IsWild(key))
            foreach (var entry in map.Entries.Values) result = result.Union(entry);
        else if (map.Entries.TryGetValue(key, out var entryValue)) result = result.Union(entryValue);
        var cutBelow = false;
        if (!map.Includes.IsEmpty && !map.Hides(key))
            foreach (var included in map.Includes.Atoms)
            {
                if (included == atom) continue; // $dst = merge $dst … in a loop: the map holds itself, which adds nothing
                if (included.Kind != AtomKind.Map) result = result.Union(FieldOf(included, key));
                else if (!visited.Contains(included)) result = result.Union(MapField(included, key, visited, ref cutBelow));
                else if (fields.TryGetValue((included.Id, key), out var kept) && kept.Heap == heap) result = result.Union(kept.Result);
                else cutBelow = true;
            }
        if (!cutBelow || outermost) fields[(atom.Id, key)] = (heap, result);
        cut |= cutBelow;
        return result;
    }

    /// <summary>What <c>fromYaml</c> makes of text: the values it carries as YAML (written by <c>toYaml</c>, here or in a
    /// named template); a string from the values is the user's own YAML (read whole); anything else is a map of keys
    /// the analysis cannot name.</summary>
    private AtomSet Expand(AtomSet text)
    {
        var result = new HashSet<Atom>();
        var seen = new HashSet<Atom>();
        var work = new Stack<(Atom Atom, bool Carried)>(text.Atoms.ToArray().Select(a => (a, false)));
        while (work.Count > 0)
        {
            var (atom, carried) = work.Pop();
            if (!seen.Add(atom)) continue;
            Step();
            switch (atom.Kind)
            {
                case AtomKind.Yaml:
                    foreach (var a in yamls.GetValueOrDefault(atom.Id).Atoms) work.Push((a, true));
                    break;
                case AtomKind.Output:
                    foreach (var a in outputs[atom.Id].Atoms) work.Push((a, true));
                    break;
                case AtomKind.Place or AtomKind.Map or AtomKind.Context when carried:
                    result.Add(atom);
                    break;
                default:
                    MarkWhole(AtomSet.Of(atom));
                    result.Add(Atom.Unknown);
                    break;
            }
        }
        return AtomSet.Of(result).OrUnknown();
    }

    // ----- running templates -----

    private sealed record Frame(AtomSet Dot, AtomSet Dollar, Dictionary<string, AtomSet> Vars, int Sink)
    {
        public Frame WithDot(AtomSet dot) => this with { Dot = dot, Vars = new Dictionary<string, AtomSet>(Vars, StringComparer.Ordinal) };

        public Frame Block() => WithDot(Dot);
    }

    /// <summary>A block's variables flow back to the variables of the frame around it (an <c>=</c> inside it).</summary>
    private static void Merge(Frame outer, Frame inner)
    {
        foreach (var (name, value) in inner.Vars)
            if (outer.Vars.TryGetValue(name, out var old)) outer.Vars[name] = old.Union(value);
    }

    private void Walk(IReadOnlyList<TemplateNode> nodes, Frame frame)
    {
        foreach (var node in nodes)
        {
            Step();
            switch (node)
            {
                case ActionNode action:
                {
                    var value = Eval(action.Pipeline, frame);
                    if (!action.Pipeline.Declares) Emit(value, frame);
                    break;
                }
                case IfNode branch:
                {
                    Eval(branch.Condition, frame);
                    Branch(branch.Then, frame, frame.Dot);
                    Branch(branch.Else, frame, frame.Dot);
                    break;
                }
                case WithNode with:
                {
                    var value = EvalScoped(with.Value, frame, out var scoped);
                    Branch(with.Then, scoped, value);
                    Merge(frame, scoped);
                    Branch(with.Else, frame, frame.Dot);
                    break;
                }
                case RangeNode range:
                    Range(range, frame);
                    break;
                case TemplateCallNode call:
                {
                    var argument = call.Argument is null ? AtomSet.Unknown : Eval(call.Argument, frame);
                    Emit(Call(call.Name, argument), frame);
                    break;
                }
            }
        }
    }

    private void Branch(IReadOnlyList<TemplateNode> nodes, Frame frame, AtomSet dot)
    {
        if (nodes.Count == 0) return;
        var inner = frame.WithDot(dot);
        Walk(nodes, inner);
        Merge(frame, inner);
    }

    /// <summary>A pipeline whose declared variables live in a new block (<c>with $x := …</c>).</summary>
    private AtomSet EvalScoped(TemplatePipeline pipeline, Frame frame, out Frame scoped)
    {
        scoped = frame.Block();
        return Eval(pipeline, scoped);
    }

    private void Range(RangeNode range, Frame frame)
    {
        var over = Eval(range.Over with { Declared = [] }, frame);
        // Over a map of the values, the key is this range's own: what is set or dug under it is the item at that key.
        var rangeSite = range.Over.Commands.Count > 0 ? range.Over.Commands[0].Site : -1;
        var items = AtomSet.Empty;
        var keys = AtomSet.Empty;
        var seen = new HashSet<Atom>();
        foreach (var atom in over.Atoms) RangeOver(atom, rangeSite, ref items, ref keys, seen);
        items = items.OrUnknown();
        keys = keys.OrUnknown();
        // The body may run many times, an iteration's assignments reaching the next: run it until its variables settle.
        var inner = frame.WithDot(items);
        for (var pass = 0; pass < 4; pass++)
        {
            switch (range.Over.Declared.Count)
            {
                case 1:
                    inner.Vars[range.Over.Declared[0]] = items;
                    break;
                case >= 2:
                    inner.Vars[range.Over.Declared[0]] = keys;
                    inner.Vars[range.Over.Declared[1]] = items;
                    break;
            }
            var before = inner.Vars.ToDictionary(kv => kv.Key, kv => kv.Value.Count, StringComparer.Ordinal);
            Walk(range.Body, inner);
            if (inner.Vars.All(kv => before.TryGetValue(kv.Key, out var n) && n == kv.Value.Count)) break;
        }
        Merge(frame, inner);
        Branch(range.Else, frame, frame.Dot);
    }

    /// <summary>The items and keys of one value a range goes over: a map of the values by this range's own key (what is
    /// set or dug under it is the item at that key); a map the templates built by its keys, and what was merged into it
    /// by the keys of that.</summary>
    private void RangeOver(Atom atom, int rangeSite, ref AtomSet items, ref AtomSet keys, HashSet<Atom> seen)
    {
        if (!seen.Add(atom)) return;
        switch (atom.Kind)
        {
            case AtomKind.Place:
                items = items.Union(FieldOf(atom, RangeKey(rangeSite)));
                keys = keys.Union(AtomSet.Of(new Atom(AtomKind.Key, rangeSite)));
                return;
            case AtomKind.Map when maps.TryGetValue(atom.Id, out var map):
                foreach (var entry in map.Entries.Values) items = items.Union(entry);
                items = items.Union(map.Any);
                keys = keys.Union(AtomSet.Of(map.Entries.Keys.Select(Text)));
                if (!map.Any.IsEmpty) keys = keys.Union(AtomSet.Unknown);
                foreach (var included in map.Includes.Atoms) RangeOver(included, rangeSite, ref items, ref keys, seen);
                return;
            case AtomKind.Map:
                return;
            default:
                items = items.Union(FieldOf(atom, ValueTree.Each));
                keys = keys.Union(AtomSet.Unknown);
                return;
        }
    }

    /// <summary>What an action writes: at the top of a rendered template it is part of a manifest (every value in it read
    /// whole); inside a named template, YAML text goes to the caller (which may read it back with fromYaml).</summary>
    private void Emit(AtomSet value, Frame frame)
    {
        if (frame.Sink < 0)
        {
            MarkWhole(value);
            return;
        }
        AddOutput(frame.Sink, value.Where(a => a.IsText));
        MarkWhole(value.Where(a => !a.IsText));
    }

    private AtomSet Eval(TemplatePipeline pipeline, Frame frame)
    {
        AtomSet? input = null;
        foreach (var command in pipeline.Commands) input = EvalCommand(command, input, frame);
        var value = input ?? AtomSet.Unknown;
        foreach (var name in pipeline.Declared)
            frame.Vars[name] = pipeline.Assigns && frame.Vars.TryGetValue(name, out var old) ? old.Union(value) : value;
        return value;
    }

    private AtomSet EvalCommand(Command command, AtomSet? input, Frame frame)
    {
        var operands = command.Operands;
        if (operands.Count == 0) return input ?? AtomSet.Unknown;
        if (operands[0] is FunctionOperand function)
        {
            var args = new List<(AtomSet Value, Operand Operand)>();
            for (var i = 1; i < operands.Count; i++) args.Add((EvalOperand(operands[i], frame, command.Site), operands[i]));
            if (input is { } piped) args.Add((piped, new ConstantOperand("")));
            return CallFunction(function.Name, args, command.Site);
        }
        var first = EvalOperand(operands[0], frame, command.Site);
        if (operands.Count == 1 && input is null) return first;
        // A method with arguments (.Files.Get "x", .Capabilities.APIVersions.Has "y"): its arguments are read whole.
        for (var i = 1; i < operands.Count; i++) MarkWhole(EvalOperand(operands[i], frame, command.Site));
        if (input is { } value) MarkWhole(value);
        return AtomSet.Unknown;
    }

    private AtomSet EvalOperand(Operand operand, Frame frame, int site)
    {
        switch (operand)
        {
            case FieldOperand field:
                return Fields(frame.Dot, field.Chain);
            case VariableOperand variable:
            {
                var value = variable.Name == "$" ? frame.Dollar : frame.Vars.GetValueOrDefault(variable.Name, AtomSet.Unknown);
                return Fields(value, variable.Chain);
            }
            case PipelineOperand pipeline:
                return Fields(Eval(pipeline.Pipeline, frame.Block()), pipeline.Chain);
            case StringOperand text:
                return AtomSet.Of(Text(text.Value));
            case FunctionOperand function:
                // A function in an argument's place is called with no arguments (dig "a" dict $x).
                return CallFunction(function.Name, [], site);
            case ConstantOperand constant when int.TryParse(constant.Text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n < 1000:
                return AtomSet.Of(new Atom(AtomKind.Index, n));
            default:
                return AtomSet.Unknown;
        }
    }

    private AtomSet Fields(AtomSet value, IReadOnlyList<string> chain)
    {
        foreach (var key in chain) value = Field(value, key);
        return value;
    }

    // ----- named templates -----

    private AtomSet Call(string name, AtomSet argument)
    {
        if (!defines.TryGetValue(name, out var define)) return AtomSet.Unknown; // Helm refuses to render it
        if (!callIds.TryGetValue((name, argument, epoch), out var id))
        {
            if (callIds.Count >= MaxCalls) throw new BudgetExceeded($"the templates make more than {MaxCalls:N0} distinct calls of named templates");
            callIds[(name, argument, epoch)] = id = outputs.Count;
            outputs.Add(AtomSet.Empty);
        }
        var output = AtomSet.Of(new Atom(AtomKind.Output, id));
        // Once a round: a call already made (or being made, in a recursion) gives what it wrote so far; the next round sees more.
        if (!calledThisRound.Add(id)) return output;
        if (depth >= MaxCallDepth) throw new BudgetExceeded($"named templates call each other deeper than {MaxCallDepth}");
        depth++;
        var callerCall = call;
        var outer = stack.FindIndex(f => f.Name == name);
        call = outer >= 0 ? stack[outer].Heap : id;
        stack.Add((name, call));
        try
        {
            Walk(define.Body, new Frame(argument, argument, new Dictionary<string, AtomSet>(StringComparer.Ordinal), id));
        }
        finally
        {
            depth--;
            call = callerCall;
            stack.RemoveAt(stack.Count - 1);
        }
        return output;
    }

    // ----- functions -----

    /// <summary>Functions that read nothing below the values they are given (a comparison, a test, a count).</summary>
    private static readonly HashSet<string> Shallow = new(StringComparer.Ordinal)
    {
        "eq", "ne", "lt", "le", "gt", "ge", "not", "empty", "len", "kindIs", "kindOf", "typeOf", "typeIs", "typeIsLike",
        "has", "mustHas", "hasPrefix", "hasSuffix", "contains", "regexMatch", "mustRegexMatch", "semverCompare", "isAbs",
        "int", "int64", "float64", "atoi", "toDecimal", "add", "add1", "sub", "mul", "div", "mod", "max", "min", "ceil",
        "floor", "round", "addf", "add1f", "subf", "mulf", "divf", "maxf", "minf", "fail", "until", "untilStep", "seq",
        "now", "uuidv4", "randAlphaNum", "randAlpha", "randNumeric", "randAscii", "randInt", "lookup",
    };

    /// <summary>String functions whose result still carries the YAML text they are given (fromYaml may read it back).</summary>
    private static readonly HashSet<string> KeepsText = new(StringComparer.Ordinal)
    {
        "nindent", "indent", "trim", "trimAll", "trimPrefix", "trimSuffix", "toString", "replace",
    };

    /// <summary>Functions that return one of the values they are given.</summary>
    private static readonly HashSet<string> PassThrough = new(StringComparer.Ordinal)
    {
        "default", "coalesce", "and", "or", "required", "deepCopy", "mustDeepCopy", "compact", "mustCompact",
        "uniq", "mustUniq", "reverse", "mustReverse", "sortAlpha", "rest", "mustRest", "initial", "mustInitial", "without",
        "mustWithout", "slice", "mustSlice",
    };

    private int HeapId(int site)
    {
        var key = (site, heapIds.Count < MaxHeap ? call : -1);
        if (!heapIds.TryGetValue(key, out var id)) heapIds[key] = id = heapIds.Count;
        return id;
    }

    private AtomSet CallFunction(string name, List<(AtomSet Value, Operand Operand)> args, int command)
    {
        var site = HeapId(command);
        AtomSet Arg(int i) => i < args.Count ? args[i].Value : AtomSet.Unknown;
        AtomSet All(int from = 0)
        {
            var all = AtomSet.Empty;
            for (var i = from; i < args.Count; i++) all = all.Union(args[i].Value);
            return all;
        }
        var mapAtom = AtomSet.Of(new Atom(AtomKind.Map, site));
        switch (name)
        {
            case "include":
            {
                var argument = Arg(1);
                var names = Arg(0);
                if (names.IsEmpty || names.Atoms.ToArray().Any(a => a.Kind != AtomKind.Text))
                {
                    // A helper whose name is computed at render time: whatever it is handed may be read whole.
                    MarkWhole(argument);
                    return AtomSet.Unknown;
                }
                var result = AtomSet.Empty;
                foreach (var atom in names.Atoms) result = result.Union(Call(texts[atom.Id], argument));
                return result.OrUnknown();
            }
            case "tpl":
                // The template text is read whole; the context it runs in is whatever it names (a user's template in the
                // values is read when lint meets it, not here).
                MarkWhole(Arg(0));
                return AtomSet.Unknown;
            case "toYaml" or "toJson" or "toPrettyJson" or "toRawJson" or "mustToJson" or "mustToPrettyJson" or "mustToRawJson" or "toToml" or "mustToYaml":
                AddYaml(site, All());
                return AtomSet.Of(new Atom(AtomKind.Yaml, site));
            case "fromYaml" or "fromJson" or "mustFromJson" or "fromYamlArray" or "fromJsonArray" or "mustFromYaml":
                return Expand(All());
            case "dict":
                for (var i = 0; i + 1 < args.Count; i += 2)
                    foreach (var key in Keys(args[i].Value)) AddEntry(site, key, args[i + 1].Value);
                if (args.Count % 2 == 1) MarkWhole(args[^1].Value);
                MapAt(site);
                return mapAtom;
            case "list" or "tuple":
                // Positions are kept: helpers take their arguments as a list (index . 0, index . 1).
                for (var i = 0; i < args.Count; i++) AddEntry(site, Position(i), args[i].Value);
                MapAt(site);
                return mapAtom;
            case "append" or "mustAppend" or "push" or "mustPush" or "prepend" or "mustPrepend":
                AddIncludes(site, Arg(0));
                AddEntry(site, ValueTree.Each, All(1));
                return mapAtom;
            case "concat":
                AddIncludes(site, All());
                MapAt(site);
                return mapAtom;
            case "keys":
                // The keys, never what is below them.
                foreach (var atom in All().Atoms)
                    if (atom.Kind == AtomKind.Map && maps.TryGetValue(atom.Id, out var keyed))
                        AddEntry(site, ValueTree.Each, AtomSet.Of(keyed.Entries.Keys.Select(Text)));
                AddEntry(site, ValueTree.Each, AtomSet.Unknown);
                return mapAtom;
            case "values":
                AddEntry(site, ValueTree.Each, Field(All(), ValueTree.Each));
                return mapAtom;
            case "pluck":
                AddEntry(site, ValueTree.Each, FieldAny(All(1), Arg(0)));
                MapAt(site);
                return mapAtom;
            case "first" or "mustFirst" or "last" or "mustLast":
                return Field(Arg(0), ValueTree.Each);
            case "get":
                return FieldAny(Arg(0), Arg(1));
            case "index":
            {
                var value = Arg(0);
                for (var i = 1; i < args.Count; i++) value = FieldAny(value, args[i].Value);
                return value;
            }
            case "dig":
            {
                // dig "a" "b" DEFAULT MAP
                if (args.Count < 3) return AtomSet.Unknown;
                var value = Arg(args.Count - 1);
                for (var i = 0; i < args.Count - 2; i++) value = FieldAny(value, args[i].Value);
                return value.Union(Arg(args.Count - 2));
            }
            case "hasKey":
                FieldAny(Arg(0), Arg(1));
                return AtomSet.Unknown;
            case "set":
                Set(Arg(0), Arg(1), Arg(2));
                return Arg(0);
            case "unset":
                return Arg(0);
            case "merge" or "mergeOverwrite" or "mustMerge" or "mustMergeOverwrite":
            {
                var sources = All(1);
                foreach (var atom in Arg(0).Atoms)
                {
                    if (atom.Kind == AtomKind.Map) AddIncludes(atom.Id, sources);
                    // Into a chart's .Values (mergeOverwrite .Values (… | fromYaml)): reads after it read what was merged in.
                    else if (atom.Kind == AtomKind.Place && scopeOfRoot.TryGetValue(atom.Id, out var scope)) SetContextValues(scope, sources);
                    else if (atom.Kind == AtomKind.Place) AddAlias(atom.Id, sources);
                }
                return Arg(0).Union(sources);
            }
            case "ternary":
                return Arg(0).Union(Arg(1));
            case "omit" or "pick":
            {
                // A view of the map: the keys it leaves out (omit) or keeps (pick) are known.
                AddIncludes(site, Arg(0));
                var view = MapAt(site);
                var keys = Keys(All(1)).Where(k => k != ValueTree.Each).ToHashSet(StringComparer.Ordinal);
                if (name == "omit") (view.Except ??= new HashSet<string>(StringComparer.Ordinal)).UnionWith(keys);
                else (view.Only ??= new HashSet<string>(StringComparer.Ordinal)).UnionWith(keys);
                return mapAtom;
            }
        }
        if (PassThrough.Contains(name))
        {
            var from = name is "required" ? 1 : 0;
            return All(from).OrUnknown();
        }
        if (Shallow.Contains(name)) return AtomSet.Unknown;
        if (KeepsText.Contains(name))
        {
            var all = All();
            MarkWhole(all.Where(a => !a.IsText));
            return all.Where(a => a.IsText).OrUnknown();
        }
        // A name made of literals (print $.Template.BasePath "/configmap.yaml") is a literal too.
        if (name is "print" or "printf" && args.Count > 0 && args.All(a => a.Value.Count == 1 && a.Value.Atoms[0].Kind == AtomKind.Text))
        {
            var parts = args.Select(a => texts[a.Value.Atoms[0].Id]).ToList();
            if (name == "print") return AtomSet.Of(Text(string.Concat(parts)));
            if (parts[0].Replace("%s", "", StringComparison.Ordinal).IndexOf('%') < 0 && parts[0].Split("%s").Length - 1 == parts.Count - 1)
            {
                var format = parts[0].Split("%s");
                return AtomSet.Of(Text(string.Concat(format.Select((f, i) => i + 1 < parts.Count ? f + parts[i + 1] : f))));
            }
        }
        // Everything else (quote, printf, b64enc, join, regexReplaceAll, an unknown name) reads what it is given whole.
        MarkWhole(All());
        return AtomSet.Unknown;
    }

    /// <summary>The key a position of a list is kept under.</summary>
    private static string Position(int index) => "\u0002" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The literal keys a value stands for as a key of <paramref name="target"/>, or <see cref="ValueTree.Each"/>
    /// when it may be any key: a string literal is a key; a number is a position in a list the templates built, and any
    /// item of a list in the values.</summary>
    private List<string> Keys(AtomSet key, Atom target)
    {
        var result = new List<string>();
        foreach (var atom in key.Atoms)
        {
            switch (atom.Kind)
            {
                case AtomKind.Text:
                    result.Add(texts[atom.Id]);
                    break;
                case AtomKind.Index when target.Kind == AtomKind.Map:
                    result.Add(Position(atom.Id));
                    break;
                case AtomKind.Key when target.Kind == AtomKind.Place:
                    result.Add(RangeKey(atom.Id));
                    break;
                default:
                    if (!result.Contains(ValueTree.Each)) result.Add(ValueTree.Each);
                    break;
            }
        }
        return result.Count == 0 ? [ValueTree.Each] : result;
    }

    /// <summary>The keys as literal strings, or <see cref="ValueTree.Each"/> (a key of a map the templates build).</summary>
    private List<string> Keys(AtomSet key) => Keys(key, new Atom(AtomKind.Map, -1));

    private AtomSet FieldAny(AtomSet value, AtomSet keys)
    {
        var result = AtomSet.Empty;
        foreach (var atom in value.Atoms)
            foreach (var key in Keys(keys, atom))
                result = result.Union(FieldOf(atom, key));
        return result.OrUnknown();
    }

    /// <summary>A chart's .Values from here on in this round: what it was, and <paramref name="value"/> too.</summary>
    private void SetContextValues(int scope, AtomSet value)
    {
        var old = contextValues.GetValueOrDefault(scope);
        var merged = old.Union(value.Where(a => a.Kind is AtomKind.Place or AtomKind.Map));
        if (merged.Count == old.Count) return;
        contextValues[scope] = merged;
        epoch++;
    }

    private void Set(AtomSet target, AtomSet keys, AtomSet value)
    {
        foreach (var atom in target.Atoms)
            foreach (var key in Keys(keys, atom))
            {
                switch (atom.Kind)
                {
                    case AtomKind.Map:
                        AddEntry(atom.Id, key, value);
                        break;
                    case AtomKind.Place:
                        AddAlias(Child(atom.Id, key), value);
                        break;
                    case AtomKind.Context when key == "Values":
                        SetContextValues(atom.Id, value);
                        break;
                }
            }
    }
}
