using ManifestGen.Yaml;

namespace ManifestGen.Modules.Cilium;

/// <summary>
/// One conntrack setting of the spec (<c>spec.cilium.conntrack.SPECKEY</c>): where the chart takes it
/// (<paramref name="ValuesPath"/>) and the cilium-config key the agent reads it from (<paramref name="ConfigKey"/>).
/// Whether a chart release reads <paramref name="ValuesPath"/> is the chart data's answer, not this table's.
/// </summary>
public sealed record ConntrackSetting(string SpecKey, ConntrackValue Value, YamlPath ValuesPath, string ConfigKey);
