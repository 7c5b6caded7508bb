namespace ManifestGen.Charts;

/// <summary>
/// The releases of one chart that one source gives (the built-in data, a <c>--charts</c> folder, a fetched archive):
/// each release's value tree, decoded from the text form only when a release is asked about, and the history across
/// them, built only when a question across releases is asked (a finding's "last release that read it").
/// </summary>
public sealed class ChartData
{
    private readonly Lazy<ValueTree>[] trees;
    private readonly Lazy<ChartHistory> history;

    private ChartData(string chart, IReadOnlyList<ChartRelease> releases, Func<int, ValueTree> tree, Func<ChartHistory> history)
    {
        Chart = chart;
        Releases = releases;
        trees = releases.Select((_, i) => new Lazy<ValueTree>(() => tree(i))).ToArray();
        this.history = new Lazy<ChartHistory>(history);
    }

    public string Chart { get; }

    /// <summary>The releases, oldest first.</summary>
    public IReadOnlyList<ChartRelease> Releases { get; }

    /// <summary>One release's value tree (index into <see cref="Releases"/>).</summary>
    public ValueTree Tree(int release) => trees[release].Value;

    public ChartHistory History => history.Value;

    /// <summary>Releases with their trees, in version order (a release id twice is refused by the caller).</summary>
    public static ChartData Of(string chart, IEnumerable<(ChartRelease Release, ValueTree Tree)> releases)
    {
        var sorted = releases.OrderBy(r => r.Release.Id).ToList();
        var list = sorted.Select(r => r.Release).ToList();
        var trees = sorted.Select(r => r.Tree).ToList();
        return new ChartData(chart, list, i => trees[i], () => ChartHistory.Of(trees));
    }

    /// <summary>Releases whose trees are decoded from text on demand (<see cref="ChartDataText"/>).</summary>
    internal static ChartData Lazy(string chart, IReadOnlyList<ChartRelease> releases, Func<int, ValueTree> tree, Func<ChartHistory> history) =>
        new(chart, releases, tree, history);
}
