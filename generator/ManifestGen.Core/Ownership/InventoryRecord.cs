
namespace ManifestGen.Ownership;

/// <summary>
/// An inventory as read: what the spec managed; for each value the tool took over (the key was there
/// before it), the text it had then, so that pruning gives it back; and the mappings the tool created to
/// hold its values (<c>spec.values</c> in a HelmRelease that had none), which pruning removes once empty.
/// </summary>
public sealed record InventoryRecord(IReadOnlyList<InventoryEntry> Entries, IReadOnlyDictionary<InventoryEntry, string> Originals,
    IReadOnlySet<InventoryEntry> Created)
{
    public static InventoryRecord Empty { get; } = new([], new Dictionary<InventoryEntry, string>(), new HashSet<InventoryEntry>());
}
