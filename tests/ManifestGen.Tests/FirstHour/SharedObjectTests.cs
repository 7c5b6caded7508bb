using ManifestGen.Tests.Support;

namespace ManifestGen.Tests.FirstHour;

/// <summary>
/// One base HelmRelease that the Flux Kustomizations of two clusters apply: a spec tunes one cluster, but a tuning
/// of that file reaches both, and init, validate and generate say so (MG0014), naming every Kustomization.
/// </summary>
[Collection(CurrentFolderCollection.Name)]
public class SharedObjectTests
{
    private const string FluxKustomization = """
        ---
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata:
          name: apps
          namespace: flux-system
        spec:
          interval: 10m
          path: ./kubernetes/apps/CLUSTER
          prune: true
          sourceRef:
            kind: GitRepository
            name: flux-system
        """;

    private static TempTree TwoClusters(bool substitute = false)
    {
        var tree = new TempTree();
        Directory.CreateDirectory(tree.PathOf(".git"));
        var example = Path.Combine(RepoPaths.ExampleInput, "kubernetes", "apps", "kube-system", "cilium", "app");
        tree.Write("kubernetes/apps/base/cilium/helmrelease.yaml", File.ReadAllText(Path.Combine(example, "helmrelease.yaml")));
        tree.Write("kubernetes/apps/base/cilium/kustomization.yaml", File.ReadAllText(Path.Combine(example, "kustomization.yaml")));
        foreach (var cluster in new[] { "main", "test" })
        {
            var ks = FluxKustomization.Replace("CLUSTER", cluster);
            if (substitute) ks += $"\n  postBuild:\n    substitute:\n      CLUSTER_NAME: {cluster}\n";
            tree.Write($"kubernetes/clusters/{cluster}/apps.yaml", ks);
            tree.Write($"kubernetes/apps/{cluster}/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../base/cilium\n");
        }
        tree.Write("kubernetes/clusters/main/tuning.yaml", """
            apiVersion: manifestgen.io/v1alpha1
            kind: ClusterTuning
            metadata:
              name: main
            spec:
              cilium:
                helmRelease: ../../apps/base/cilium/helmrelease.yaml
                conntrack: {tcpTimeout: 6h}
                rollOutPods: true
            """);
        return tree;
    }

    [Fact]
    public void Validate_and_generate_name_every_Kustomization_that_applies_the_tuned_file()
    {
        using var tree = TwoClusters();
        var spec = tree.PathOf("kubernetes/clusters/main/tuning.yaml");
        foreach (var verb in new[] { "validate", "generate" })
        {
            var run = CliRunner.Run(verb, "--spec", spec);
            Assert.True(run.ExitCode == 0, run.Stderr);
            Assert.Contains("kubernetes/apps/base/cilium/helmrelease.yaml:1:1: warning MG0014: kubernetes/apps/base/cilium/helmrelease.yaml is applied by 2 Flux Kustomizations: " +
                            "Kustomization flux-system/apps (kubernetes/clusters/main/apps.yaml:2, path ./kubernetes/apps/main); " +
                            "Kustomization flux-system/apps (kubernetes/clusters/test/apps.yaml:2, path ./kubernetes/apps/test); this spec's tuning applies to all of them " +
                            "(hint: to tune one cluster only, give it an overlay of its own", run.Stderr);
        }
        // check runs on every pull request and reads no Kustomization for it.
        Assert.DoesNotContain("MG0014", CliRunner.Run("check", "--spec", spec).Stderr);
    }

    [Fact]
    public void In_a_fleet_each_cluster_that_tunes_a_shared_file_is_told()
    {
        using var tree = TwoClusters();
        // The test cluster's spec tunes nothing of the base: only main is told.
        tree.Write("kubernetes/clusters/test/tuning.yaml", "apiVersion: manifestgen.io/v1alpha1\nkind: ClusterTuning\nmetadata:\n  name: test\nspec: {}\n");
        var run = CliRunner.Run("validate", "--spec", tree.PathOf("kubernetes/clusters"));
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(1, run.Stderr.Split("warning MG0014: kubernetes/apps/base/cilium/helmrelease.yaml is applied by 2 Flux Kustomizations").Length - 1);
        Assert.EndsWith("fleet: 2 cluster(s), 2 file(s) generate would change\n", run.Stdout);
    }

    [Fact]
    public void One_cluster_applying_the_file_is_no_warning_and_substitutions_are_named()
    {
        using var tree = TwoClusters(substitute: true);
        var spec = tree.PathOf("kubernetes/clusters/main/tuning.yaml");
        Assert.Contains("(with postBuild substitutions of their own, which the tuning does not vary)", CliRunner.Run("validate", "--spec", spec).Stderr);
        File.Delete(tree.PathOf("kubernetes/apps/test/kustomization.yaml"));
        tree.Write("kubernetes/apps/test/other.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n");
        Assert.DoesNotContain("MG0014", CliRunner.Run("validate", "--spec", spec).Stderr);
    }

    /// <summary>
    /// From the root, a base two clusters apply is two candidates (MG5006), naming both clusters; from one cluster's
    /// folder, init follows that cluster's Flux Kustomization to the base and adopts it, warning that the base is shared.
    /// </summary>
    [Fact]
    public void Init_of_a_base_two_clusters_apply_asks_for_one_cluster_and_adopts_it_from_that_cluster_s_folder()
    {
        using var tree = TwoClusters();
        File.Delete(tree.PathOf("kubernetes/clusters/main/tuning.yaml"));
        var root = CurrentFolderCollection.Run(tree.Root, "init");
        Assert.Equal(2, root.Code);
        Assert.Contains("error MG5006: cilium: kubernetes/apps/base/cilium/helmrelease.yaml (HelmRelease kube-system/cilium) is applied by 2 Flux Kustomizations, one cluster each: " +
                        "apps (kubernetes/clusters/main/apps.yaml), apps (kubernetes/clusters/test/apps.yaml)", root.Stderr);
        Assert.Contains("manifestgen init kubernetes/clusters/main --output kubernetes/clusters/main/tuning.yaml", root.Stderr);

        var init = CurrentFolderCollection.Run(tree.Root, "init", "kubernetes/clusters/main", "--output", "kubernetes/clusters/main/tuning.yaml");
        Assert.True(init.Code == 0, init.Stderr);
        Assert.Contains("helmRelease: ../../apps/base/cilium/helmrelease.yaml", tree.Read("kubernetes/clusters/main/tuning.yaml"));
        Assert.Contains("warning MG0014: kubernetes/apps/base/cilium/helmrelease.yaml is applied by 2 Flux Kustomizations", init.Stderr);
    }

    /// <summary>
    /// Real single-cluster repositories where a Kustomization of the whole apps folder (cluster-apps, path
    /// ./kubernetes/apps) and the app's own (path .../cilium/app) both exist: the first applies the second, not the
    /// HelmRelease, as kustomize-controller stops at a folder with its own kustomization. No warning.
    /// </summary>
    [SharedTheory]
    [InlineData("onedr0p-home-ops")]
    [InlineData("vikaspogu-k8s-gitops")]
    public void A_cluster_whose_Kustomizations_nest_is_one_cluster(string repository)
    {
        using var tree = new TempTree(Path.Combine(RepoPaths.RequireShared(), "corpus", "public", repository));
        Directory.CreateDirectory(tree.PathOf(".git"));
        var init = CurrentFolderCollection.Run(tree.Root, "init");
        Assert.True(init.Code == 0, init.Stderr);
        Assert.Contains("cilium", tree.Read("tuning.yaml"));
        Assert.DoesNotContain("MG0014", init.Stderr);
    }
}
