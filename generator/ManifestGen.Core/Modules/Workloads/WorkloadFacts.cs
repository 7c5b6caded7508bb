namespace ManifestGen.Modules.Workloads;

/// <summary>What workload tuning knows, each fact once: the kinds it tunes and the deliveries it writes.</summary>
public static class WorkloadFacts
{
    /// <summary>Kinds whose pod template sits at spec.template, with their API group and version.</summary>
    public static readonly IReadOnlyDictionary<string, (string Group, string Version)> Kinds = new Dictionary<string, (string, string)>
    {
        ["Deployment"] = ("apps", "v1"),
        ["StatefulSet"] = ("apps", "v1"),
        ["DaemonSet"] = ("apps", "v1"),
        ["ReplicaSet"] = ("apps", "v1"),
        ["Job"] = ("batch", "v1"),
    };

    /// <summary>The values of a workload's <c>delivery</c>.</summary>
    public static readonly IReadOnlyList<(string Name, WorkloadDelivery Delivery)> Deliveries =
        [("kyverno", WorkloadDelivery.Kyverno), ("postRenderer", WorkloadDelivery.PostRenderer), ("kustomization", WorkloadDelivery.Kustomization)];
}
