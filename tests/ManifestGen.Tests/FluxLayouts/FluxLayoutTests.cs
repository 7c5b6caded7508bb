using ManifestGen.Repository;
using ManifestGen.Tests.Snapshots;
using ManifestGen.Tests.Support;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Tests.FluxLayouts;

/// <summary>
/// The layouts Flux repositories are written in, one repository tree each under FluxLayouts/NAME/input, and every verb on
/// each, with the real kustomize building what each Flux Kustomization applies (<see cref="FluxBuild"/>):
/// <list type="bullet">
/// <item>lint: findings where they are written (a patch's line), once a key (NAME/lint.log);</item>
/// <item>init: exit 0, the base adopted, never a patch or an unapplied document;</item>
/// <item>generate right after init: no value any cluster gets changes, and check is current;</item>
/// <item>a tuning added: the value is in the rendered HelmRelease's spec.values of the cluster the spec tunes, the other
/// clusters' are unchanged, no patch gains a key at its top level, and check is current;</item>
/// <item>a tuning of a value a patch the tool does not edit sets (inline, JSON 6902): MG3011, exit 2, nothing written;</item>
/// <item>the tuning removed: every file byte-identical to before.</item>
/// </list>
/// </summary>
[Collection(CurrentFolderCollection.Name)]
public class FluxLayoutTests
{
    public static readonly string CasesDir = Path.Combine(RepoPaths.Root, "tests", "ManifestGen.Tests", "FluxLayouts");

    /// <param name="InitArgs">What init is run with (from the root).</param>
    /// <param name="Spec">The spec init writes, relative to the root.</param>
    /// <param name="Base">The helmRelease the spec names, as written in it (relative to the spec).</param>
    /// <param name="Tuned">The Flux Kustomization file of the cluster the spec tunes.</param>
    /// <param name="FixedByPatch">Whether a patch the tool does not edit sets tcpTimeout (the tuning MG3011 refuses).</param>
    public sealed record Layout(string Name, string[] InitArgs, string Spec, string Base, string Tuned, bool FixedByPatch = false)
    {
        public override string ToString() => Name;
    }

    private static readonly Layout[] Layouts =
    [
        new("flux-example", ["init", "clusters/staging", "--output", "clusters/staging/tuning.yaml"], "clusters/staging/tuning.yaml",
            "../../apps/base/cilium/release.yaml", "clusters/staging/apps.yaml"),
        new("cluster-patch-values", ["init"], "tuning.yaml", "apps/base/cilium/release.yaml", "clusters/main/apps.yaml"),
        new("version-in-patch", ["init"], "tuning.yaml", "apps/base/cilium/release.yaml", "clusters/main/apps.yaml"),
        new("flux-inline-patches", ["init"], "tuning.yaml", "apps/cilium/release.yaml", "clusters/main/cilium.yaml", FixedByPatch: true),
        new("component-oci", ["init"], "tuning.yaml", "apps/cilium/release.yaml", "clusters/main/cilium.yaml"),
        new("json6902-values", ["init"], "tuning.yaml", "apps/base/cilium/release.yaml", "clusters/main/apps.yaml", FixedByPatch: true),
        new("unapplied-beside-applied", ["init"], "tuning.yaml", "apps/cilium/release.yaml", "clusters/main/apps.yaml"),
    ];

    public static TheoryData<string> Cases() => [.. Layouts.Select(l => l.Name)];

    [Fact]
    public void Every_case_folder_has_a_layout_and_every_layout_a_folder() =>
        Assert.Equal(Directory.EnumerateDirectories(CasesDir).Select(Path.GetFileName).Order(StringComparer.Ordinal),
            Layouts.Select(l => l.Name).Order(StringComparer.Ordinal));

    [KubectlTheory]
    [MemberData(nameof(Cases))]
    public void Lint_init_generate_check_and_give_back(string name)
    {
        var layout = Layouts.Single(l => l.Name == name);
        using var tree = new TempTree(Path.Combine(CasesDir, name, "input"));
        Directory.CreateDirectory(tree.PathOf(".git"));

        var lint = CliRunner.Run("lint", tree.Root);
        SnapshotHarness.AssertText(Path.Combine(CasesDir, name, "lint.log"),
            $"exit code: {lint.ExitCode}\n--- stdout\n{lint.Stdout}--- stderr\n{lint.Stderr}".Replace(tree.Root, "<root>"));

        var init = CurrentFolderCollection.Run(tree.Root, layout.InitArgs);
        Assert.True(init.Code == 0, init.Stderr);
        Assert.Contains($"helmRelease: {layout.Base}\n", tree.Read(layout.Spec));
        var adopted = tree.Read(layout.Spec);
        var before = Files(tree, layout);
        var rendered = Renders(tree);

        // generate right after init changes no value any cluster gets; check is then current.
        Run(tree, layout, "generate", 0);
        Assert.Equal(Text(rendered), Text(Renders(tree)));
        Run(tree, layout, "check", 0);

        // A tuning added: in the values the tuned cluster's HelmRelease is rendered with, and nowhere else.
        tree.Write(layout.Spec, WithFinTimeout(adopted, "10s"));
        Run(tree, layout, "generate", 0);
        var after = Renders(tree);
        foreach (var (file, values) in after)
        {
            if (file == layout.Tuned)
                Assert.Equal("10s", YamlValue.TextOf(YamlValue.At(values, "extraConfig", "bpf-ct-timeout-regular-tcp-fin")));
            else
                Assert.Equal(YamlWriter.Document(rendered[file]), YamlWriter.Document(values));
        }
        foreach (var patch in PatchFiles(tree))
            Assert.All(Top(tree, patch), key => Assert.Contains(key, (string[])["apiVersion", "kind", "metadata", "spec"]));
        Run(tree, layout, "check", 0);

        if (layout.FixedByPatch)
        {
            // The cluster gets the patch's tcpTimeout: a tuning of it would do nothing, and is refused with nothing written.
            var written = tree.Snapshot();
            tree.Write(layout.Spec, WithFinTimeout(adopted, "10s").Replace("    conntrack:\n", "    conntrack:\n      tcpTimeout: 3h\n"));
            var refused = Run(tree, layout, "generate", 2);
            Assert.Contains("error MG3011: extraConfig.bpf-ct-timeout-regular-tcp would be written", refused.Stderr);
            written.Remove(layout.Spec);
            var now = tree.Snapshot();
            now.Remove(layout.Spec);
            Assert.Equal(written, now);
        }

        // The tuning removed: every file as it was.
        tree.Write(layout.Spec, "apiVersion: manifestgen.io/v1alpha1\nkind: ClusterTuning\nmetadata:\n  name: removed\nspec: {}\n");
        Run(tree, layout, "generate", 0);
        var back = Files(tree, layout);
        Assert.Equal(before.Keys, back.Keys);
        Assert.All(before, kv => Assert.True(kv.Value.SequenceEqual(back[kv.Key]), $"{kv.Key} differs after the tuning was removed:\n{System.Text.Encoding.UTF8.GetString(back[kv.Key])}"));
    }

    private static CurrentFolderResult Run(TempTree tree, Layout layout, string verb, int expected)
    {
        var (code, stdout, stderr) = CurrentFolderCollection.Run(tree.Root, verb, "--spec", layout.Spec);
        Assert.True(code == expected, $"{verb} exited {code}, not {expected}:\n{stdout}{stderr}");
        return new CurrentFolderResult(stdout, stderr);
    }

    private sealed record CurrentFolderResult(string Stdout, string Stderr);

    /// <summary>The spec with conntrack.tcpFinTimeout set (added under cilium when the spec has no conntrack yet).</summary>
    private static string WithFinTimeout(string spec, string value)
    {
        if (System.Text.RegularExpressions.Regex.IsMatch(spec, "tcpFinTimeout: .*"))
            return System.Text.RegularExpressions.Regex.Replace(spec, "tcpFinTimeout: .*", $"tcpFinTimeout: {value}");
        if (spec.Contains("    conntrack:\n", StringComparison.Ordinal))
            return spec.Replace("    conntrack:\n", $"    conntrack:\n      tcpFinTimeout: {value}\n", StringComparison.Ordinal);
        return spec.Replace("  cilium:\n", $"  cilium:\n    conntrack:\n      tcpFinTimeout: {value}\n", StringComparison.Ordinal);
    }

    /// <summary>Every file but the spec (the tool's inventory included: removing the tuning removes it too).</summary>
    private static SortedDictionary<string, byte[]> Files(TempTree tree, Layout layout)
    {
        var files = tree.Snapshot();
        files.Remove(layout.Spec);
        foreach (var key in files.Keys.Where(k => k.StartsWith(".git/", StringComparison.Ordinal)).ToList()) files.Remove(key);
        return files;
    }

    /// <summary>For each Flux Kustomization file, the merged values of the cilium HelmRelease it applies.</summary>
    private static SortedDictionary<string, YamlValue> Renders(TempTree tree)
    {
        var workspace = new RepositoryWorkspace(RepositoryRoot.ForFolder(tree.Root, tree.Root));
        var kustomizations = FluxKustomizations.Of(workspace);
        var renders = new SortedDictionary<string, YamlValue>(StringComparer.Ordinal);
        foreach (var k in kustomizations.All)
            renders[k.File] = FluxValues.OfBuild(FluxBuild.Render(tree.Root, kustomizations, k), "cilium");
        return renders;
    }

    private static string Text(SortedDictionary<string, YamlValue> renders) => string.Concat(renders.Select(r => $"# {r.Key}\n{YamlWriter.Document(r.Value)}"));

    private static IEnumerable<string> PatchFiles(TempTree tree)
    {
        var workspace = new RepositoryWorkspace(RepositoryRoot.ForFolder(tree.Root, tree.Root));
        return FluxApplied.Of(workspace, FluxKustomizations.Of(workspace)).PatchFiles.Where(p => !p.EndsWith("kustomization.yaml", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
    }

    private static IEnumerable<string> Top(TempTree tree, string repoPath) =>
        YamlFile.Parse(File.ReadAllBytes(tree.PathOf(repoPath))).Documents.Where(d => d.Root is MappingNode)
            .SelectMany(d => ((MappingNode)d.Root!).Entries.Select(e => e.KeyText ?? ""));
}
