using ManifestGen.Modules.Workloads;
using ManifestGen.Spec;

namespace ManifestGen.Modules.Trident;

/// <summary>Requests and limits for one container of trident-controller, by its upstream name.</summary>
public sealed record ControllerResources(string Container, ResourceSettings Resources, SpecLocation At);
