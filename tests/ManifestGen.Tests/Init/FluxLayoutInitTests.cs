using ManifestGen.Tests.Support;
using ManifestGen.Yaml;

namespace ManifestGen.Tests.Init;

/// <summary>
/// <c>init</c> on the layout Flux's own example teaches: a base HelmRelease and a cluster's patch that its overlay's
/// kustomization lists, applied by the cluster's Flux Kustomization. The patch is part of the release, never a second
/// candidate; the base is adopted, the values the patch sets are adopted where they live, and the spec names the
/// patch as the values to edit, so generate writes that cluster's overlay.
/// </summary>
public class FluxLayoutInitTests
{
    private static TempTree OneCluster()
    {
        var tree = new TempTree();
        Directory.CreateDirectory(tree.PathOf(".git"));
        tree.Write("clusters/staging/apps.yaml", """
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata:
              name: apps
              namespace: flux-system
            spec:
              interval: 10m
              path: ./apps/staging
              prune: true
              sourceRef:
                kind: GitRepository
                name: flux-system
            """);
        tree.Write("apps/base/cilium/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: kube-system\nresources:\n  - release.yaml\n");
        tree.Write("apps/base/cilium/release.yaml", """
            apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            metadata:
              name: cilium
            spec:
              interval: 30m
              targetNamespace: kube-system
              chart:
                spec:
                  chart: cilium
                  sourceRef:
                    kind: HelmRepository
                    name: cilium
              values:
                hubble:
                  relay:
                    enabled: true
            """);
        tree.Write("apps/staging/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../base/cilium\npatches:\n  - path: cilium-values.yaml\n    target:\n      kind: HelmRelease\n");
        tree.Write("apps/staging/cilium-values.yaml", """
            apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            metadata:
              name: cilium
            spec:
              chart:
                spec:
                  chart: cilium
                  version: 1.18.4
              values:
                rollOutCiliumPods: true
                extraConfig:
                  bpf-ct-timeout-regular-tcp: "6h"
            """);
        return tree;
    }

    [KubectlFact]
    public void The_base_is_adopted_the_patch_holds_the_values_and_generate_writes_the_cluster_s_overlay()
    {
        using var tree = OneCluster();
        var init = CurrentFolderCollection.Run(tree.Root, "init");
        Assert.True(init.Code == 0, init.Stderr);
        var spec = tree.Read("tuning.yaml");
        Assert.Contains("helmRelease: apps/base/cilium/release.yaml\n", spec);
        Assert.Contains("values: apps/staging/cilium-values.yaml\n", spec);
        Assert.Contains("tcpTimeout: 6h", spec);
        Assert.DoesNotContain("MG5006", init.Stderr);

        // Generate right after init changes no value Flux applies; check is then current.
        var before = Kubectl.Kustomize(tree.PathOf("apps/staging"));
        Assert.Equal(0, CurrentFolderCollection.Run(tree.Root, "generate").Code);
        Assert.Equal(YamlWriter.Document(Values(before)!), YamlWriter.Document(Values(Kubectl.Kustomize(tree.PathOf("apps/staging")))!));
        Assert.Equal(0, CurrentFolderCollection.Run(tree.Root, "check").Code);

        // A tuning added later goes to the cluster's patch, under spec.values, and is in what kustomize renders.
        tree.Write("tuning.yaml", tree.Read("tuning.yaml").Replace("tcpTimeout: 6h", "tcpTimeout: 6h\n      tcpFinTimeout: 10s"));
        Assert.Equal(0, CurrentFolderCollection.Run(tree.Root, "generate").Code);
        Assert.Contains("bpf-ct-timeout-regular-tcp-fin", tree.Read("apps/staging/cilium-values.yaml"));
        Assert.DoesNotContain("bpf-ct-timeout-regular-tcp-fin", tree.Read("apps/base/cilium/release.yaml"));
        Assert.Equal("10s", YamlValue.TextOf(YamlValue.At(Values(Kubectl.Kustomize(tree.PathOf("apps/staging"))), "extraConfig", "bpf-ct-timeout-regular-tcp-fin")));
        var check = CurrentFolderCollection.Run(tree.Root, "check");
        Assert.True(check.Code == 0, check.Stdout + check.Stderr);
        // Checked against the version the patch pins, not the newest known.
        Assert.DoesNotContain("pins no version", check.Stderr);
    }

    [Fact]
    public void Init_on_the_overlay_folder_adopts_the_base_it_patches_not_the_patch()
    {
        using var tree = OneCluster();
        var init = CurrentFolderCollection.Run(tree.Root, "init", "apps/staging", "--output", "apps/staging/tuning.yaml");
        Assert.True(init.Code == 0, init.Stderr);
        var spec = tree.Read("apps/staging/tuning.yaml");
        Assert.Contains("helmRelease: ../base/cilium/release.yaml\n", spec);
        Assert.Contains("values: cilium-values.yaml\n", spec);
        // The base holds the target namespace: verify asks kubectl where the objects are.
        var verify = CurrentFolderCollection.Run(tree.Root, "verify", "--spec", "apps/staging/tuning.yaml", "--print-kubectl");
        Assert.Contains("-n kube-system", verify.Stdout);
    }

    [Fact]
    public void Verify_asks_kubectl_in_the_namespace_the_Flux_Kustomization_applies_the_release_in()
    {
        using var tree = OneCluster();
        // The namespace only the Flux Kustomization gives: no targetNamespace in the base, none in its kustomization.
        tree.Write("apps/base/cilium/release.yaml", tree.Read("apps/base/cilium/release.yaml").Replace("  targetNamespace: kube-system\n", ""));
        tree.Write("apps/base/cilium/kustomization.yaml", tree.Read("apps/base/cilium/kustomization.yaml").Replace("namespace: kube-system\n", ""));
        tree.Write("clusters/staging/apps.yaml", tree.Read("clusters/staging/apps.yaml").TrimEnd() + "\n  targetNamespace: networking\n");
        Assert.Equal(0, CurrentFolderCollection.Run(tree.Root, "init").Code);
        var verify = CurrentFolderCollection.Run(tree.Root, "verify", "--print-kubectl");
        Assert.Contains("-n networking", verify.Stdout);
    }

    private static YamlValue? Values(string rendered) =>
        YamlValue.At(YamlValue.FromNode(YamlFile.Parse(System.Text.Encoding.UTF8.GetBytes(rendered)).Documents.Single(d => d.Kind == "HelmRelease").Root), "spec", "values");
}
