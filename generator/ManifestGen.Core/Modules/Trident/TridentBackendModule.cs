using ManifestGen.Editing;
using ManifestGen.Yaml;

namespace ManifestGen.Modules.Trident;

/// <summary>Sets <c>spec.limitVolumeSize</c> in place in the selected <c>TridentBackendConfig</c>.</summary>
public sealed class TridentBackendModule
{
    public void Apply(TridentBackendTuning backend, GenerationContext context)
    {
        var doc = context.FindDocument(backend.File, TridentFacts.BackendKind, backend.Name);
        var tuning = new PlanTuning("trident.backend", "TridentBackendConfig field, in place");
        if (backend.LimitVolumeSize is { } limit)
            context.SetManaged(tuning, backend.File.RepoPath, doc, YamlPath.Keys("spec", "limitVolumeSize"), ScalarValue.String(limit.Text));
    }
}
