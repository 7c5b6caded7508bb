using System.Text.Json;
using ManifestGen.Cli;
using ManifestGen.Cli.Output;
using ManifestGen.Tests.Support;

namespace ManifestGen.Tests.PullRequest;

public class CheckOutputTests
{
    /// <summary>The example with an orchestrator tuning, so that a run writes a template-rendered post-renderer too.</summary>
    private static TempTree Example()
    {
        var tree = new TempTree(RepoPaths.ExampleInput);
        tree.AddOrchestratorQps();
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
    public void Diffs_are_coloured_only_at_a_terminal_without_NO_COLOR()
    {
        using var tree = Example();
        string[] args = ["check", "--spec", tree.PathOf("tuning.yaml"), "--root", tree.Root];
        var terminal = Run(new CliEnvironment(StdoutIsTerminal: true, NoColor: false, GitHubActions: false, null), args);
        Assert.Contains("\u001b[32m+      bpf-ct-timeout-regular-tcp: \"6h\"", terminal.Stdout);
        Assert.Contains("\u001b[31m-      ctTcpTimeout: 21600", terminal.Stdout);
        var noColor = Run(new CliEnvironment(StdoutIsTerminal: true, NoColor: true, GitHubActions: false, null), args);
        var redirected = Run(CliEnvironment.None, args);
        Assert.DoesNotContain("\u001b[", noColor.Stdout);
        Assert.DoesNotContain("\u001b[", redirected.Stdout);
        Assert.Equal(noColor.Stdout, redirected.Stdout);
    }

    [Fact]
    public void Under_GitHub_Actions_check_annotates_and_appends_a_step_summary()
    {
        using var tree = Example();
        var summary = tree.PathOf("step-summary.md");
        File.WriteAllText(summary, "earlier step\n");
        var (code, stdout, _) = Run(new CliEnvironment(false, false, GitHubActions: true, summary),
            "check", "--spec", tree.PathOf("tuning.yaml"), "--root", tree.Root);
        Assert.Equal(1, code);
        // The Cilium file's first changed line is where the dead keys' comment starts (line 33).
        Assert.Contains("::error file=kubernetes/apps/kube-system/cilium/app/helmrelease.yaml,line=33::kubernetes/apps/kube-system/cilium/app/helmrelease.yaml is not what", stdout);
        Assert.Contains("::error file=tuning.inventory.yaml,line=1::", stdout);
        var md = File.ReadAllText(summary);
        Assert.StartsWith("earlier step\n### manifestgen check: 9 file(s) differ", md);
        Assert.Contains("| `kubernetes/apps/kube-system/cilium/app/helmrelease.yaml` | updated | +", md);
        Assert.Contains("<details><summary><code>tuning.inventory.yaml</code></summary>", md);
        Assert.Contains("```diff\n--- /dev/null", md);
    }

    [Fact]
    public void Outside_GitHub_Actions_there_are_no_workflow_commands()
    {
        using var tree = Example();
        var (_, stdout, _) = Run(CliEnvironment.None, "check", "--spec", tree.PathOf("tuning.yaml"), "--root", tree.Root);
        Assert.DoesNotContain("::error", stdout);
    }

    [Fact]
    public void Diagnostics_become_annotations_with_their_position()
    {
        using var tree = Example();
        tree.Write("tuning.yaml", tree.Read("tuning.yaml").Replace("tcpTimeout: 6h  ", "tcpTimeout: 21600"));
        var (code, stdout, _) = Run(new CliEnvironment(false, false, true, null), "check", "--spec", tree.PathOf("tuning.yaml"), "--root", tree.Root);
        Assert.Equal(2, code);
        Assert.Contains("::error file=tuning.yaml,line=12,col=19::MG2004: spec.cilium.conntrack.tcpTimeout: '21600' has no unit", stdout);
    }

    [Fact]
    public void The_summary_is_truncated_beyond_its_limit_with_a_note()
    {
        var big = new ManifestGen.Workspace.FileChange("big.yaml", null, new byte[1]);
        var diff = string.Concat(Enumerable.Repeat("+ a line of a very large generated file\n", 5000));
        var md = GitHubActions.Summary("t", [(big, diff), (big with { RepoPath = "second.yaml" }, diff)]);
        Assert.Contains("_Diff truncated after 64 KiB", md);
        Assert.Contains("_1 more file(s) not shown", md);
        Assert.True(md.Length < GitHubActions.SummaryDiffLimit + 4096);
    }

    [Fact]
    public void Workflow_command_values_are_escaped()
    {
        Assert.Equal("::error file=a%3Ab%2Cc.yaml,line=3,col=4::50%25 done%0Anext",
            GitHubActions.Annotation("error", "a:b,c.yaml", 3, 4, "50% done\nnext"));
    }

    [Theory]
    [InlineData("check", 1)]
    [InlineData("validate", 0)]
    [InlineData("generate", 0)]
    [InlineData("plan", 0)]
    public void Json_output_parses_back_with_diagnostics_and_changed_files(string verb, int exit)
    {
        using var tree = Example();
        var (code, stdout, stderr) = Run(CliEnvironment.None, verb, "--spec", tree.PathOf("tuning.yaml"), "--root", tree.Root, "--output", "json");
        Assert.Equal(exit, code);
        Assert.Equal("", stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal(verb, root.GetProperty("command").GetString());
        Assert.Equal(exit, root.GetProperty("exitCode").GetInt32());
        var diagnostics = root.GetProperty("diagnostics").EnumerateArray().ToList();
        var dead = diagnostics.First(d => d.GetProperty("code").GetString() == (verb == "validate" ? "MG0001" : "MG4001"));
        Assert.Equal("kubernetes/apps/kube-system/cilium/app/helmrelease.yaml", dead.GetProperty("file").GetString());
        Assert.True(dead.GetProperty("line").GetInt32() > 30);
        Assert.True(dead.TryGetProperty("hint", out _));
        var changed = root.GetProperty("changedFiles").EnumerateArray().ToList();
        if (verb is "check" or "generate")
        {
            Assert.Equal(9, changed.Count);
            Assert.Contains(changed, f => f.GetProperty("path").GetString() == "tuning.inventory.yaml" && f.GetProperty("status").GetString() == "created");
            Assert.All(changed, f => Assert.StartsWith("---", f.GetProperty("diff").GetString()));
        }
        else Assert.Empty(changed);
        if (verb == "plan") Assert.True(root.GetProperty("plan").GetArrayLength() > 10);
    }
}
