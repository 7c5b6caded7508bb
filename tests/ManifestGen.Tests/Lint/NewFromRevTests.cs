using System.Text.Json;
using ManifestGen.Tests.Support;

namespace ManifestGen.Tests.Lint;

/// <summary>
/// <c>lint --new-from-rev REV</c> on a real git repository: only the findings the same lint of REV does not have, read
/// through git without touching the working tree; <c>--strict</c> fails only on those. A finding is known by its code,
/// its HelmRelease, its clusters and its value path: one that only moved lines, or whose chart version changed, is not
/// new; a key a chart bump stops reading is.
/// </summary>
public class NewFromRevTests
{
    private const string Release = """
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
              enabled: false
            hubble:
              relay:
                enabled: true
            operatr:
              replicas: 1

        """;

    private const string File = "kubernetes/cilium/helmrelease.yaml";

    private static void Git(TempTree repo, params string[] args)
    {
        var run = ProcessRunner.Run("git", ["-c", "user.name=test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false", .. args], folder: repo.Root);
        Assert.True(run.Code == 0, run.Stderr);
    }

    /// <summary>A repository whose one commit holds the HelmRelease at <paramref name="version"/>.</summary>
    private static TempTree Committed(string version)
    {
        var repo = new TempTree();
        Git(repo, "init", "-q", "-b", "main");
        repo.Write(File, Release.Replace("VERSION", version));
        Git(repo, "add", "-A");
        Git(repo, "commit", "-q", "-m", "base");
        return repo;
    }

    private static string[] Findings(CliRunner.Result run) =>
        run.Stdout.Split('\n').Where(l => l.Contains(": warning MG", StringComparison.Ordinal)).ToArray();

    [Fact]
    public void A_chart_bump_reports_exactly_what_the_new_release_stops_reading()
    {
        using var repo = Committed("1.16.5");
        repo.Write(File, Release.Replace("VERSION", "1.17.6"));
        var run = CliRunner.Run("lint", repo.Root, "--new-from-rev", "main", "--strict");
        Assert.Equal(1, run.ExitCode);
        // operatr is a finding at both revisions: not new.
        Assert.Equal([$"{File}:12:5: warning MG0009: bgp is not read by cilium 1.17.6: Helm hands it to the chart, which ignores it, so it does nothing (cilium 1.16.19 was the last release to read it)"],
            Findings(run));
        Assert.Matches(@"lint: 1 HelmRelease\(s\), 1 checked against their chart, 1 new value\(s\) no chart release reads since main \([0-9a-f]{12}\), of 2 in all\n$", run.Stdout);
        // The working tree is as it was: the bump is still there, uncommitted.
        Assert.Contains("1.17.6", System.IO.File.ReadAllText(repo.PathOf(File)));
        Assert.Contains(File, ProcessRunner.Run("git", ["status", "--porcelain"], folder: repo.Root).Stdout);
    }

    [Fact]
    public void No_new_finding_passes_strict_and_a_finding_that_only_moved_lines_is_not_new()
    {
        using var repo = Committed("1.17.6");
        var same = CliRunner.Run("lint", repo.Root, "--new-from-rev", "HEAD", "--strict");
        Assert.Equal(0, same.ExitCode);
        Assert.Empty(Findings(same));
        Assert.Contains("0 new value(s) no chart release reads since HEAD", same.Stdout);

        // Lines above the findings, and the chart version changed within what reads the same keys: nothing new.
        repo.Write(File, "# the CNI\n# (reviewed)\n" + Release.Replace("VERSION", "1.17.7").Replace("  values:\n", "  interval: 30m\n  values:\n"));
        var moved = CliRunner.Run("lint", repo.Root, "--new-from-rev", "HEAD", "--strict");
        Assert.Equal(0, moved.ExitCode);
        Assert.Empty(Findings(moved));
        Assert.Equal(2, CliRunner.Run("lint", repo.Root).Stdout.Split('\n').Count(l => l.Contains("warning MG0009", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_new_key_nothing_reads_is_new_and_fails_strict_only_on_it()
    {
        using var repo = Committed("1.17.6");
        repo.Write(File, Release.Replace("VERSION", "1.17.6") + "    hubbel:\n      enabled: true\n");
        var run = CliRunner.Run("lint", repo.Root, "--new-from-rev", "HEAD", "--strict");
        Assert.Equal(1, run.ExitCode);
        var finding = Assert.Single(Findings(run));
        Assert.Contains("warning MG0009: hubbel is not read by cilium 1.17.6", finding);
        // Without --strict a new finding is a warning: exit 0.
        Assert.Equal(0, CliRunner.Run("lint", repo.Root, "--new-from-rev", "HEAD").ExitCode);
        // JSON: one document, the new findings and the counts of both.
        var json = CliRunner.Run("lint", repo.Root, "--new-from-rev", "HEAD", "--output", "json");
        using var doc = JsonDocument.Parse(json.Stdout);
        Assert.Equal(1, doc.RootElement.GetProperty("findings").GetInt32());
        Assert.Equal(3, doc.RootElement.GetProperty("findingsInAll").GetInt32());
        Assert.StartsWith("HEAD (", doc.RootElement.GetProperty("newFromRev").GetString());
    }

    [Fact]
    public void The_same_key_in_another_HelmRelease_is_a_new_finding()
    {
        using var repo = Committed("1.17.6");
        repo.Write("kubernetes/other/helmrelease.yaml", Release.Replace("VERSION", "1.17.6").Replace("name: cilium\n", "name: cilium-two\n"));
        var run = CliRunner.Run("lint", repo.Root, "--new-from-rev", "HEAD");
        Assert.Equal(2, Findings(run).Length);
        Assert.All(Findings(run), f => Assert.StartsWith("kubernetes/other/helmrelease.yaml:", f));
    }

    [Fact]
    public void A_folder_the_revision_lacks_makes_every_finding_new()
    {
        using var repo = Committed("1.17.6");
        repo.Write("clusters/new/cilium.yaml", Release.Replace("VERSION", "1.17.6"));
        var run = CliRunner.Run("lint", repo.PathOf("clusters/new"), "--new-from-rev", "HEAD");
        Assert.Equal(2, Findings(run).Length);
    }

    [Fact]
    public void A_revision_git_cannot_resolve_is_exit_2_with_what_to_do()
    {
        using var repo = Committed("1.17.6");
        var run = CliRunner.Run("lint", repo.Root, "--new-from-rev", "no-such-branch");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("./: error MG2014: --new-from-rev no-such-branch: git cannot resolve it to a commit of this repository", run.Stdout);
        Assert.Contains("fetch-depth: 0", run.Stdout);
        Assert.Equal(2, CliRunner.Run("lint", repo.Root, "--new-from-rev", "--output").ExitCode);

        // Outside a git repository.
        using var plain = new TempTree();
        plain.Write("hr.yaml", Release.Replace("VERSION", "1.17.6"));
        var outside = CliRunner.Run("lint", plain.Root, "--root", plain.Root, "--new-from-rev", "HEAD");
        Assert.Equal(2, outside.ExitCode);
        Assert.Contains("is not in a git repository", outside.Stdout);
    }

    [Fact]
    public void Findings_are_the_output_a_pipe_reads()
    {
        using var repo = Committed("1.17.6");
        var cli = Path.Combine(AppContext.BaseDirectory, "manifestgen.dll");
        var run = ProcessRunner.Run("bash", ["-c", $"dotnet '{cli}' lint '{repo.Root}' | grep MG0009"]);
        Assert.Equal(0, run.Code);
        Assert.Equal(2, run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal("", run.Stderr);
    }
}
