using ManifestGen.Tests.Snapshots;
using ManifestGen.Tests.Support;

namespace ManifestGen.Tests.Conformance;

/// <summary>Every kustomization folder in every expected output builds with the real kustomize, with what we added to it.</summary>
public class KustomizationBuildTests
{
    [KubectlFact]
    public void Every_emitted_kustomization_builds()
    {
        var folders = Directory.EnumerateFiles(GenerateSnapshotTests.CasesDir, "kustomization.yaml", SearchOption.AllDirectories)
            .Where(f => f.Contains($"{Path.DirectorySeparatorChar}expected{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(Path.GetDirectoryName).ToList();
        Assert.True(folders.Count >= 5, $"found {folders.Count} kustomizations");
        // Kustomize fails the test, with its message, when a folder does not build.
        foreach (var folder in folders) Kubectl.Kustomize(folder!);
    }
}
