using ManifestGen.Generation;
using ManifestGen.Spec;
using ManifestGen.Yaml;

namespace ManifestGen.Modules.Trident;

/// <summary>Sets <c>spec.limitVolumeSize</c> in place in the selected <c>TridentBackendConfig</c>.</summary>
public sealed class TridentBackendModule : ITuningModule
{
    public void Apply(ClusterTuningSpec spec, GenerationContext context)
    {
        if (spec.Trident?.Backend is not { } backend) return;
        var doc = context.FindDocument(backend.File, "TridentBackendConfig", backend.Name);
        context.BeginTuning("trident.backend", "TridentBackendConfig field, in place");
        if (backend.LimitVolumeSize is { } limit)
            context.SetManaged(backend.File.RepoPath, doc, YamlPath.Keys("spec", "limitVolumeSize"), ScalarValue.String(limit.Text));
    }
}
