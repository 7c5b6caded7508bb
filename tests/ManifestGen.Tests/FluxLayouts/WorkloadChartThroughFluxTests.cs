using ManifestGen.Tests.Snapshots;
using ManifestGen.Tests.Support;

namespace ManifestGen.Tests.FluxLayouts;

/// <summary>
/// A workload's post-renderer HelmRelease that names its chart through postBuild variables is read as Flux applies it
/// by validate and generate, as it is by lint and as Cilium's and Trident's HelmReleases are: every HelmRelease a
/// component edits is one of the contract's HelmReleaseTargets. Before the components shared one list, generate and
/// validate said they did not know chart ${CHART} while lint checked the same values against trident-operator.
/// </summary>
public class WorkloadChartThroughFluxTests
{
    private const string FluxKustomization = """
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata:
          name: trident
          namespace: flux-system
        spec:
          interval: 10m
          path: ./app
          prune: true
          sourceRef:
            kind: GitRepository
            name: flux-system
          postBuild:
            substitute:
              CHART: trident-operator
              VERSION: 100.2506.0
        """;

    [Fact]
    public void Validate_generate_and_lint_check_its_values_against_the_substituted_chart()
    {
        using var tree = new TempTree(Path.Combine(GenerateSnapshotTests.CasesDir, "workload-postrenderer", "input"));
        var release = tree.Read("helmrelease.yaml").Replace("chart: csi-controller", "chart: ${CHART}\n      version: ${VERSION}")
            .Replace("values: {}", "values:\n    tridentDebugg: true");
        File.Delete(tree.PathOf("helmrelease.yaml"));
        tree.Write("app/helmrelease.yaml", release);
        tree.Write("app/kustomization.yaml", "resources:\n  - helmrelease.yaml\n");
        tree.Write("flux/trident.yaml", FluxKustomization);
        // The observed object out of the folder the kustomization lists (a copy of the live object is never applied).
        tree.Write("observed/observed.yaml", tree.Read("observed.yaml"));
        File.Delete(tree.PathOf("observed.yaml"));
        tree.Write("tuning.yaml", tree.Read("tuning.yaml").Replace("helmRelease: helmrelease.yaml", "helmRelease: app/helmrelease.yaml")
            .Replace("observed: observed.yaml", "observed: observed/observed.yaml"));

        const string finding = "app/helmrelease.yaml:17:5: warning MG0009: tridentDebugg is not read by trident-operator 100.2506.0";
        var lint = CliRunner.Run("lint", tree.Root);
        Assert.Contains(finding, lint.Stdout + lint.Stderr);
        foreach (var verb in new[] { "validate", "generate" })
        {
            var run = CliRunner.Run(tree, verb);
            Assert.True(run.ExitCode == 0, run.Stderr);
            Assert.Contains(finding, run.Stderr);
            Assert.DoesNotContain("MG0015", run.Stderr);
        }
    }
}
