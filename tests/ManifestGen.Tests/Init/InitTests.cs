using ManifestGen.Tests.Snapshots;
using ManifestGen.Tests.Support;
using ManifestGen.Yaml;
using Newtonsoft.Json.Linq;
using Xunit.Abstractions;

namespace ManifestGen.Tests.Init;

/// <summary>
/// <c>manifestgen init</c> on the example, on a configMapGenerator layout and on the shared corpus: the spec it
/// writes validates, and generate right after it changes no value Flux hands a chart or applies, except the dead
/// keys' replacement by the real ones with the durations they meant.
/// </summary>
[Collection(CurrentFolderCollection.Name)]
public class InitTests(ITestOutputHelper output)
{
    private static (int Code, string Stdout, string Stderr) InTree(TempTree tree, params string[] args) =>
        CurrentFolderCollection.Run(tree.Root, args);

    private static TempTree Repository(string from)
    {
        var tree = new TempTree(from);
        Directory.CreateDirectory(tree.PathOf(".git"));
        return tree;
    }

    [KubectlFact]
    public void The_example_s_dead_keys_become_the_durations_they_meant_and_nothing_else_changes()
    {
        using var tree = Repository(RepoPaths.ExampleInput);
        File.Delete(tree.PathOf("tuning.yaml"));
        var init = InTree(tree, "init");
        Assert.True(init.Code == 0, init.Stderr);
        var spec = tree.Read("tuning.yaml");
        Assert.Contains("    conntrack:\n      tcpTimeout: 6h\n      tcpFinTimeout: 10s\n      anyTimeout: 1m\n    rollOutPods: false\n", spec);
        Assert.Contains("init: cilium: bpf.ctTcpTimeout: 21600 is a dead key", init.Stderr);
        Assert.Contains("bpf.ctTcpTimeoutClose: 10 is a dead key, and Cilium has no TCP close timeout: not adopted", init.Stderr);
        Assert.Contains("    orchestrator:\n      helmRelease: kubernetes/apps/storage/qnap-csi-plugin/app/helmrelease.yaml\n      build: qnap\n", spec);
        Assert.Equal(0, CliRunner.Run(tree, "validate").ExitCode);

        const string app = "kubernetes/apps/kube-system/cilium/app";
        var before = FluxValues.Effective(tree.PathOf(app));
        var files = Data(tree);
        Assert.Equal(0, CliRunner.Run(tree, "generate").ExitCode);
        var after = FluxValues.Effective(tree.PathOf(app));

        // Exactly the dead keys' replacement.
        var bpf = (YamlMap)((YamlMap)before).Get("bpf")!;
        var expected = ((YamlMap)before)
            .With("bpf", new[] { "ctTcpTimeout", "ctAnyTimeout", "ctTcpTimeoutFin", "ctTcpTimeoutClose" }.Aggregate(bpf, (m, k) => m.Without(k)))
            .With("extraConfig", new YamlMap(
            [
                new("bpf-ct-timeout-regular-tcp", YamlValue.Scalar("6h")),
                new("bpf-ct-timeout-regular-tcp-fin", YamlValue.Scalar("10s")),
                new("bpf-ct-timeout-regular-any", YamlValue.Scalar("1m")),
            ]));
        Assert.True(JToken.DeepEquals(CrdSchema.ToJson(expected), CrdSchema.ToJson(after)), YamlWriter.Document(after));
        // Every other file Flux applies holds the same data (only markers and the inventory are new).
        var now = Data(tree);
        Assert.All(files.Where(f => f.Key != $"{app}/helmrelease.yaml"), f => Assert.True(now[f.Key].DeepEquals(f.Value), f.Key));
    }

    [KubectlFact]
    public void A_configMapGenerator_layout_is_adopted_where_its_values_live()
    {
        using var tree = Repository(Path.Combine(GenerateSnapshotTests.CasesDir, "values-configmapgenerator", "input"));
        File.Delete(tree.PathOf("tuning.yaml"));
        var init = InTree(tree, "init");
        Assert.True(init.Code == 0, init.Stderr);
        Assert.Contains("values in kubernetes/apps/kube-system/cilium/app/helm-values.yaml (configMapGenerator cilium-values", init.Stderr);
        Assert.Contains("    conntrack:\n      tcpTimeout: 6h\n    rollOutPods: false\n", tree.Read("tuning.yaml"));
        Assert.Equal(0, CliRunner.Run(tree, "validate").ExitCode);
        const string app = "kubernetes/apps/kube-system/cilium/app";
        var before = FluxValues.Effective(tree.PathOf(app));
        Assert.Equal(0, CliRunner.Run(tree, "generate").ExitCode);
        var after = FluxValues.Effective(tree.PathOf(app));
        var expected = ((YamlMap)before).With("bpf", ((YamlMap)((YamlMap)before).Get("bpf")!).Without("ctTcpTimeout"))
            .With("extraConfig", new YamlMap([new("bpf-ct-timeout-regular-tcp", YamlValue.Scalar("6h"))]));
        Assert.True(JToken.DeepEquals(CrdSchema.ToJson(expected), CrdSchema.ToJson(after)), YamlWriter.Document(after));
    }

    [SharedFact]
    public void Every_corpus_repository_gets_a_spec_that_validates_and_changes_no_value()
    {
        foreach (var repo in Directory.EnumerateDirectories(Path.Combine(RepoPaths.RequireShared(), "corpus", "public")).Order(StringComparer.Ordinal))
        {
            using var tree = Repository(repo);
            var init = InTree(tree, "init");
            var name = Path.GetFileName(repo);
            output.WriteLine($"{name}: exit {init.Code}\n{init.Stderr}");
            if (init.Code == 2)
            {
                Assert.Contains("error MG5006", init.Stderr);
                continue;
            }
            Assert.True(init.Code == 0, init.Stderr);
            var validate = CliRunner.Run(tree, "validate");
            Assert.True(validate.ExitCode == 0, $"{name}: {validate.Stderr}");
            var before = Data(tree);
            var generate = CliRunner.Run(tree, "generate");
            Assert.True(generate.ExitCode == 0, $"{name}: {generate.Stderr}");
            Assert.DoesNotContain("MG4001", generate.Stderr); // the corpus has no dead keys: nothing may change but comments
            var after = Data(tree);
            Assert.All(before, f => Assert.True(after[f.Key].DeepEquals(f.Value), $"{name}: {f.Key} holds other data after generate"));
        }
    }

    [Fact]
    public void Two_clusters_in_one_repository_are_refused_listing_both()
    {
        using var tree = Repository(RepoPaths.ExampleInput);
        File.Delete(tree.PathOf("tuning.yaml"));
        TempTree.Copy(tree.PathOf("kubernetes"), tree.PathOf("clusters/staging/kubernetes"));
        var init = InTree(tree, "init");
        Assert.Equal(2, init.Code);
        Assert.Contains("error MG5006: 2 candidates for cilium: clusters/staging/kubernetes/apps/kube-system/cilium/app/helmrelease.yaml (HelmRelease kube-system/cilium), kubernetes/apps/kube-system/cilium/app/helmrelease.yaml (HelmRelease kube-system/cilium)", init.Stderr);
        Assert.Contains("run init on one cluster's folder", init.Stderr);
        Assert.False(File.Exists(tree.PathOf("tuning.yaml")));

        var one = InTree(tree, "init", "clusters/staging", "--output", "clusters/staging/tuning.yaml");
        Assert.True(one.Code == 0, one.Stderr);
        Assert.Contains("helmRelease: kubernetes/apps/kube-system/cilium/app/helmrelease.yaml", tree.Read("clusters/staging/tuning.yaml"));
        Assert.Equal(0, CliRunner.Run(["validate", "--spec", tree.PathOf("clusters/staging/tuning.yaml")]).ExitCode);
    }

    [Fact]
    public void An_existing_spec_is_never_overwritten()
    {
        using var tree = Repository(RepoPaths.ExampleInput);
        var before = tree.Read("tuning.yaml");
        var init = InTree(tree, "init");
        Assert.Equal(2, init.Code);
        Assert.Contains("tuning.yaml: error MG5010: tuning.yaml exists; init never overwrites a file (hint: pass --output PATH)", init.Stderr);
        Assert.Equal(before, tree.Read("tuning.yaml"));
    }

    [Fact]
    public void A_refusal_before_any_work_is_a_diagnostic_with_its_own_code_and_reaches_the_annotations()
    {
        using var tree = Repository(RepoPaths.ExampleInput);
        var github = new ManifestGen.Cli.CliEnvironment(false, false, GitHubActions: true, null);
        foreach (var (args, code, text) in new (string[], string, string)[]
                 {
                     (["init", tree.Root, "--output", tree.PathOf("tuning.yaml")], "MG5010", "exists; init never overwrites a file"),
                     (["init", tree.PathOf("no-such-folder")], "MG3001", "no such folder"),
                     (["init", tree.Root, "--output", Path.Combine(Path.GetTempPath(), "elsewhere", "tuning.yaml")], "MG2007", "a spec lives in the repository it tunes"),
                     (["import", tree.PathOf("runbook.sh"), "--observed", tree.PathOf("observed.yaml")], "MG3001", "file not found"),
                     (["import", tree.PathOf("tuning.yaml"), "--observed", tree.PathOf("tuning.yaml"), "--delivery", "helm"], "MG2008", "--delivery helm is not"),
                 })
        {
            var stdout = new StringWriter { NewLine = "\n" };
            var stderr = new StringWriter { NewLine = "\n" };
            Assert.Equal(2, ManifestGen.Cli.ManifestGenCli.Run(args, stdout, stderr, github));
            Assert.Contains($"error {code}: ", stderr.ToString());
            Assert.Contains(text, stderr.ToString());
            Assert.Contains("manifestgen: nothing was written", stderr.ToString());
            Assert.Contains($"::error", stdout.ToString());
            Assert.Contains($"{code}: ", stdout.ToString());
        }
    }

    [Fact]
    public void The_report_names_what_could_not_be_adopted()
    {
        using var tree = Repository(Path.Combine(GenerateSnapshotTests.CasesDir, "invalid-values-secret", "input"));
        File.Delete(tree.PathOf("tuning.yaml"));
        tree.Write("network/cilium-daemonset.yaml", "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: cilium\n  namespace: kube-system\n");
        var secret = InTree(tree, "init");
        Assert.True(secret.Code == 0, secret.Stderr);
        Assert.Contains("init: not adopted: the Cilium HelmRelease helmrelease.yaml: spec.valuesFrom[0] (Secret cilium-values, key values.yaml)", secret.Stderr);
        Assert.Contains("spec: {}", tree.Read("tuning.yaml"));

        using var plain = Repository(Path.Combine(GenerateSnapshotTests.CasesDir, "cilium-only", "input"));
        File.Delete(plain.PathOf("tuning.yaml"));
        File.Delete(plain.PathOf("helmrelease.yaml"));
        plain.Write("cilium.yaml", "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: cilium\n  namespace: kube-system\n");
        var noRelease = InTree(plain, "init");
        Assert.Contains("init: not adopted: Cilium is installed without a HelmRelease (cilium.yaml holds its DaemonSet)", noRelease.Stderr);
    }

    [SharedFact]
    public void Several_backends_from_several_repositories_are_refused()
    {
        using var tree = Repository(Path.Combine(RepoPaths.RequireShared(), "corpus", "trident"));
        var init = InTree(tree, "init");
        Assert.Equal(2, init.Code);
        Assert.Contains("candidates for trident.backend: ", init.Stderr);
    }

    /// <summary>Every YAML file's data (comments do not count), by path; files manifestgen owns are left out.</summary>
    private static Dictionary<string, YamlValue> Data(TempTree tree)
    {
        var result = new Dictionary<string, YamlValue>(StringComparer.Ordinal);
        foreach (var (path, bytes) in tree.Snapshot())
        {
            if (!path.EndsWith(".yaml", StringComparison.Ordinal) && !path.EndsWith(".yml", StringComparison.Ordinal)) continue;
            if (path.EndsWith("inventory.yaml", StringComparison.Ordinal) || path == "tuning.yaml") continue;
            try
            {
                result[path] = new YamlSeq(YamlFile.Parse(bytes).Documents.Select(d => YamlValue.FromNode(d.Root)).ToList());
            }
            catch (YamlEditException)
            {
                // not YAML the tool reads; it cannot have changed it either
            }
        }
        return result;
    }
}
