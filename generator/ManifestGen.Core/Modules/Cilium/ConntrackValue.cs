
namespace ManifestGen.Modules.Cilium;

/// <summary>What a conntrack setting holds: a Go duration (always written with a unit) or a table size in entries.</summary>
public enum ConntrackValue { Duration, TableSize }
