using System.Text.Json;
using ManifestGen.Cli;
using ManifestGen.Tests.Charts;
using ManifestGen.Tests.Support;

namespace ManifestGen.Tests.Lint;

/// <summary><c>manifestgen lint</c> as a user and a CI job run it: exit codes, JSON, GitHub annotations, where paths are from.</summary>
public class LintCommandTests
{
    private const string Release = """
        ---
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata:
          name: cilium
          namespace: kube-system
        spec:
          chart:
            spec:
              chart: cilium
              version: VERSION
          values:
            bgp:
              enabled: true
            rollOutCiliumPods: true
        """;

    private static TempTree Repo(string version = "1.17.0")
    {
        var tree = new TempTree();
        Directory.CreateDirectory(tree.PathOf(".git"));
        tree.Write("clusters/main/cilium/helmrelease.yaml", Release.Replace("VERSION", version));
        return tree;
    }

    private static (int Code, string Stdout, string Stderr) Run(CliEnvironment env, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = ManifestGenCli.Run(args, stdout, stderr, env);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void A_chart_bump_that_stops_reading_a_key_names_the_last_release_that_read_it()
    {
        using var before = Repo("1.16.19");
        var quiet = CliRunner.Run("lint", before.Root);
        Assert.Equal(0, quiet.ExitCode);
        Assert.DoesNotContain("MG0009", quiet.Stdout);
        using var after = Repo("1.17.0");
        var bumped = CliRunner.Run("lint", after.Root);
        Assert.Equal(0, bumped.ExitCode); // a warning
        Assert.Contains("clusters/main/cilium/helmrelease.yaml:13:5: warning MG0009: bgp is not read by cilium 1.17.0: Helm hands it to the chart, which ignores it, so it does nothing (cilium 1.16.19 was the last release to read it)", bumped.Stdout);
        Assert.Contains("lint: 1 HelmRelease(s), 1 checked against their chart, 1 value(s) no chart release reads", bumped.Stdout);
    }

    [Fact]
    public void Strict_fails_on_a_finding_and_notes_never_fail()
    {
        using var tree = Repo();
        Assert.Equal(1, CliRunner.Run("lint", tree.Root, "--strict").ExitCode);
        tree.Write("clusters/main/cilium/helmrelease.yaml", Release.Replace("VERSION", "1.12.0").Replace("    bgp:\n      enabled: true\n", ""));
        var old = CliRunner.Run("lint", tree.Root, "--strict");
        Assert.Equal(0, old.ExitCode);
        Assert.Contains("note MG0010: cilium 1.12.0 is older than every release the tool knows", old.Stdout);
    }

    [Fact]
    public void Charts_the_tool_does_not_carry_are_counted_in_the_summary_and_listed_with_verbose()
    {
        using var tree = Repo();
        for (var i = 0; i < 3; i++)
            tree.Write($"clusters/main/app{i}/helmrelease.yaml", Release.Replace("name: cilium", $"name: app{i}").Replace("chart: cilium", "chart: app-template").Replace("VERSION", "4.0.1"));
        var quiet = CliRunner.Run("lint", tree.Root);
        Assert.DoesNotContain("MG0015", quiet.Stdout);
        Assert.Contains("warning MG0009: bgp is not read by cilium 1.17.0", quiet.Stdout);
        Assert.Contains("lint: 4 HelmRelease(s), 1 checked against their chart, 1 value(s) no chart release reads, 3 on a chart the tool does not carry", quiet.Stdout);
        var verbose = CliRunner.Run("lint", tree.Root, "--verbose");
        Assert.Equal(3, verbose.Stdout.Split('\n').Count(l => l.Contains("note MG0015: HelmRelease app", StringComparison.Ordinal) && l.Contains("chart app-template", StringComparison.Ordinal)));
        Assert.DoesNotContain("does not carry (--verbose", verbose.Stdout);
        var json = CliRunner.Run("lint", tree.Root, "--output", "json");
        Assert.Equal(3, JsonDocument.Parse(json.Stdout).RootElement.GetProperty("diagnostics").EnumerateArray().Count(d => d.GetProperty("code").GetString() == "MG0015"));
    }

    [Fact]
    public void A_HelmRelease_naming_its_chart_through_an_alias_is_checked()
    {
        using var tree = Repo();
        tree.Write("clusters/main/cilium/helmrelease.yaml", Release.Replace("VERSION", "1.17.0").Replace("  name: cilium", "  name: &app cilium").Replace("chart: cilium", "chart: *app"));
        var run = CliRunner.Run("lint", tree.Root);
        Assert.Contains("warning MG0009: bgp is not read by cilium 1.17.0", run.Stdout);
    }

    [Fact]
    public void Paths_are_from_the_repository_root_whatever_folder_is_linted()
    {
        using var tree = Repo();
        var sub = CliRunner.Run("lint", tree.PathOf("clusters/main"));
        Assert.Contains("clusters/main/cilium/helmrelease.yaml:13:5: warning MG0009", sub.Stdout);
        var rooted = CliRunner.Run("lint", tree.PathOf("clusters/main"), "--root", tree.PathOf("clusters"));
        Assert.Contains("main/cilium/helmrelease.yaml:13:5: warning MG0009", rooted.Stdout);
        Assert.Equal(2, CliRunner.Run("lint", tree.PathOf("nowhere")).ExitCode);
    }

    [Fact]
    public void Json_is_one_document_with_the_findings_and_the_counts()
    {
        using var tree = Repo();
        var run = CliRunner.Run("lint", tree.Root, "--output", "json");
        Assert.Equal("", run.Stderr);
        using var doc = JsonDocument.Parse(run.Stdout);
        Assert.Equal("lint", doc.RootElement.GetProperty("command").GetString());
        Assert.Equal(1, doc.RootElement.GetProperty("findings").GetInt32());
        var finding = doc.RootElement.GetProperty("diagnostics")[0];
        Assert.Equal("MG0009", finding.GetProperty("code").GetString());
        Assert.Equal(13, finding.GetProperty("line").GetInt32());
    }

    [Fact]
    public void Under_GitHub_Actions_findings_are_annotations_and_a_step_summary_table()
    {
        using var tree = Repo();
        var summary = tree.PathOf("summary.md");
        var (code, stdout, _) = Run(new CliEnvironment(false, false, GitHubActions: true, summary), "lint", tree.Root);
        Assert.Equal(0, code);
        Assert.Contains("::warning file=clusters/main/cilium/helmrelease.yaml,line=13,col=5::MG0009: bgp is not read by cilium 1.17.0", stdout);
        var md = File.ReadAllText(summary);
        Assert.Contains("### lint: 1 HelmRelease(s), 1 checked against their chart, 1 value(s) no chart release reads", md);
        Assert.Contains("| `clusters/main/cilium/helmrelease.yaml:13` | bgp is not read by cilium 1.17.0", md);
    }

    /// <summary>--charts reaches every verb that reads charts, so check and generate agree on what a release reads.</summary>
    [Fact]
    public void Charts_given_with_charts_come_before_the_built_in_data_on_validate_check_and_generate()
    {
        using var tree = new TempTree(RepoPaths.ExampleInput);
        Directory.CreateDirectory(tree.PathOf("charts"));
        // A release the tool does not carry: a cilium 1.99.0 whose chart reads nothing the spec sets under bpf.
        File.WriteAllBytes(tree.PathOf("charts/cilium-1.99.0.tgz"), ChartArchive.Pack("cilium",
            ChartArchive.Minimal("cilium", "1.99.0", "rollOutCiliumPods: false\nextraConfig: {}\ncgroup:\n  automount:\n    enabled: true\n", "")));
        var release = tree.Read("kubernetes/apps/kube-system/cilium/app/helmrelease.yaml");
        tree.Write("kubernetes/apps/kube-system/cilium/app/helmrelease.yaml", release.Replace("version: 1.18.4", "version: 1.99.0"));
        var validate = CliRunner.Run(tree, "validate", "--charts", tree.PathOf("charts"));
        Assert.DoesNotContain("cgroup.automount is not read", validate.Stderr); // this chart reads it
        Assert.Contains("bpf.ctTcpMax", validate.Stderr);
        var check = CliRunner.Run(tree, "check", "--charts", tree.PathOf("charts"));
        var generate = CliRunner.Run(tree, "generate", "--charts", tree.PathOf("charts"));
        Assert.Equal(2, check.ExitCode);
        Assert.Equal(2, generate.ExitCode);
        Assert.Contains("error MG3009: cilium 1.99.0 does not read the value bpf.ctTcpMax, so writing it would do nothing; nothing was written", generate.Stderr);
        // Without --charts, 1.99.0 is checked against the nearest older release the tool carries, and the run says so.
        var builtIn = CliRunner.Run(tree, "validate");
        Assert.Contains("note MG0011: cilium 1.99.0 is newer than the releases the tool knows: checked against the nearest older release it knows, cilium 1.20.0, a minor version earlier", builtIn.Stderr);
        // A minor version earlier, a key no release the tool knows reads is a note: 1.99.0 itself may read it.
        Assert.Contains("note MG0017: cgroup.automount is not read by cilium 1.20.0, the nearest release the tool knows before the version pinned", builtIn.Stderr);
    }

    [Fact]
    public void Check_reports_the_findings_of_the_files_the_spec_touches()
    {
        using var tree = new TempTree(RepoPaths.ExampleInput);
        var check = CliRunner.Run(tree, "check");
        Assert.Equal(1, check.ExitCode);
        Assert.Contains("kubernetes/apps/kube-system/cilium/app/helmrelease.yaml:40:7: warning MG0009: cgroup.automount is not read by cilium 1.18.4", check.Stderr);
    }
}
