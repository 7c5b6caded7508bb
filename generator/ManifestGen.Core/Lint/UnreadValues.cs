using ManifestGen.Charts;
using ManifestGen.Diagnostics;
using ManifestGen.Spec;
using ManifestGen.Values;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Lint;

/// <summary>
/// MG0009: every value path of a HelmRelease's values (in every source helm-controller merges) that the chart
/// release it reaches never reads. Helm passes such a value to the chart, which ignores it: it does nothing. Each
/// finding points at the key where it is written and says what may have been meant: the same name in another case,
/// a close spelling, the same key under another parent, the nested form of a dotted key; and for a key another
/// release reads, the last release that read it or the first that will.
/// </summary>
public static class UnreadValues
{
    /// <param name="skip">Paths another check reports in its own words (Cilium's dead conntrack keys, MG0001).</param>
    public static IReadOnlyList<Diagnostic> Find(ChartCatalog catalog, ChartResolution resolution, IReadOnlyList<ValueSource> sources,
        RepositoryWorkspace workspace, Func<IReadOnlyList<string>, bool>? skip = null)
    {
        var found = new List<Diagnostic>();
        if (resolution.Checked is not { } known) return found;
        foreach (var source in sources)
        {
            if (source.Where.ReadOriginal(workspace) is not { } file) continue;
            if (source.Find(file, YamlPath.Root) is not MappingNode values) continue;
            Walk(values, []);

            void Walk(MappingNode map, List<string> path)
            {
                foreach (var entry in map.Entries)
                {
                    if (entry.Key is not ScalarNode keyNode) continue;
                    path.Add(keyNode.Value);
                    var answer = known.Values.Check(known.Index, path);
                    if (!answer.IsRead)
                    {
                        if (skip?.Invoke(path) != true)
                            found.Add(Finding(catalog, resolution, known, source, workspace, path, answer.UnknownAt, entry.Key.ContentStart));
                    }
                    else if (answer.Kind == ValueKind.Map && entry.Value is MappingNode child) Walk(child, path);
                    path.RemoveAt(path.Count - 1);
                }
            }
        }
        return found;
    }

    private static Diagnostic Finding(ChartCatalog catalog, ChartResolution resolution, ChartCatalog.Known known, ValueSource source,
        RepositoryWorkspace workspace, List<string> path, int unknownAt, int keyOffset)
    {
        var chart = resolution.Chart;
        var shown = Show(path);
        var history = History(catalog, chart, known, path);
        var message = $"{shown} is not read by {known.Release.Describe(chart)}: Helm hands it to the chart, which ignores it, so it does nothing{history}";
        return Diagnostic.Warning(DiagnosticCodes.UnreadValue, source.Where.RepoPath, source.Where.OriginalPositionOf(workspace, keyOffset),
            message, Suggest(known, path, unknownAt, guess: history.Length == 0));
    }

    public static string Show(IReadOnlyList<string> path) => YamlPath.Keys([.. path]).ToString();

    /// <summary>What the user may have meant, or null; a close spelling is a <paramref name="guess"/>, left out when another release reads the key as written.</summary>
    private static string? Suggest(ChartCatalog.Known known, IReadOnlyList<string> path, int unknownAt, bool guess)
    {
        var values = known.Values;
        var release = known.Index;
        var parent = path.Take(unknownAt).ToList();
        var key = path[unknownAt];
        var below = path.Skip(unknownAt + 1).ToList();

        // "loadBalancer.algorithm: maglev" in a values file is one key with a dot in its name.
        if (key.Contains('.'))
        {
            var split = parent.Concat(key.Split('.')).Concat(below).ToList();
            if (values.Check(release, split).IsRead)
                return $"\"{key}\" is one key here: values files do not split keys at dots (only helm --set does); write it nested: " +
                       string.Join(" ", key.Split('.').Select((k, i) => i == 0 ? k + ":" : "{" + k + ":")) + " ..." + new string('}', key.Split('.').Length - 1);
        }
        var siblings = values.Keys(release, parent);
        if (siblings.FirstOrDefault(s => string.Equals(s, key, StringComparison.OrdinalIgnoreCase)) is { } cased)
            return $"did you mean {Show([.. parent, cased, .. below])}? Keys are case-sensitive";
        // The same key under another parent (a top-level bbr is bandwidthManager.bbr), when it names few places:
        // "enabled" is under a hundred parents and says nothing.
        var elsewhere = values.PathsEndingWith(release, key, ignoreCase: false).Where(p => !p.SequenceEqual(path.Take(unknownAt + 1))).ToList();
        if (elsewhere.Count is > 0 and <= 3)
            return $"the chart reads {string.Join(" or ", elsewhere.Select(p => Show([.. p, .. below])))}";
        if (guess && NameSuggester.Nearest(key, siblings) is { } near)
            return $"did you mean {Show([.. parent, near, .. below])}?";
        return null;
    }

    /// <summary>"; cilium 1.16.19 was the last release to read it", or the first release that reads it, or nothing.</summary>
    private static string History(ChartCatalog catalog, string chart, ChartCatalog.Known current, IReadOnlyList<string> path)
    {
        var readers = catalog.ReadersOf(chart, path);
        var id = current.Release.Id;
        var last = readers.Where(r => r.Id < id).MaxBy(r => r.Id);
        if (last is not null) return $" ({last.Describe(chart)} was the last release to read it)";
        var first = readers.Where(r => r.Id > id).MinBy(r => r.Id);
        return first is not null ? $" ({first.Describe(chart)} is the first release that reads it)" : "";
    }
}
