using System.Text;
using System.Text.RegularExpressions;
using ManifestGen.Import;
using ManifestGen.Tests.Support;
using ManifestGen.Yaml;

namespace ManifestGen.Tests.Import;

/// <summary>
/// <c>manifestgen import</c>: the real runbook against QNAP's, upstream's and the runbook-era layout, compared with
/// what kubectl does with the runbook's own commands; each spelling of kubectl patch; and every refusal.
/// </summary>
[Collection(CurrentFolderCollection.Name)]
public partial class ImportTests
{
    private static readonly string Layouts = Path.Combine(RepoPaths.Root, "tests", "ManifestGen.Tests", "Conformance", "Layouts");
    private static string Runbook => Path.Combine(RepoPaths.RequireShared(), "runbooks", "resource-exhaustion-fixes.md");

    [KubectlTheory]
    [InlineData("qnap", 4)]
    [InlineData("upstream", 4)]
    [InlineData("runbook-era", 0)]
    public void The_imported_spec_does_to_the_object_what_the_runbook_s_commands_do(string layout, int warnings)
    {
        using var tree = new TempTree();
        File.Copy(Path.Combine(Layouts, layout + ".yaml"), tree.PathOf("observed.yaml"));
        tree.Write("kustomization.yaml", "resources: []\n");
        var (code, spec, stderr) = CurrentFolderCollection.Run(tree.Root, "import", Runbook, "--observed", "observed.yaml");
        Assert.True(code == 0, stderr);
        Assert.Equal(warnings, Regex.Matches(stderr, "warning MG5003").Count);
        tree.Write("tuning.yaml", spec);
        Assert.Equal(0, CliRunner.Run(tree, "validate").ExitCode);

        // What the runbook does: each of its kubectl patch commands, run by kubectl on the object, in order.
        var patched = tree.PathOf("observed.yaml");
        foreach (Match m in RunbookPatch().Matches(File.ReadAllText(Runbook)))
        {
            var (exit, stdout, err) = Kubectl.Run("patch", "--local", "-f", patched, "--type=json", "-p", m.Groups[1].Value, "-o", "yaml");
            Assert.True(exit == 0, err);
            patched = tree.PathOf($"patched-{m.Index}.yaml");
            File.WriteAllText(patched, stdout);
        }
        var byKubectl = YamlValue.FromNode(YamlFile.Parse(File.ReadAllBytes(patched)).Documents[0].Root);
        // What the spec does: post-render applies its intent by container name.
        var (renderCode, rendered, renderErr) = CliRunner.RunWithStdin(File.ReadAllBytes(tree.PathOf("observed.yaml")),
            ["post-render", "--spec", tree.PathOf("tuning.yaml"), "--root", tree.Root]);
        Assert.True(renderCode == 0, renderErr);
        var bySpec = YamlValue.FromNode(YamlFile.Parse(rendered).Documents[0].Root);

        var expected = Containers(byKubectl);
        var actual = Containers(bySpec);
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (name, (flags, resources)) in expected)
        {
            Assert.Equal(flags, actual[name].Flags);
            // kubectl writes keys sorted: compare as data, where mapping order does not count.
            Assert.True(Newtonsoft.Json.Linq.JToken.DeepEquals(CrdSchema.ToJson(resources), CrdSchema.ToJson(actual[name].Resources)),
                $"{layout}: resources of {name} differ: {CrdSchema.ToJson(resources)} against {CrdSchema.ToJson(actual[name].Resources)}");
        }
    }

    [GeneratedRegex(@"--type='json' -p='(\[.*?\])'", RegexOptions.Singleline)]
    private static partial Regex RunbookPatch();

    /// <summary>Each container's args as Go's flag package reads them, and its resources.</summary>
    private static SortedDictionary<string, (string Flags, YamlValue Resources)> Containers(YamlValue obj)
    {
        var result = new SortedDictionary<string, (string, YamlValue)>(StringComparer.Ordinal);
        foreach (var c in ((ManifestGen.Modules.Workloads.PodTemplate.Get(obj, "spec", "template", "spec", "containers") as YamlSeq)?.Items ?? []).OfType<YamlMap>())
        {
            var (flags, positional) = RunbookImporter.GoRead(ManifestGen.Modules.Workloads.PodTemplate.Args(c));
            var text = string.Join(" ", positional) + " | " + string.Join(" ", flags.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value.Value}"));
            result[((YamlScalar)c.Get("name")!).Value.Text] = (text, c.Get("resources") ?? YamlMap.Empty);
        }
        return result;
    }

    [SharedFact]
    public void On_QNAP_s_layout_the_comment_and_the_index_disagree_and_the_warning_names_both()
    {
        using var tree = new TempTree();
        File.Copy(Path.Combine(Layouts, "qnap.yaml"), tree.PathOf("observed.yaml"));
        var (_, spec, stderr) = CurrentFolderCollection.Run(tree.Root, "import", Runbook, "--observed", "observed.yaml");
        Assert.Matches(@"resource-exhaustion-fixes\.md:78:25: warning MG5003: the comment above this command names csi-provisioner, but index 1 is storage-api-server in observed\.yaml", stderr);
        Assert.Contains("names csi-snapshotter, but index 4 is csi-resizer", stderr);
        // Faithful: the spec tunes storage-api-server, as the command does, and not csi-snapshotter's flags.
        Assert.Contains("        - names:\n            - storage-api-server\n            - csi-provisioner\n            - csi-attacher\n            - csi-resizer\n          flags:\n", spec);
    }

    private static string Shell(params string[] commands) => "#!/bin/sh\nset -e\n" + string.Join("\n", commands) + "\n";

    private const string Observed = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: shop
        spec:
          template:
            spec:
              containers:
                - name: app
                  args: [--v=2, --port=8080]
                - name: proxy
                  args: [--upstream=app]
                  resources:
                    requests: {cpu: 10m}

        """;

    private static (int Code, string Spec, string Stderr) ImportShell(string runbook, string name = "fix.sh", Action<TempTree>? setup = null)
    {
        using var tree = new TempTree();
        tree.Write("observed.yaml", Observed);
        tree.Write("kustomization.yaml", "resources: []\n");
        tree.Write("ops/" + name, runbook);
        setup?.Invoke(tree);
        var result = CurrentFolderCollection.Run(tree.Root, "import", "ops/" + name, "--observed", "observed.yaml");
        if (result.Code == 0)
        {
            tree.Write("tuning.yaml", result.Stdout);
            var validate = CliRunner.Run(tree, "validate");
            Assert.True(validate.ExitCode == 0, validate.Stderr + result.Stdout);
        }
        return result;
    }

    [Theory]
    [InlineData("kubectl patch deployment web -n shop --type json -p '[{\"op\":\"add\",\"path\":\"/spec/template/spec/containers/0/args/-\",\"value\":\"--workers=4\"}]'")]
    [InlineData("kubectl -n shop patch deploy/web --type=json --patch='[{\"op\":\"add\",\"path\":\"/spec/template/spec/containers/0/args/-\",\"value\":\"--workers=4\"}]'")]
    [InlineData("kubectl patch deployments.apps web --namespace=shop --type='json' -p='[\n  {\"op\": \"add\",\n   \"path\": \"/spec/template/spec/containers/0/args/-\",\n   \"value\": \"--workers=4\"}\n]'")]
    [InlineData("kubectl patch \\\n  deployment web \\\n  --namespace shop \\\n  --type json \\\n  -p \"[{\\\"op\\\":\\\"add\\\",\\\"path\\\":\\\"/spec/template/spec/containers/0/args/-\\\",\\\"value\\\":\\\"--workers=4\\\"}]\"")]
    [InlineData("kubectl patch deploy web -n shop --type strategic -p '{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"app\",\"args\":[\"--v=2\",\"--port=8080\",\"--workers=4\"]}]}}}}'")]
    [InlineData("kubectl patch deploy web -n shop -p '{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"app\",\"args\":[\"--v=2\",\"--port=8080\",\"--workers=4\"]}]}}}}'")]
    public void Each_spelling_of_kubectl_patch_is_read(string command)
    {
        var (code, spec, stderr) = ImportShell(Shell(command));
        Assert.True(code == 0, stderr);
        Assert.Contains("        - names:\n            - app\n          flags:\n            --workers: \"4\"\n", spec);
        Assert.Contains("      target:\n        kind: Deployment\n        namespace: shop\n        name: web\n", spec);
    }

    [Fact]
    public void Markdown_fences_patch_files_merge_patches_and_resources_by_name()
    {
        var markdown = """
            # Fixes

            Don't run this blindly (an apostrophe in prose must not open a quote).

            ```bash
            # Raise the proxy's limits
            kubectl patch deploy web -n shop --type merge -p '{"spec":{"template":{"spec":{"containers":[{"name":"proxy","resources":{"limits":{"memory":"256Mi"}}}]}}}}'
            kubectl patch deploy web -n shop --type json --patch-file patch.json
            ```

            ```yaml
            kubectl: not a command in a YAML block
            ```
            """;
        var (code, spec, stderr) = ImportShell(markdown, "fixes.md",
            t => t.Write("ops/patch.json", """[{"op": "replace", "path": "/spec/template/spec/containers/1/resources/requests/cpu", "value": "50m"}]"""));
        Assert.True(code == 0, stderr);
        Assert.Contains("warning MG5009: a JSON merge patch replaces the whole containers list", stderr);
        Assert.Contains("        - names:\n            - proxy\n          resources:\n            requests:\n              cpu: 50m\n            limits:\n              memory: 256Mi\n", spec);
    }

    [Theory]
    [InlineData("/spec/template/spec/containers/7/args/-", "\"--x=1\"", "error MG5002: add /spec/template/spec/containers/7/args/-: observed.yaml has 2 containers (app, proxy), no index 7")]
    [InlineData("/spec/template/spec/containers/0/env/-", "{\"name\":\"A\",\"value\":\"1\"}", "error MG5002: add /spec/template/spec/containers/0/env/-: env is not something a workload tuning sets")]
    [InlineData("/spec/replicas", "3", "error MG5002: add /spec/replicas is not a container's args or resources; not imported")]
    public void What_a_workload_tuning_cannot_express_is_an_error_at_the_runbook_s_line(string path, string value, string message)
    {
        var (code, _, stderr) = ImportShell(Shell("# tune", $"kubectl patch deploy web -n shop --type=json -p='[{{\"op\":\"add\",\"path\":\"{path}\",\"value\":{value}}}]'"));
        Assert.Equal(2, code);
        Assert.Contains("ops/fix.sh:4:", stderr);
        Assert.Contains(message, stderr);
    }

    [Fact]
    public void A_patch_that_does_not_parse_exits_2_and_other_kinds_are_named()
    {
        var broken = ImportShell(Shell("kubectl patch deploy web -n shop --type=json -p='[{\"op\": \"add\", \"path\": ]'"));
        Assert.Equal(2, broken.Code);
        Assert.Contains("error MG5001: the patch does not parse", broken.Stderr);
        Assert.Equal("", broken.Spec);

        var other = ImportShell(Shell(
            "kubectl patch configmap web-config -n shop -p '{\"data\":{\"a\":\"b\"}}'",
            "kubectl patch deploy web -n shop --type=json -p='[{\"op\":\"add\",\"path\":\"/spec/template/spec/containers/0/args/-\",\"value\":\"--workers=4\"}]'"));
        Assert.Equal(0, other.Code);
        Assert.Contains("ops/fix.sh:3:1: warning MG5004: this kubectl patch changes a configmap (web-config)", other.Stderr);
    }

    /// <summary>Each diagnostic with its code's severity: nothing to import and an explicit delivery that cannot be met are
    /// errors of their own (exit 2, no spec); a command of another kind is a warning and the rest is imported.</summary>
    [Fact]
    public void Nothing_to_import_and_a_delivery_the_repository_cannot_meet_are_errors_of_their_own()
    {
        var nothing = ImportShell(Shell("kubectl patch configmap web-config -n shop -p '{\"data\":{\"a\":\"b\"}}'"));
        Assert.Equal(2, nothing.Code);
        Assert.Contains("error MG5007: no kubectl patch of Deployment web in this runbook", nothing.Stderr);
        Assert.Contains("warning MG5004: this kubectl patch changes a configmap (web-config)", nothing.Stderr);
        Assert.Equal("", nothing.Spec);

        using var tree = new TempTree();
        tree.Write("observed.yaml", Observed);
        tree.Write("ops/fix.sh", Shell("kubectl patch deploy web -n shop --type=json -p='[{\"op\":\"add\",\"path\":\"/spec/template/spec/containers/0/args/-\",\"value\":\"--workers=4\"}]'"));
        foreach (var (delivery, why) in new[] { ("kustomization", "delivery kustomization needs the manifest of Deployment web in Git"), ("postRenderer", "delivery postRenderer needs the HelmRelease that renders Deployment web") })
        {
            var unmet = CurrentFolderCollection.Run(tree.Root, "import", "ops/fix.sh", "--observed", "observed.yaml", "--delivery", delivery);
            Assert.Equal(2, unmet.Code);
            Assert.Contains($"error MG5008: {why}", unmet.Stderr);
        }
    }

    /// <summary>A library caller gets the CLI's refusal of a delivery no component imports into, not an empty spec.</summary>
    [Fact]
    public void An_unknown_delivery_is_refused_by_the_importer_too()
    {
        using var tree = new TempTree();
        tree.Write("observed.yaml", Observed);
        tree.Write("ops/fix.sh", Shell("kubectl patch deploy web -n shop --type=json -p='[{\"op\":\"add\",\"path\":\"/spec/template/spec/containers/0/args/-\",\"value\":\"--workers=4\"}]'"));
        var result = ManifestGen.Import.RunbookImporter.Import(tree.PathOf("ops/fix.sh"), tree.PathOf("observed.yaml"), "helm", tree.Root);
        Assert.Null(result.Spec);
        Assert.Equal("--delivery: error MG2008: --delivery helm is not kyverno, postRenderer, kustomization", Assert.Single(result.Diagnostics).ToString());
    }

    [Fact]
    public void The_report_suggests_a_post_renderer_for_a_chart_s_object_and_a_kustomization_for_a_manifest_in_git()
    {
        const string cmd = "kubectl patch deploy web -n shop --type=json -p='[{\"op\":\"add\",\"path\":\"/spec/template/spec/containers/0/args/-\",\"value\":\"--workers=4\"}]'";
        var helm = ImportShell(Shell(cmd), setup: t => t.Write("observed.yaml", Observed.Replace("  namespace: shop\n", "  namespace: shop\n  labels:\n    app.kubernetes.io/managed-by: Helm\n")));
        Assert.Contains("note MG5005: Deployment web carries app.kubernetes.io/managed-by: Helm", helm.Stderr);

        using var tree = new TempTree();
        tree.Write("observed.yaml", Observed);
        tree.Write("ops/fix.sh", Shell(cmd));
        tree.Write("apps/web/deployment.yaml", Observed);
        tree.Write("apps/web/kustomization.yaml", "resources:\n  - deployment.yaml\n");
        var suggested = CurrentFolderCollection.Run(tree.Root, "import", "ops/fix.sh", "--observed", "observed.yaml");
        Assert.Contains("note MG5005: apps/web/kustomization.yaml lists a manifest of Deployment web", suggested.Stderr);
        var kustomization = CurrentFolderCollection.Run(tree.Root, "import", "ops/fix.sh", "--observed", "observed.yaml", "--delivery", "kustomization");
        Assert.True(kustomization.Code == 0, kustomization.Stderr);
        Assert.Contains("      kustomization: apps/web\n      output: apps/web/web-patch.yaml\n", kustomization.Stdout);
        tree.Write("tuning.yaml", kustomization.Stdout);
        var validate = CliRunner.Run(tree, "validate");
        Assert.True(validate.ExitCode == 0, validate.Stderr);
    }

    [Fact]
    public void The_shell_reader_keeps_positions_inside_single_quotes()
    {
        const string text = "kubectl patch deploy x -p='[\n  {\"path\": \"/a\"}\n]'\n";
        var words = Assert.Single(ShellWords.Commands(text)).Words;
        var patch = words[^1];
        Assert.Equal("-p=[\n  {\"path\": \"/a\"}\n]", patch.Text);
        var index = patch.Text.IndexOf("/a", StringComparison.Ordinal);
        Assert.Equal(text.IndexOf("/a", StringComparison.Ordinal), patch.SourceOf(index));
        Assert.Equal(Encoding.UTF8.GetByteCount(text), text.Length); // positions are characters
    }
}
