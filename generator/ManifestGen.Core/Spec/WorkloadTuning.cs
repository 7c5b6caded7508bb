namespace ManifestGen.Spec;

/// <summary>How a workload's tuning reaches the cluster.</summary>
public enum WorkloadDelivery { Kyverno, PostRenderer, Kustomization }

/// <summary>The object a workload tuning targets.</summary>
public sealed record WorkloadTarget(string Kind, string? Namespace, string Name)
{
    public override string ToString() => $"{Kind} {(Namespace is null ? "" : Namespace + "/")}{Name}";
}

/// <summary>One flag: afterwards its last occurrence in the container's args has this value.</summary>
public sealed record FlagSetting(string Flag, string Value)
{
    /// <summary>The flag without its leading dashes: Go's flag package reads -x and --x alike.</summary>
    public string Bare => Flag.TrimStart('-');
    public string Joined => $"{Flag}={Value}";
}

/// <summary>Resource keys to set (cpu, memory, ...): other keys of the container's resources stay.</summary>
public sealed record ResourceSettings(IReadOnlyList<KeyValuePair<string, string>> Requests, IReadOnlyList<KeyValuePair<string, string>> Limits)
{
    public bool IsEmpty => Requests.Count == 0 && Limits.Count == 0;
}

/// <summary>Everything the spec asks of one container, merged over the spec's container groups in order.</summary>
public sealed record ContainerIntent(string Name, IReadOnlyList<FlagSetting> Flags, ResourceSettings Resources, SpecLocation At);

/// <summary>An entry of <c>spec.workloads</c>.</summary>
public sealed record WorkloadTuning(
    string Name,
    WorkloadTarget Target,
    WorkloadDelivery Delivery,
    TargetFile? HelmRelease,
    string? KustomizationDir,
    string? OutputRepoPath,
    TargetFile? Observed,
    IReadOnlyList<ContainerIntent> Containers,
    SpecLocation At)
{
    public bool TouchesArgs => Containers.Any(c => c.Flags.Count > 0);
}
