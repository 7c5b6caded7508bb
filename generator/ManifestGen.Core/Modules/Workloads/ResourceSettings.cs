namespace ManifestGen.Modules.Workloads;

/// <summary>Resource keys to set (cpu, memory, ...): other keys of the container's resources stay.</summary>
public sealed record ResourceSettings(IReadOnlyList<KeyValuePair<string, string>> Requests, IReadOnlyList<KeyValuePair<string, string>> Limits)
{
    public bool IsEmpty => Requests.Count == 0 && Limits.Count == 0;
}
