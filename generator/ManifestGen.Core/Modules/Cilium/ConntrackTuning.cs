using ManifestGen.Spec;

namespace ManifestGen.Modules.Cilium;

/// <summary><c>spec.cilium.conntrack</c>: the settings the spec gives, in the order of <see cref="CiliumFacts.Conntrack"/>.</summary>
public sealed record ConntrackTuning(IReadOnlyList<ConntrackEntry> Entries, SpecLocation At)
{
    /// <summary>The setting with this spec key, if the spec gives it.</summary>
    public ConntrackEntry? this[string specKey] => Entries.FirstOrDefault(e => e.Setting.SpecKey == specKey);

    public IEnumerable<ConntrackEntry> Durations => Entries.Where(e => e.Setting.Value == ConntrackValue.Duration);
}
