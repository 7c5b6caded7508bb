namespace ManifestGen.Modules.Workloads;

/// <summary>One flag: afterwards its last occurrence in the container's args has this value.</summary>
public sealed record FlagSetting(string Flag, string Value)
{
    /// <summary>The flag without its leading dashes: Go's flag package reads -x and --x alike.</summary>
    public string Bare => Flag.TrimStart('-');
    public string Joined => $"{Flag}={Value}";
}
