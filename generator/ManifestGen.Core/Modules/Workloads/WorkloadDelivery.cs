namespace ManifestGen.Modules.Workloads;

/// <summary>How a workload's tuning reaches the cluster.</summary>
public enum WorkloadDelivery { Kyverno, PostRenderer, Kustomization }
