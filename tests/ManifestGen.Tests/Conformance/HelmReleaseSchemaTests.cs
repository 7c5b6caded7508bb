using ManifestGen.Tests.Snapshots;
using ManifestGen.Tests.Support;
using ManifestGen.Yaml;

namespace ManifestGen.Tests.Conformance;

/// <summary>Every HelmRelease the tool emits is valid against Flux's own CRD schema (helm.toolkit.fluxcd.io/v2).</summary>
public class HelmReleaseSchemaTests
{
    [SharedFact]
    public void Every_emitted_helm_release_validates_against_the_flux_crd()
    {
        var schema = CrdSchema.Load("helm.toolkit.fluxcd.io_helmreleases.crd.yaml", "v2");
        var checkedCount = 0;
        foreach (var file in Directory.EnumerateFiles(GenerateSnapshotTests.CasesDir, "*.yaml", SearchOption.AllDirectories)
                     .Where(f => f.Contains($"{Path.DirectorySeparatorChar}expected{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            foreach (var doc in YamlFile.Parse(File.ReadAllBytes(file)).Documents)
            {
                if (doc.Kind != "HelmRelease") continue;
                var errors = schema.Validate(YamlValue.FromNode(doc.Root));
                Assert.True(errors.Count == 0, $"{file}: {string.Join("; ", errors)}");
                checkedCount++;
            }
        }
        Assert.True(checkedCount >= 8, $"expected the snapshot cases to hold HelmReleases; found {checkedCount}");
    }

    [SharedFact]
    public void The_strict_schema_rejects_what_flux_removed()
    {
        // The check must be able to fail: patchesJson6902 is gone from v2 post-renderers.
        var schema = CrdSchema.Load("helm.toolkit.fluxcd.io_helmreleases.crd.yaml", "v2");
        var removed = YamlValue.Parse("""
            apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            metadata: {name: x}
            spec:
              interval: 1h
              chart: {spec: {chart: x, sourceRef: {kind: HelmRepository, name: x}}}
              postRenderers:
                - kustomize:
                    patchesJson6902:
                      - target: {kind: Deployment, name: x}
                        patch: []
            """);
        var errors = schema.Validate(removed);
        Assert.True(errors.Any(e => e.Contains("patchesJson6902", StringComparison.Ordinal)), string.Join("; ", errors));
    }
}
