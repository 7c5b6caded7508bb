using System.Text;
using ManifestGen.Tests.Snapshots;
using ManifestGen.Tests.Support;

namespace ManifestGen.Tests.Distribution;

/// <summary>
/// The NativeAOT build (bench/publish-native.sh) runs every verb and writes exactly what the JIT build
/// writes: CommandLineParser finds its options by reflection, which trimming can break silently.
/// </summary>
[Trait(Slow.Category, Slow.Value)]
public class NativeBuildTests
{
    private static (int Code, string Stdout, string Stderr) Run(string file, string? stdin, params string[] args) => RunIn(null, file, stdin, args);

    private static (int Code, string Stdout, string Stderr) RunIn(string? folder, string file, string? stdin, params string[] args) =>
        ProcessRunner.Run(file, args, stdin, folder);

    [Fact]
    public void The_native_binary_runs_every_verb_like_the_jit_build()
    {
        using var work = new TempTree();
        var publish = Run("bash", null, Path.Combine(RepoPaths.Root, "bench", "publish-native.sh"), work.PathOf("native"));
        Assert.True(publish.Code == 0, publish.Stderr);
        var mg = publish.Stdout.Trim();
        Assert.True(File.Exists(mg), publish.Stdout + publish.Stderr);

        Assert.StartsWith("manifestgen 0.1.0", Run(mg, null, "--version").Stdout);
        Assert.Equal(0, Run(mg, null, "--help").Code);
        Assert.Equal(2, Run(mg, null, "frobnicate").Code);

        using var tree = new TempTree(RepoPaths.ExampleInput);
        string[] spec = ["--spec", tree.PathOf("tuning.yaml"), "--root", tree.Root];
        var check = Run(mg, null, ["check", .. spec]);
        Assert.Equal(1, check.Code);
        Assert.Equal(CliRunner.Run(["check", .. spec]).Stdout, check.Stdout);
        var validate = Run(mg, null, ["validate", .. spec, "--output", "json"]);
        Assert.Equal(0, validate.Code);
        Assert.Equal(CliRunner.Run(["validate", .. spec, "--output", "json"]).Stdout, validate.Stdout);
        Assert.Equal(CliRunner.Run(["plan", .. spec]).Stdout, Run(mg, null, ["plan", .. spec]).Stdout);
        Assert.Equal(CliRunner.Run("schema").Stdout, Run(mg, null, "schema").Stdout);

        var generate = Run(mg, null, ["generate", .. spec]);
        Assert.True(generate.Code == 0, generate.Stderr);
        var expected = TempTree.Snapshot(Path.Combine(GenerateSnapshotTests.CasesDir, "example-cluster", "expected"));
        Assert.Equal(expected.Keys, tree.Snapshot().Keys);
        Assert.All(expected, kv => Assert.True(kv.Value.AsSpan().SequenceEqual(tree.Snapshot()[kv.Key]), kv.Key));
        Assert.Equal(0, Run(mg, null, ["check", .. spec]).Code);

        // Scriban imports its standard library by reflection, on first use by a user's template.
        using var templated = new TempTree(RepoPaths.ExampleInput);
        templated.AddOrchestratorQps();
        templated.Write("t/trident/orchestrator-patch.yaml.sbn", Templates.TemplateBuiltinsTests.StandardLibraryTemplate);
        var withTemplates = Run(mg, null, "generate", "--spec", templated.PathOf("tuning.yaml"), "--root", templated.Root, "--templates", templated.PathOf("t"));
        Assert.True(withTemplates.Code == 0, withTemplates.Stderr);
        Assert.Contains("path: /spec/k8sAPIQPS\n                value: 51\n", templated.Read("kubernetes/apps/storage/qnap-csi-plugin/app/helmrelease.yaml"));

        // verify reads live objects from stdin and from a file (its --live option repeats).
        var livePath = Path.Combine(RepoPaths.Root, "tests", "ManifestGen.Tests", "Verify", "Live", "in-effect.yaml");
        var verify = Run(mg, File.ReadAllText(livePath), ["verify", .. spec, "--live", "-", "--live", livePath, "--output", "json"]);
        Assert.True(verify.Code == 0, verify.Stdout + verify.Stderr);
        Assert.Equal(CliRunner.Run(["verify", .. spec, "--live", livePath, "--output", "json"]).Stdout, verify.Stdout);
        Assert.Equal(CliRunner.Run(["verify", .. spec, "--print-kubectl"]).Stdout, Run(mg, null, ["verify", .. spec, "--print-kubectl"]).Stdout);

        // import and init read the current folder.
        using var adopt = new TempTree(RepoPaths.ExampleInput);
        File.Delete(adopt.PathOf("tuning.yaml"));
        Directory.CreateDirectory(adopt.PathOf(".git"));
        var init = RunIn(adopt.Root, mg, null, "init");
        Assert.True(init.Code == 0, init.Stderr);
        var written = adopt.Read("tuning.yaml");
        File.Delete(adopt.PathOf("tuning.yaml"));
        Assert.Equal(ManifestGen.Init.RepositoryAdopter.Adopt(adopt.Root, adopt.PathOf("tuning.yaml"),
            ManifestGen.Workspace.RepositoryRoot.ForFolder(adopt.Root, null), "manifestgen generate").Spec, written);
        if (RepoPaths.SharedExists)
        {
            var runbook = Path.Combine(RepoPaths.Shared, "runbooks", "resource-exhaustion-fixes.md");
            var imported = RunIn(adopt.Root, mg, null, "import", runbook, "--observed", "observed/trident-controller.yaml");
            Assert.True(imported.Code == 0, imported.Stderr);
            Assert.Equal(ManifestGen.Import.RunbookImporter.Import(runbook, adopt.PathOf("observed/trident-controller.yaml"), "kyverno", adopt.Root).Spec, imported.Stdout);
        }

        var observed = File.ReadAllText(tree.PathOf("observed/trident-controller.yaml"));
        var native = Run(mg, observed, ["post-render", .. spec]);
        Assert.True(native.Code == 0, native.Stderr);
        Assert.Equal(Encoding.UTF8.GetString(CliRunner.RunWithStdin(Encoding.UTF8.GetBytes(observed), ["post-render", .. spec]).Stdout), native.Stdout);

        // --fetch-charts: HTTP and YAML of a Helm repository, the cache, in the trimmed binary.
        if (RepoPaths.SharedExists)
        {
            using var server = new LocalHttpServer();
            var archive = ChartArchives.Cilium("1.20.0", "1.99.0");
            server.Put("/cilium-1.99.0.tgz", archive);
            server.Put("/index.yaml", ChartArchives.Index("cilium", ("1.99.0", "cilium-1.99.0.tgz", ChartArchives.Sha256(archive))));
            using var rig = new Fetching.FetchRig();
            rig.CiliumFrom(server.Url, "1.99.x");
            var environment = new Dictionary<string, string> { ["XDG_CACHE_HOME"] = rig.Home.PathOf("native-cache"), ["HOME"] = rig.Home.Root };
            var fetched = ProcessRunner.Run(mg, ["lint", rig.Repository.Root, "--fetch-charts"], environment: environment);
            Assert.True(fetched.Code == 0, fetched.Stderr);
            Assert.Contains("MG0009: notAKey is not read by cilium 1.99.0", fetched.Stdout);
            Assert.Contains("charts: 1 fetched", fetched.Stderr);
            Assert.Equal(rig.Lint("--fetch-charts").Stdout, fetched.Stdout);
        }
    }
}
