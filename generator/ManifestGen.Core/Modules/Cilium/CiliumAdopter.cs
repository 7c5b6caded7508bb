using ManifestGen.Diagnostics;
using System.Globalization;
using ManifestGen.Charts;
using ManifestGen.Spec;
using ManifestGen.Values;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Modules.Cilium;

/// <summary>
/// <c>init</c> for Cilium: the HelmRelease whose chart is cilium, its values where they live, and the conntrack
/// settings it already has as spec keys (the fact table's): real keys as they are, the dead <c>bpf.ct*Timeout</c>
/// family as the durations they meant (<c>21600</c> is <c>6h</c>). Generate right after changes no value the chart
/// gets, except the dead keys' replacement by the real ones.
/// </summary>
public static class CiliumAdopter
{
    /// <summary>The one rule every phase uses: a HelmRelease installs Cilium when its chart is named cilium.</summary>
    public static bool Installs(HelmReleaseChart chart) => chart.Reference.Name == CiliumFacts.Chart;

    /// <param name="overlay">The cluster's HelmRelease patch, when a Flux Kustomization applies the base with one: its
    /// spec.values are merged last, and the spec names it as the values to edit.</param>
    /// <param name="fixedBy">The other patches the cluster applies over the values (a Flux Kustomization's inline patch, a JSON
    /// 6902 operation): a key one of them sets is what the cluster gets, and generate does not edit it there, so it is not adopted.</param>
    public static CiliumTuning? Adopt(RepositoryWorkspace workspace, ValueSources values, string path, YamlDocumentNode doc,
        Func<string, string> relative, List<string> report, ValueSource? overlay = null, IReadOnlyList<ValueSource>? fixedBy = null)
    {
        var (sources, refused) = values.Each(path, DocumentRef.Of(doc), null, CiliumFacts.ValuesKey);
        if (refused.Count > 0)
        {
            report.Add($"not adopted: the Cilium HelmRelease {path}: {refused[0].Message}; add spec.cilium with values: PATH naming the file to edit");
            return null;
        }
        if (overlay is not null) sources = [.. sources, overlay];
        report.Add($"cilium: {path}, values in {string.Join(", then ", sources.Where(s => s.Kind is not (ValueSourceKind.Inline or ValueSourceKind.Patch) || s.Find(workspace, YamlPath.Root) is not null).Select(s => s.Description))}");
        // What each key is today: the last source that sets it wins.
        var notAdopted = new HashSet<string>(StringComparer.Ordinal);
        YamlNode? Effective(YamlPath key)
        {
            foreach (var patch in fixedBy ?? [])
                if (patch.Setting(workspace, key) is { } node)
                {
                    if (notAdopted.Add(key.ToString()))
                        report.Add($"cilium: {key} is set by {patch.Where.RepoPath}:{patch.Where.PositionOf(workspace, node.Start).Line}, a patch manifestgen does not edit ({patch}): not adopted; " +
                               $"generate refuses a tuning of it ({DiagnosticCodes.ValueOverriddenByPatch}) until it is removed there");
                    return null;
                }
            return sources.Select(s => s.Find(workspace, key)).LastOrDefault(n => n is not null);
        }

        var entries = new List<ConntrackEntry>();
        void Add(ConntrackSetting setting, string text)
        {
            if (GoDuration.TryParse(text, out var duration, out _)) entries.Add(new ConntrackEntry(setting, duration, null, default));
        }
        foreach (var setting in CiliumFacts.Conntrack.Where(s => s.Value == ConntrackValue.Duration))
        {
            if (Effective(setting.ValuesPath) is ScalarNode set)
            {
                var text = set.Value.Trim();
                if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                {
                    Add(setting, $"{text}ns");
                    report.Add($"cilium: {setting.ValuesPath} is {text} without a unit, which Cilium reads as nanoseconds: adopted as {setting.SpecKey}: {text}ns ({DiagnosticCodes.BareTimeout}; {text}s was probably meant)");
                }
                else if (GoDuration.TryParse(text, out _, out _))
                {
                    Add(setting, text);
                    report.Add($"cilium: {setting.ValuesPath} {text} adopted as conntrack.{setting.SpecKey}");
                }
                continue;
            }
            var dead = CiliumFacts.DeadKeys.FirstOrDefault(k => k.SpecKey == setting.SpecKey);
            if (dead is not null && Effective(dead.ValuesPath) is ScalarNode old
                && decimal.TryParse(old.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
            {
                var meant = Seconds(seconds);
                Add(setting, meant);
                report.Add($"cilium: {dead.ValuesPath}: {old.Value} is a dead key (not a Cilium chart value, it never reached the agent): adopted as conntrack.{setting.SpecKey}: {meant}; generate replaces it with {setting.ValuesPath}");
            }
        }
        foreach (var dead in CiliumFacts.DeadKeys.Where(d => d.SpecKey is null))
            if (Effective(dead.ValuesPath) is ScalarNode close)
                report.Add($"cilium: {dead.ValuesPath}: {close.Value} is a dead key, and {CiliumFacts.NoCloseTimeout}: not adopted; generate removes it once the spec has conntrack");
        foreach (var setting in CiliumFacts.Conntrack.Where(s => s.Value == ConntrackValue.TableSize))
        {
            if (Effective(setting.ValuesPath) is ScalarNode size && long.TryParse(size.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
                && n >= CiliumFacts.TableSizeMin && n <= CiliumFacts.TableSizeMax)
            {
                entries.Add(new ConntrackEntry(setting, null, n, default));
                report.Add($"cilium: {setting.ValuesPath} {n.ToString(CultureInfo.InvariantCulture)} adopted as conntrack.{setting.SpecKey}");
            }
        }
        bool? rollOut = null;
        if (Effective(CiliumFacts.RollOutPods) is ScalarNode roll && roll.ToValue().Kind == ScalarKind.Boolean) rollOut = ScalarResolver.IsTrue(roll.ToValue().Text);
        else if (entries.Count > 0)
            report.Add($"cilium: rollOutCiliumPods is not set, so the agents keep old conntrack settings until they restart ({DiagnosticCodes.ConntrackWithoutRollout}); add rollOutPods: true to the spec to roll them");
        // Entries in the fact table's order, as the reader keeps them.
        var ordered = CiliumFacts.Conntrack.Select(s => entries.FirstOrDefault(e => e.Setting == s)).OfType<ConntrackEntry>().ToList();
        return new CiliumTuning(new TargetFile(relative(path), path, default), ordered.Count == 0 ? null : new ConntrackTuning(ordered, default), rollOut, default,
            overlay is null ? null : new TargetFile(relative(overlay.Where.RepoPath), overlay.Where.RepoPath, default));
    }

    /// <summary>Seconds as a Go duration without zero parts: 21600 is 6h, 90 is 1m30s.</summary>
    public static string Seconds(decimal seconds)
    {
        var total = (long)seconds;
        var (h, m, s) = (total / 3600, total % 3600 / 60, total % 60);
        var text = (h > 0 ? $"{h}h" : "") + (m > 0 ? $"{m}m" : "") + (s > 0 ? $"{s}s" : "");
        return text.Length == 0 ? "0s" : text;
    }
}
