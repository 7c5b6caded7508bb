using ManifestGen.Charts;
using ManifestGen.Charts.Analysis;
using ManifestGen.Lint;
using ManifestGen.Tests.Support;
using ManifestGen.Yaml;

namespace ManifestGen.Tests.Charts;

/// <summary>
/// The charts Flux repositories pin most, from <c>../shared/charts/popular/</c>: bjw-s app-template 3.2.1 (a package)
/// and 4.6.2 (a folder), each a shell around the library chart <c>common</c>, and kube-prometheus-stack 88.5.3 with
/// the subcharts its folder holds. Each is linted as a user's HelmRelease reaches it, with typos planted where users
/// make them: at the top, and below the maps whose keys users name (<c>controllers.&lt;name&gt;.containers.&lt;name&gt;</c>).
/// </summary>
public class PopularChartsTests
{
    private static string Popular => Path.Combine(RepoPaths.RequireShared(), "charts", "popular");

    private const string Values = """
            controlers:
              main: {}
            controllers:
              main:
                replicas: 2
                containers:
                  main:
                    image:
                      repository: ghcr.io/home-operations/tqm
                      tag: 1.19.0
                      pullPolicyy: IfNotPresent
                    env:
                      TZ: Europe/Amsterdam
                    probes:
                      liveness:
                        enabled: true
                    resources:
                      requests:
                        cpu: 10m
                    securityContext:
                      readOnlyRootFilesystem: true
                pod:
                  securityContext:
                    runAsUser: 1000
            service:
              app:
                controller: main
                ports:
                  http:
                    port: 8080
            persistence:
              config:
                existingClaim: tqm
                globalMountt:
                  - path: /config
              tmp:
                type: emptyDir
                globalMounts:
                  - path: /tmp
            """;

    /// <summary>A repository with one HelmRelease of <paramref name="chart"/> at <paramref name="version"/>, its values indented in.</summary>
    private static TempTree Repository(string chart, string version, string values)
    {
        var tree = new TempTree();
        Directory.CreateDirectory(tree.PathOf(".git"));
        tree.Write("apps/app/helmrelease.yaml", $"""
            apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            metadata:
              name: app
            spec:
              chart:
                spec:
                  chart: {chart}
                  version: {version}
                  sourceRef:
                    kind: HelmRepository
                    name: charts
              values:

            """ + string.Join('\n', values.Split('\n').Select(l => l.Length == 0 ? l : "    " + l)) + "\n");
        return tree;
    }

    private static LintResult Lint(TempTree tree, string charts) =>
        RepositoryLinter.Run(new LintOptions(tree.Root, tree.Root, charts));

    private static List<string> Findings(LintResult result, string code = "MG0009") =>
        result.Diagnostics.Where(d => d.Code.Code == code).Select(d => $"{d.Line}: {d.Message.Split(" is ")[0]} | {d.Hint}").ToList();

    /// <summary>The line of the HelmRelease where a key is written (the first line holding <c>key:</c>).</summary>
    private static int LineOf(TempTree tree, string key) =>
        File.ReadAllLines(tree.PathOf("apps/app/helmrelease.yaml")).ToList().FindIndex(l => l.TrimStart().StartsWith(key + ":", StringComparison.Ordinal)) + 1;

    public static TheoryData<string, string> AppTemplates() => new()
    {
        { "3.2.1", "app-template-3.2.1.tgz" },
        { "4.6.2", "app-template-4.6.2" },
    };

    [SharedTheory]
    [MemberData(nameof(AppTemplates))]
    public void Every_top_level_key_of_the_library_values_is_read_at_the_top(string version, string file)
    {
        var path = Path.Combine(Popular, file);
        var tree = ChartDataBuilder.BuildOne(path, file).Tree;
        var common = LoadedChart.Load(ChartFiles.Read(path, file)).Subcharts.Single(c => c.Metadata.Name == "common");
        Assert.True(common.Metadata.IsLibrary);
        var keys = ((MappingNode)YamlFile.Parse(common.Files.Text("values.yaml")!).Documents.First(d => d.Root is not null).Root!)
            .Entries.Select(e => e.KeyText!).ToList();
        Assert.True(keys.Count >= 10, $"app-template {version}: common has {keys.Count} top-level keys");
        // The library's _init.tpl merges its defaults (under common.) with the user's top-level keys and reads the result.
        foreach (var key in keys) Assert.True(tree.Check([key]).IsRead, $"app-template {version} does not read {key}");
    }

    [SharedTheory]
    [MemberData(nameof(AppTemplates))]
    public void Typos_at_the_top_and_below_user_named_maps_are_found_and_nothing_else(string version, string file)
    {
        _ = file;
        using var tree = Repository("app-template", version, Values);
        var result = Lint(tree, Popular);
        Assert.Equal(1, result.Checked);
        const string pullPolicy = "controllers.main.containers.main.image.pullPolicyy | did you mean controllers.main.containers.main.image.pullPolicy?";
        Assert.Equal(
        [
            $"{LineOf(tree, "controlers")}: controlers | did you mean controllers?",
            .. version == "4.6.2" ? [$"{LineOf(tree, "pullPolicyy")}: {pullPolicy}"] : Array.Empty<string>(),
            $"{LineOf(tree, "globalMountt")}: persistence.config.globalMountt | did you mean persistence.config.globalMounts?",
        ], Findings(result));
        // common 3.2.1 ships its schemas, which close a container's image: Helm refuses the key before any template runs.
        Assert.Equal(version == "3.2.1" ? [$"{LineOf(tree, "pullPolicyy")}: {pullPolicy}"] : [], Findings(result, "MG0016"));
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == Severity.Error);
    }

    [SharedFact]
    public void A_key_the_library_schema_refuses_is_a_finding_of_its_own_and_lint_still_exits_0()
    {
        // common 3.2.1 carries its schemas: a controller takes only the keys controllers.json lists.
        using var tree = Repository("app-template", "3.2.1", "controllers:\n  main:\n    replica: 2\n    containers:\n      main:\n        image:\n          repository: x\n          tag: y\n");
        var result = Lint(tree, Popular);
        var refused = Assert.Single(result.Diagnostics, d => d.Code.Code == "MG0016");
        Assert.Equal(Severity.Warning, refused.Severity);
        Assert.Equal(LineOf(tree, "replica"), refused.Line);
        Assert.StartsWith("controllers.main.replica is refused by the values schema of app-template 3.2.1 (additionalProperties: false)", refused.Message);
        Assert.Equal("did you mean controllers.main.replicas?", refused.Hint);
        Assert.DoesNotContain(result.Diagnostics, d => d.Code.Code == "MG0009" && d.Line == refused.Line); // one finding a key
        var cli = CliRunner.Run("lint", tree.Root, "--charts", Popular);
        Assert.Equal(0, cli.ExitCode);
        Assert.Equal(1, CliRunner.Run("lint", tree.Root, "--charts", Popular, "--strict").ExitCode);
    }

    [SharedFact]
    public void A_version_pinned_across_a_major_is_not_checked_across_a_minor_unknown_keys_are_notes()
    {
        using (var major = Repository("app-template", "5.1.0", Values))
        {
            var result = Lint(major, Popular);
            Assert.Empty(Findings(result));
            var note = Assert.Single(result.Diagnostics, d => d.Code.Code == "MG0010");
            Assert.Contains("app-template 5.1.0", note.Message);
            Assert.Contains("app-template 4.6.2, is of another major version: its values are not checked", note.Message);
        }
        using (var minor = Repository("app-template", "4.7.0", Values))
        {
            var result = Lint(minor, Popular);
            Assert.Empty(Findings(result));
            Assert.Equal(3, Findings(result, "MG0017").Count);
            Assert.Contains(result.Diagnostics, d => d.Code.Code == "MG0011" && d.Message.Contains("a minor version earlier", StringComparison.Ordinal));
            Assert.Equal(0, CliRunner.Run("lint", minor.Root, "--charts", Popular, "--strict").ExitCode);
        }
        using (var patch = Repository("app-template", "4.6.3", Values))
            Assert.Equal(3, Findings(Lint(patch, Popular)).Count);
    }

    [SharedFact]
    public void The_library_as_an_archive_inside_the_folder_and_the_chart_as_an_archive_find_the_same()
    {
        using var charts = new TempTree();
        // app-template 4.6.2's folder with charts/common packed as common-4.6.2.tgz.
        var folder = charts.PathOf("app-template");
        foreach (var (path, text) in ChartArchive.FilesOf(Path.Combine(Popular, "app-template-4.6.2")).Where(f => !f.Key.StartsWith("charts/", StringComparison.Ordinal)))
            charts.Write($"app-template/{path}", text);
        var common = ChartArchive.FilesOf(Path.Combine(Popular, "app-template-4.6.2", "charts", "common"));
        Directory.CreateDirectory(Path.Combine(folder, "charts"));
        File.WriteAllBytes(Path.Combine(folder, "charts", "common-4.6.2.tgz"), ChartArchive.Pack("common", common));
        // And the same chart whole as an archive, the library a folder inside it.
        var all = ChartArchive.FilesOf(Path.Combine(Popular, "app-template-4.6.2"));
        using var packed = new TempTree();
        File.WriteAllBytes(packed.PathOf("app-template-4.6.2.tgz"), ChartArchive.Pack("app-template", all));
        foreach (var source in new[] { charts.Root, packed.Root })
        {
            using var tree = Repository("app-template", "4.6.2", Values);
            Assert.Equal(3, Findings(Lint(tree, source)).Count);
        }
    }

    [SharedFact]
    public void A_real_chart_as_a_subchart_reads_its_subtree_and_the_global_handed_down()
    {
        using var charts = new TempTree();
        charts.Write("umbrella/Chart.yaml", "apiVersion: v2\nname: umbrella\nversion: 1.0.0\ndependencies:\n  - name: app-template\n    alias: web\n    version: 4.6.2\n");
        charts.Write("umbrella/templates/config.yaml", "site: {{ .Values.site }}\n");
        foreach (var (path, text) in ChartArchive.FilesOf(Path.Combine(Popular, "app-template-4.6.2")))
            charts.Write($"umbrella/charts/app-template/{path}", text);
        var values = "site: example\nglobal:\n  nameOverride: web\n  fooBar: 1\nweb:\n" + string.Join('\n', Values.Split('\n').Select(l => "  " + l)) + "\n";
        using var tree = Repository("umbrella", "1.0.0", values);
        var result = Lint(tree, charts.Root);
        Assert.Equal(
        [
            $"{LineOf(tree, "fooBar")}: global.fooBar | ",
            $"{LineOf(tree, "controlers")}: web.controlers | did you mean web.controllers?",
            $"{LineOf(tree, "pullPolicyy")}: web.controllers.main.containers.main.image.pullPolicyy | did you mean web.controllers.main.containers.main.image.pullPolicy?",
            $"{LineOf(tree, "globalMountt")}: web.persistence.config.globalMountt | did you mean web.persistence.config.globalMounts?",
        ], Findings(result));
    }

    [SharedFact]
    public void Kube_prometheus_stack_checks_its_own_values_and_says_which_subcharts_its_folder_lacks()
    {
        // The shared folder holds only charts/crds: kube-state-metrics, prometheus-node-exporter, grafana and
        // prometheus-windows-exporter, which Chart.yaml declares, are not there (their keys are not checked).
        using var tree = Repository("kube-prometheus-stack", "88.5.3", """
            crds:
              enabled: true
            kubeStateMetrics:
              enabled: true
            kube-state-metrics:
              replicass: 2
            grafana:
              adminPassword: secret
              sidecar:
                dashboards:
                  enabled: true
            prometheus:
              prometheusSpec:
                retention: 14d
                retentionn: 7d
                podMonitorSelectorNilUsesHelmValues: false
            alertmanager:
              enabled: false
            """);
        var result = Lint(tree, Popular);
        Assert.Equal([$"{LineOf(tree, "retentionn")}: prometheus.prometheusSpec.retentionn | did you mean prometheus.prometheusSpec.retention?"], Findings(result));
        var notes = result.Diagnostics.Where(d => d.Code.Code == "MG0018").Select(d => d.Message).ToList();
        Assert.Equal(4, notes.Count);
        foreach (var name in new[] { "kube-state-metrics", "prometheus-node-exporter", "grafana", "prometheus-windows-exporter" })
            Assert.Contains(notes, n => n.Contains($"dependency {name} ", StringComparison.Ordinal));
    }
}
