namespace ManifestGen.Modules.Workloads;

/// <summary>The target object lacks a container the spec names: the tuning would land nowhere, or elsewhere.</summary>
public sealed class WorkloadMismatchException(string message) : Exception(message);
