using ManifestGen.Generation;
using ManifestGen.Spec;
using ManifestGen.Yaml;

namespace ManifestGen.Values;

/// <summary>
/// A HelmRelease's values, wherever they live. Modules say what to set (<c>bpf.ctTcpMax</c>); this
/// decides where, so that the effective value is the one written and the user's layout is kept:
/// <list type="bullet">
/// <item>a key some source already sets is edited in the last such source (the one that wins today);</item>
/// <item>a new key goes where its parent mapping already is (the last source holding it);</item>
/// <item>a new top-level key, or one whose parent is nowhere, goes into the first <c>valuesFrom</c>
/// source, and into <c>spec.values</c> only when the HelmRelease has no other source.</item>
/// </list>
/// Writing into the last source that holds a key means no later source overrides it.
/// </summary>
public sealed class HelmValues
{
    private readonly GenerationContext context;

    private HelmValues(GenerationContext context, IReadOnlyList<ValueSource> sources)
    {
        this.context = context;
        Sources = sources;
    }

    /// <summary>The sources in helm-controller's merge order: <c>valuesFrom</c> entries, then <c>spec.values</c>.</summary>
    public IReadOnlyList<ValueSource> Sources { get; }

    public static HelmValues Open(GenerationContext context, TargetFile helmRelease, DocumentRef document, TargetFile? explicitValues, string specKey) =>
        new(context, ValueSourceResolver.Resolve(context.Workspace, helmRelease.RepoPath, document, explicitValues, specKey));

    /// <summary>The source a value for <paramref name="key"/> is written to.</summary>
    public ValueSource Placement(YamlPath key)
    {
        var ws = context.Workspace;
        for (var depth = key.Segments.Count; depth >= 1; depth--)
        {
            var prefix = key.Prefix(depth);
            var holders = Sources.Where(s => s.Find(ws, prefix) is { } node && (depth == key.Segments.Count || node is MappingNode)).ToList();
            if (holders.Count > 0) return holders[^1];
        }
        return Sources[0];
    }

    /// <summary>Sets a managed value where <see cref="Placement"/> says.</summary>
    public void Set(YamlPath key, ScalarValue value, ScalarStyle style = ScalarStyle.Plain)
    {
        var source = Placement(key);
        context.SetManaged(source.Where, source.PathOf(key), value, style);
    }

    /// <summary>Every source that sets <paramref name="key"/> today, with its node.</summary>
    public IEnumerable<(ValueSource Source, YamlNode Node)> FindAll(YamlPath key) =>
        Sources.Select(s => (Source: s, Node: s.Find(context.Workspace, key))).Where(p => p.Node is not null).Select(p => (p.Source, p.Node!));
}
