using ManifestGen.Diagnostics;
using ManifestGen.Spec;
using ManifestGen.Yaml;

namespace ManifestGen.Modules.Cilium;

/// <summary>Reads <c>spec.cilium</c>; the conntrack keys are the fact table's (<see cref="CiliumFacts.Conntrack"/>).</summary>
internal static class CiliumSpecReader
{
    public const string Section = "cilium";

    public static CiliumTuning? Read(SpecReader r, MappingNode spec)
    {
        var entry = spec.Find(Section);
        var map = r.Map(entry?.Value, "spec.cilium");
        if (entry is null || map is null) return null;
        r.Keys(map, "spec.cilium", "helmRelease", "values", "conntrack", "rollOutPods");
        var helmRelease = r.Target(map, "helmRelease", "spec.cilium");
        var values = map.Find("values") is null ? null : r.Target(map, "values", "spec.cilium");
        var rollOut = r.Bool(map, "rollOutPods", "spec.cilium");
        ConntrackTuning? conntrack = null;
        var ctEntry = map.Find("conntrack");
        if (r.Map(ctEntry?.Value, "spec.cilium.conntrack") is { } ct)
        {
            const string path = "spec.cilium.conntrack";
            r.Keys(ct, path, [.. CiliumFacts.Conntrack.Select(c => c.SpecKey)],
                key => CiliumFacts.AsksForCloseTimeout(key) ? CiliumFacts.CloseTimeoutHint : null);
            var entries = new List<ConntrackEntry>();
            foreach (var setting in CiliumFacts.Conntrack)
            {
                if (ct.Find(setting.SpecKey) is not { } e) continue;
                if (setting.Value == ConntrackValue.TableSize)
                {
                    if (r.Integer(ct, setting.SpecKey, path, min: CiliumFacts.TableSizeMin, max: CiliumFacts.TableSizeMax) is { } size)
                        entries.Add(new ConntrackEntry(setting, null, size, r.At(e)));
                    continue;
                }
                if (e.Value is not ScalarNode s || s.ToValue() is not { } v || v.Kind is ScalarKind.Null)
                {
                    r.Error(DiagnosticCodes.SpecWrongType, e.Value, $"{path}.{setting.SpecKey} must be a duration such as 6h or 90s");
                    continue;
                }
                if (!GoDuration.TryParse(v.Text, out var duration, out var why))
                {
                    var hint = v.Kind == ScalarKind.Integer ? $"write {v.Text}s for seconds" : null;
                    r.Error(DiagnosticCodes.SpecBadDuration, e.Value, $"{path}.{setting.SpecKey}: {why}", hint);
                    continue;
                }
                entries.Add(new ConntrackEntry(setting, duration!, null, r.At(e)));
            }
            conntrack = new ConntrackTuning(entries, r.At(ctEntry!));
        }
        return helmRelease is null ? null : new CiliumTuning(helmRelease, conntrack, rollOut, r.At(entry), values);
    }
}
