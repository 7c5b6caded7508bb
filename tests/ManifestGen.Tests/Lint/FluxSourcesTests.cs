using ManifestGen.Tests.Support;

namespace ManifestGen.Tests.Lint;

/// <summary>
/// The source a HelmRelease reaches is the one applied with it, in the same Flux Kustomization's build, after its
/// substitutions; two of one name there are said, naming both, and neither is picked.
/// </summary>
public class FluxSourcesTests
{
    private static TempTree Repo(string second)
    {
        var tree = new TempTree();
        tree.Write("clusters/main/apps.yaml", "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: apps\n  namespace: flux-system\n" +
                                              "spec:\n  path: ./app\n  targetNamespace: kube-system\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n");
        tree.Write("app/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - helmrelease.yaml\n  - source.yaml\n  - other.yaml\n");
        tree.Write("app/helmrelease.yaml", "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: cilium\nspec:\n  chartRef:\n    kind: OCIRepository\n    name: cilium\n  values:\n    hubbel: {}\n");
        tree.Write("app/source.yaml", "apiVersion: source.toolkit.fluxcd.io/v1\nkind: OCIRepository\nmetadata:\n  name: cilium\nspec:\n  url: oci://example.invalid/charts/cilium\n  ref:\n    tag: 1.18.4\n");
        tree.Write("app/other.yaml", second);
        return tree;
    }

    [Fact]
    public void The_source_applied_with_the_release_decides_its_chart_and_version()
    {
        using var tree = Repo("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: unrelated\n");
        var run = CliRunner.Run("lint", tree.Root);
        Assert.Contains("app/helmrelease.yaml:10:5: warning MG0009: hubbel is not read by cilium 1.18.4", run.Stdout);
    }

    [Fact]
    public void Two_sources_of_one_name_in_the_build_are_named_and_neither_is_picked()
    {
        using var tree = Repo("apiVersion: source.toolkit.fluxcd.io/v1\nkind: OCIRepository\nmetadata:\n  name: cilium\nspec:\n  url: oci://example.invalid/charts/cilium\n  ref:\n    tag: 1.16.19\n");
        var run = CliRunner.Run("lint", tree.Root);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("note MG0010: HelmRelease cilium: 2 OCIRepository objects named cilium are applied with it (app/source.yaml, app/other.yaml): the tool does not pick one", run.Stdout);
        Assert.DoesNotContain("MG0009", run.Stdout);
    }
}
