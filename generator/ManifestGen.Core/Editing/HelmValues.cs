using ManifestGen.Charts;
using ManifestGen.Diagnostics;
using ManifestGen.Values;
using ManifestGen.Spec;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Editing;

/// <summary>
/// A HelmRelease's values, wherever they live. Modules say what to set (<c>bpf.ctTcpMax</c>); this
/// decides where, so that the effective value is the one written and the user's layout is kept:
/// <list type="bullet">
/// <item>everything goes into a cluster's HelmRelease patch when the spec names one (<see cref="ValueSourceKind.Patch"/>):
/// kustomize merges it over the base, so it wins for that cluster, and a base other clusters apply is left alone;</item>
/// <item>a key some source already sets is edited in the last such source (the one that wins today);</item>
/// <item>a new key goes where its parent mapping already is (the last source holding it);</item>
/// <item>a new top-level key, or one whose parent is nowhere, goes into the first <c>valuesFrom</c>
/// source, and into <c>spec.values</c> only when the HelmRelease has no other source.</item>
/// </list>
/// Writing into the last source that holds a key means no later source overrides it. And nothing is written that
/// the chart release does not read (MG3009): a value a chart ignores does nothing.
/// </summary>
public sealed class HelmValues
{
    private readonly GenerationContext context;

    private readonly string helmReleasePath;
    private readonly int documentIndex;
    private readonly PlanTuning tuning;

    private HelmValues(GenerationContext context, PlanTuning tuning, IReadOnlyList<ValueSource> sources, HelmReleaseChart chart, string helmReleasePath, int documentIndex)
    {
        this.context = context;
        this.tuning = tuning;
        Sources = sources;
        Chart = chart;
        this.helmReleasePath = helmReleasePath;
        this.documentIndex = documentIndex;
    }

    /// <summary>The sources in helm-controller's merge order: <c>valuesFrom</c> entries, then <c>spec.values</c>.</summary>
    public IReadOnlyList<ValueSource> Sources { get; }

    /// <summary>The chart and the release the values are checked against.</summary>
    public HelmReleaseChart Chart { get; }

    /// <param name="tuning">The tuning the values are set for (each plan row names it).</param>
    public static HelmValues Open(GenerationContext context, PlanTuning tuning, TargetFile helmRelease, DocumentRef document, TargetFile? explicitValues, string specKey) =>
        new(context, tuning, context.ValueSources(helmRelease.RepoPath, document, explicitValues, specKey), context.Charts.Resolve(helmRelease.RepoPath, document),
            helmRelease.RepoPath, document.Selector.Select(context.Workspace.ReadYaml(helmRelease.RepoPath)).Index);

    /// <summary>The source a value for <paramref name="key"/> is written to.</summary>
    public ValueSource Placement(YamlPath key)
    {
        if (Sources[^1].Kind == ValueSourceKind.Patch) return Sources[^1];
        var ws = context.Workspace;
        for (var depth = key.Segments.Count; depth >= 1; depth--)
        {
            var prefix = key.Prefix(depth);
            var holders = Sources.Where(s => s.Find(ws, prefix) is { } node && (depth == key.Segments.Count || node is MappingNode)).ToList();
            if (holders.Count > 0) return holders[^1];
        }
        return Sources[0];
    }

    /// <summary>
    /// Sets a managed value where <see cref="Placement"/> says, once the chart release is known to read it;
    /// <paramref name="at"/> is the spec key that asks for it, where a refusal points.
    /// </summary>
    public void Set(YamlPath key, ScalarValue value, SpecLocation at, ScalarStyle style = ScalarStyle.Plain)
    {
        var answer = Chart.Answer(key);
        if (answer is { IsRead: false } && Chart.Checked is { } known)
        {
            var chart = Chart.Resolution!.Chart;
            var first = context.Charts.FirstReader(chart, key);
            throw new InvalidInputException(Diagnostic.Of(DiagnosticCodes.ValueNotReadByChart, at.File, at.Position,
                $"{known.Release.Describe(chart)} does not read the value {key}, so writing it would do nothing; nothing was written",
                first is null ? $"no release of {chart} the tool knows reads {key}"
                    : first.Id > known.Release.Id ? $"{first.Describe(chart)} is the first release that reads it: upgrade the chart"
                    : $"{first.Describe(chart)} reads it"));
        }
        var source = Placement(key);
        context.ValueWritten(new WrittenValue(helmReleasePath, documentIndex, key, source, at));
        context.SetManaged(tuning, source.Where, source.PathOf(key), value, style, new ChartDefault(Chart.Resolution?.Describe(), DefaultOf(answer)));
    }

    /// <summary>What the chart gives without the tuning: its default, or nothing (the program decides).</summary>
    private static string DefaultOf(ValueAnswer? answer) =>
        answer is { Default: "\"\"" } ? "\"\" (unset: the agent decides)"
        : answer is { Default: { } d } ? d : answer is null ? "not checked" : "unset: the agent decides";
}
