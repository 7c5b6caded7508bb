namespace ManifestGen.Live;

/// <summary>
/// One tuning checked against the live objects: its name (a spec path, or the dead key it stands for),
/// the verdict, the live and wanted values as text, the object read, and a note (a rollout's counters,
/// a backend's phase, the sidecars' flags).
/// </summary>
public sealed record TuningCheck(string Name, TuningStatus Status, string Live, string Wanted, LiveRef Object, string? Note = null)
{
    public static string StatusText(TuningStatus status) => status switch
    {
        TuningStatus.InEffect => "in-effect",
        TuningStatus.NotInEffect => "not-in-effect",
        _ => "unknown",
    };
}
