using System.Text.RegularExpressions;
using ManifestGen.Charts;
using ManifestGen.Diagnostics;
using ManifestGen.Spec;
using ManifestGen.Values;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Lint;

/// <summary>
/// MG0009: every value path of a HelmRelease's values (in every source helm-controller merges) that the chart
/// release it reaches never reads. Helm passes such a value to the chart, which ignores it: it does nothing. The
/// release's tree decides (<see cref="ValueTree"/>): a key is read when its own place or the place of a map of
/// user-chosen names reads it, at any depth (<c>controllers.main.containers.main.image.pullPolicy</c>). Each finding
/// points at the key where it is written and says what may have been meant: the same name in another case, a close
/// spelling, the key one level down under a sibling, the same key under another parent, the nested form of a dotted
/// key; and for a key another release reads, the last release that read it or the first that will.
/// MG0016: a key the chart's schema refuses (<c>additionalProperties: false</c>): Helm refuses the install.
/// MG0017: checked against an older minor release than the one pinned, a key no known release reads may be read by
/// the one pinned: a note.
/// A key the user's own template strings read (<c>"{{ .Values.myKey }}"</c>, which a chart renders with <c>tpl</c>)
/// is never reported.
/// </summary>
public static partial class UnreadValues
{
    /// <param name="skip">Paths another check reports in its own words (Cilium's dead conntrack keys, MG0001).</param>
    public static IReadOnlyList<Diagnostic> Find(ChartCatalog catalog, ChartResolution resolution, IReadOnlyList<ValueSource> sources,
        RepositoryWorkspace workspace, Func<IReadOnlyList<string>, bool>? skip = null)
    {
        var found = new List<Diagnostic>();
        if (resolution.Checked is not { } known) return found;
        var tree = known.Tree;
        var values = new List<(ValueSource Source, YamlNode Root)>();
        foreach (var source in sources)
            if (source.Where.ReadOriginal(workspace) is { } file && source.Find(file, YamlPath.Root) is { } root
                && (root is MappingNode || source.KeyPrefix is { Count: > 0 }))
                values.Add((source, root));
        var userReads = values.SelectMany(v => TemplateReads(v.Root)).ToList();
        foreach (var (source, root) in values)
        {
            // A JSON 6902 operation writes its value under a path: the keys of the path first, found at the value.
            IReadOnlyList<ValuePlace> at = [tree.Root];
            var path = new List<string>();
            var stopped = false;
            foreach (var key in source.KeyPrefix ?? [])
            {
                path.Add(key);
                if (at.Any(p => p.Kind != ValueKind.Map)) { stopped = true; break; }
                var next = ValueTree.Step(at, key);
                if (next.Count == 0)
                {
                    if (skip?.Invoke(path) != true && !userReads.Any(r => Comparable(r, path)))
                        found.Add(Finding(catalog, resolution, known, source, workspace, path, PrefixAt(source, workspace) ?? root.ContentStart));
                    stopped = true;
                    break;
                }
                at = next;
            }
            if (!stopped && root is MappingNode map && at.All(p => p.Kind == ValueKind.Map)) Walk(source, map, path, at);
        }
        return found;

        void Walk(ValueSource source, MappingNode map, List<string> path, IReadOnlyList<ValuePlace> at)
        {
            // Below a free map (an analysis that stopped makes the root one) or a leaf, every key is read; a schema may still refuse it.
            var open = at.Any(p => p.Kind != ValueKind.Map);
            foreach (var entry in map.Entries)
            {
                // A merge key (<<: *anchor) brings the anchor's keys, checked where the anchor is written.
                if (entry.Key is not ScalarNode { Value: not "<<" } keyNode) continue;
                var key = keyNode.Value;
                path.Add(key);
                if (at.FirstOrDefault(p => p.Allowed is { } allowed && !allowed.Allows(key)) is { Allowed: { } refusing })
                    found.Add(Refused(resolution, known, source, workspace, path, refusing, entry.Key.ContentStart));
                else if (!open)
                {
                    var next = ValueTree.Step(at, key);
                    if (next.Count == 0)
                    {
                        if (skip?.Invoke(path) != true && !userReads.Any(r => Comparable(r, path)))
                            found.Add(Finding(catalog, resolution, known, source, workspace, path, entry.Key.ContentStart));
                    }
                    else if (next.All(p => p.Kind == ValueKind.Map) && entry.Value is MappingNode child) Walk(source, child, path, next);
                }
                path.RemoveAt(path.Count - 1);
            }
        }
    }

    /// <summary>Where the keys above a source are written: a JSON 6902 operation's <c>path</c> beside its <c>value</c>.</summary>
    private static int? PrefixAt(ValueSource source, RepositoryWorkspace workspace)
    {
        if (source.Base.Segments.Count == 0 || source.Where.ReadOriginal(workspace) is not { } file) return null;
        return YamlEditor.TryGet(file, source.Where.Selector, source.Base.Prefix(source.Base.Segments.Count - 1).Append(new KeySegment("path")))?.ContentStart;
    }

    /// <summary>Whether one path is a prefix of the other.</summary>
    private static bool Comparable(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
            if (a[i] != b[i]) return false;
        return true;
    }

    [GeneratedRegex(@"\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)")]
    private static partial Regex ValuesReference();

    /// <summary>What the user's own template strings in the values read (a chart renders them with tpl).</summary>
    private static IEnumerable<string[]> TemplateReads(YamlNode node)
    {
        switch (node)
        {
            case ScalarNode s when s.Value.Contains("{{", StringComparison.Ordinal):
                foreach (Match m in ValuesReference().Matches(s.Value))
                    yield return m.Groups[1].Value.Split('.', StringSplitOptions.RemoveEmptyEntries);
                break;
            case MappingNode m:
                foreach (var e in m.Entries)
                    if (e.Value is { } v)
                        foreach (var r in TemplateReads(v)) yield return r;
                break;
            case SequenceNode q:
                foreach (var item in q.Items)
                    foreach (var r in TemplateReads(item)) yield return r;
                break;
        }
    }

    private static Diagnostic Refused(ChartResolution resolution, ChartCatalog.Known known, ValueSource source, RepositoryWorkspace workspace,
        List<string> path, SchemaKeys allowed, int keyOffset)
    {
        var listed = allowed.Names.Order(StringComparer.Ordinal).ToList();
        var near = NameSuggester.Nearest(path[^1], listed);
        var hint = near is not null ? $"did you mean {Show([.. path.SkipLast(1), near])}?"
            : listed.Count is > 0 and <= 12 ? $"the schema allows {string.Join(", ", listed)}"
            : null;
        return Diagnostic.Of(DiagnosticCodes.SchemaRefusedKey, source.Where.RepoPath, source.Where.OriginalPositionOf(workspace, keyOffset),
            $"{Show(path)} is refused by the values schema of {known.Release.Describe(resolution.Chart)} (additionalProperties: false): " +
            "Helm will refuse to install or upgrade the release", hint) with { Subject = Show(path) };
    }

    private static Diagnostic Finding(ChartCatalog catalog, ChartResolution resolution, ChartCatalog.Known known, ValueSource source,
        RepositoryWorkspace workspace, List<string> path, int keyOffset)
    {
        var chart = resolution.Chart;
        var shown = Show(path);
        var readers = catalog.ReadersOf(chart, path);
        var id = known.Release.Id;
        var last = readers.Where(r => r.Id < id).MaxBy(r => r.Id);
        var first = readers.Where(r => r.Id > id).MinBy(r => r.Id);
        var at = source.Where.OriginalPositionOf(workspace, keyOffset);
        var unknownAt = path.Count - 1;
        if (resolution.Fallback == Fallback.AcrossMinor && last is null)
            return Diagnostic.Of(DiagnosticCodes.MayBeRead, source.Where.RepoPath, at,
                $"{shown} is not read by {known.Release.Describe(chart)}, the nearest release the tool knows before the version pinned, nor by any " +
                "release it knows; the version pinned may read it", Suggest(known.Tree, path, unknownAt, guess: true)) with { Subject = shown };
        var history = last is not null ? $" ({last.Describe(chart)} was the last release to read it)"
            : first is not null ? $" ({first.Describe(chart)} is the first release that reads it)" : "";
        var message = $"{shown} is not read by {known.Release.Describe(chart)}: Helm hands it to the chart, which ignores it, so it does nothing{history}";
        return Diagnostic.Of(DiagnosticCodes.UnreadValue, source.Where.RepoPath, at, message, Suggest(known.Tree, path, unknownAt, guess: history.Length == 0)) with { Subject = shown };
    }

    /// <summary>A path as messages show it; a map's user-chosen name as <c>&lt;name&gt;</c>.</summary>
    public static string Show(IReadOnlyList<string> path) =>
        string.Join('.', path.Select(k => k == ValueTree.Each ? "<name>" : YamlPath.Keys(k).ToString()));

    /// <summary>What the user may have meant, or null; a close spelling is a <paramref name="guess"/>, left out when another release reads the key as written.</summary>
    private static string? Suggest(ValueTree tree, IReadOnlyList<string> path, int unknownAt, bool guess)
    {
        var parent = path.Take(unknownAt).ToList();
        var key = path[unknownAt];
        var below = path.Skip(unknownAt + 1).ToList();

        // "loadBalancer.algorithm: maglev" in a values file is one key with a dot in its name.
        if (key.Contains('.'))
        {
            var split = parent.Concat(key.Split('.')).Concat(below).ToList();
            if (tree.Check(split).IsRead)
                return $"\"{key}\" is one key here: values files do not split keys at dots (only helm --set does); write it nested: " +
                       string.Join(" ", key.Split('.').Select((k, i) => i == 0 ? k + ":" : "{" + k + ":")) + " ..." + new string('}', key.Split('.').Length - 1);
        }
        var siblings = tree.Keys(parent);
        if (siblings.FirstOrDefault(s => string.Equals(s, key, StringComparison.OrdinalIgnoreCase)) is { } cased)
            return $"did you mean {Show([.. parent, cased, .. below])}? Keys are case-sensitive";
        // The same key under another parent (a top-level bbr is bandwidthManager.bbr), when it names few places:
        // "enabled" is under a hundred parents and says nothing.
        var elsewhere = tree.PathsEndingWith(key, ignoreCase: false).Where(p => !Same(p, path.Take(unknownAt + 1))).ToList();
        if (elsewhere.Count is > 0 and <= 3)
            return $"the chart reads {string.Join(" or ", elsewhere.Select(p => Show([.. p, .. below])))}";
        // The key one level down, under exactly one sibling (operator.serviceMonitor is operator.prometheus.serviceMonitor).
        var down = siblings.Where(s => tree.Names([.. parent, s, key])).ToList();
        if (down.Count == 1)
            return $"did you mean {Show([.. parent, down[0], key, .. below])}? The chart reads {key} one level down, under {down[0]}";

        if (guess && NameSuggester.Nearest(key, siblings) is { } near)
            return $"did you mean {Show([.. parent, near, .. below])}?";
        return null;
    }

    private static bool Same(IReadOnlyList<string> place, IEnumerable<string> path)
    {
        var keys = path.ToList();
        return place.Count == keys.Count && place.Zip(keys).All(p => p.First == p.Second || p.First == ValueTree.Each);
    }
}
