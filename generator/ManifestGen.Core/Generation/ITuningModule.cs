using ManifestGen.Spec;

namespace ManifestGen.Generation;

/// <summary>One concern of the spec (Cilium, a Trident backend, ...): turns its part of the spec into edits.</summary>
public interface ITuningModule
{
    void Apply(ClusterTuningSpec spec, GenerationContext context);
}
