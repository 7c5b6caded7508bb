namespace ManifestGen.Yaml;

/// <summary>
/// Where a new key goes in a mapping: where it sorts, when the mapping's keys (three or more, as the file stood
/// before the run) are in order, case-insensitive, as many people keep values (`envoy`, `extraConfig`, `hubble`);
/// otherwise at the end. Two keys are too few to call an order. The splicer and its reference (<see cref="DataPath"/>)
/// both ask here, and <see cref="YamlEditor.Apply(YamlFile, YamlFile?, IEnumerable{YamlEdit})"/> decides which file's
/// order counts.
/// </summary>
public static class MappingOrder
{
    public const int MinimumKeys = 3;

    private static readonly StringComparer Order = StringComparer.OrdinalIgnoreCase;

    /// <summary>Whether these keys (null for a key that is not a scalar) are an order to keep.</summary>
    public static bool IsOrdered(IReadOnlyList<string?> keys)
    {
        if (keys.Count < MinimumKeys || keys.Any(k => k is null)) return false;
        for (var i = 1; i < keys.Count; i++)
            if (Order.Compare(keys[i - 1], keys[i]) > 0) return false;
        return true;
    }

    /// <summary>The index a new key takes among the mapping's keys as they are now: before the first that sorts after it.</summary>
    public static int PositionAmong(IReadOnlyList<string?> keys, string key)
    {
        for (var i = 0; i < keys.Count; i++)
            if (keys[i] is { } k && Order.Compare(k, key) > 0) return i;
        return keys.Count;
    }
}
