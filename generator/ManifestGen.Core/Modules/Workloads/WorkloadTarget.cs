namespace ManifestGen.Modules.Workloads;

/// <summary>The object a workload tuning targets.</summary>
public sealed record WorkloadTarget(string Kind, string? Namespace, string Name)
{
    public override string ToString() => $"{Kind} {(Namespace is null ? "" : Namespace + "/")}{Name}";
}
