using System.Text.RegularExpressions;
using ManifestGen.Tests.Snapshots;
using ManifestGen.Tests.Support;
using ManifestGen.Yaml;

namespace ManifestGen.Tests.Distribution;

/// <summary>
/// action.yml run as a GitHub runner runs a composite action: each step's <c>run:</c> script with its expressions
/// (<c>${{ inputs.* }}</c>, <c>${{ github.action_path }}</c>) substituted, in bash with <c>-eo pipefail</c>, in the
/// workspace, under GITHUB_ACTIONS with GITHUB_ENV and GITHUB_STEP_SUMMARY files, the variables a step writes to
/// GITHUB_ENV passed to the next. The action's checkout is a copy of this repository's sources (what a runner
/// fetches for <c>uses: OWNER/manifestgen@REF</c>). On a stale repository the job fails with annotations and a
/// summary; on a current one it passes.
/// </summary>
[Trait(Slow.Category, Slow.Value)]
public partial class ActionTests
{
    private sealed record Step(string Name, string Run, IReadOnlyDictionary<string, string> Env);

    [GeneratedRegex(@"\$\{\{\s*([^}]*?)\s*\}\}")]
    private static partial Regex Expression();

    private static IReadOnlyList<Step> Steps(IReadOnlyDictionary<string, string> context)
    {
        var action = YamlValue.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "action.yml")));
        Assert.Equal("composite", YamlValue.TextOf(YamlValue.At(action, "runs", "using")));
        string Substitute(string text) => Expression().Replace(text, m =>
            context.TryGetValue(m.Groups[1].Value, out var value) ? value : throw new InvalidOperationException($"action.yml uses ${{{{ {m.Groups[1].Value} }}}}, which this test does not provide"));
        var steps = new List<Step>();
        foreach (var step in ((YamlSeq)YamlValue.At(action, "runs", "steps")!).Items.Cast<YamlMap>())
        {
            Assert.Equal("bash", YamlValue.TextOf(step.Get("shell")));
            Assert.Null(step.Get("uses")); // run: steps only: offline, on any runner with the SDK
            var env = (step.Get("env") as YamlMap)?.Entries.ToDictionary(e => e.Key, e => Substitute(YamlValue.TextOf(e.Value) ?? "")) ?? [];
            steps.Add(new Step(YamlValue.TextOf(step.Get("name")) ?? "", Substitute(YamlValue.TextOf(step.Get("run"))!), env));
        }
        return steps;
    }

    /// <summary>Runs the steps in <paramref name="workspace"/>; stops at the first that fails, as a runner does.</summary>
    /// <param name="lint">The lint input ("true" or "false").</param>
    /// <param name="baseSha">The pull request's base commit (empty outside a pull request).</param>
    private static (int Code, string Stdout, string Summary) RunAction(string actionPath, string workspace, string runnerTemp, string spec = "", string args = "",
        string lint = "false", string baseSha = "")
    {
        var context = new Dictionary<string, string>
        {
            ["github.action_path"] = actionPath, ["inputs.spec"] = spec, ["inputs.args"] = args, ["inputs.lint"] = lint, ["inputs.lint-args"] = "",
            ["github.event.pull_request.base.sha"] = baseSha,
        };
        var githubEnv = Path.Combine(runnerTemp, "github-env");
        var summary = Path.Combine(runnerTemp, "step-summary.md");
        File.WriteAllText(githubEnv, "");
        File.WriteAllText(summary, "");
        var exported = new Dictionary<string, string>();
        var stdout = "";
        foreach (var step in Steps(context))
        {
            var script = Path.Combine(runnerTemp, "step.sh");
            File.WriteAllText(script, step.Run);
            var environment = new Dictionary<string, string>(exported)
            {
                ["GITHUB_ACTIONS"] = "true", ["CI"] = "true", ["GITHUB_ENV"] = githubEnv, ["GITHUB_STEP_SUMMARY"] = summary,
                ["GITHUB_WORKSPACE"] = workspace, ["RUNNER_TEMP"] = runnerTemp,
            };
            foreach (var (name, value) in step.Env) environment[name] = value;
            var (code, output, error) = ProcessRunner.Run("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], folder: workspace, environment: environment);
            stdout += output;
            foreach (var line in File.ReadAllLines(githubEnv))
                if (line.IndexOf('=') is > 0 and var eq) exported[line[..eq]] = line[(eq + 1)..];
            if (code != 0) return (code, stdout + error, File.ReadAllText(summary));
        }
        return (0, stdout, File.ReadAllText(summary));
    }

    private static string ActionCheckout(TempTree into)
    {
        // What a runner fetches for the pinned ref: the repository's files (no bin/ or obj/).
        foreach (var item in new[] { "generator", "templates", "docs" })
            TempTree.Copy(Path.Combine(RepoPaths.Root, item), into.PathOf(item));
        foreach (var file in new[] { "action.yml", "Directory.Build.props", "Directory.Packages.props", "nuget.config", ".editorconfig", "README.md" })
            File.Copy(Path.Combine(RepoPaths.Root, file), into.PathOf(file));
        foreach (var dir in Directory.GetDirectories(into.PathOf("generator"), "*", SearchOption.AllDirectories).Where(d => Path.GetFileName(d) is "bin" or "obj").ToList())
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        return into.Root;
    }

    [Fact]
    public void The_action_fails_a_stale_repository_with_annotations_and_passes_a_current_one()
    {
        using var action = new TempTree();
        using var temp = new TempTree();
        var actionPath = ActionCheckout(action);

        using var stale = new TempTree(RepoPaths.ExampleInput);
        Directory.CreateDirectory(stale.PathOf(".git"));
        var failed = RunAction(actionPath, stale.Root, temp.Root);
        Assert.True(failed.Code == 1, failed.Stdout);
        Assert.Contains("::error file=kubernetes/apps/kube-system/cilium/app/helmrelease.yaml,line=", failed.Stdout);
        Assert.Contains("manifestgen check", failed.Summary);
        Assert.Contains("| cluster | tuning | delivery |", failed.Summary);

        using var current = new TempTree(Path.Combine(GenerateSnapshotTests.CasesDir, "example-cluster", "expected"));
        Directory.CreateDirectory(current.PathOf(".git"));
        var passed = RunAction(actionPath, current.Root, temp.Root);
        Assert.True(passed.Code == 0, passed.Stdout);
        Assert.Contains("up to date: committed output matches the spec", passed.Stdout);

        // The inputs: a spec by path and more arguments; a spec that is not there fails the job (exit 2).
        Assert.Equal(0, RunAction(actionPath, current.Root, temp.Root, spec: "tuning.yaml", args: "--root .").Code);
        Assert.Equal(2, RunAction(actionPath, current.Root, temp.Root, spec: "nowhere/tuning.yaml").Code);
    }

    private static string Git(string folder, params string[] args)
    {
        var run = ProcessRunner.Run("git", ["-c", "user.name=test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false", .. args], folder: folder);
        Assert.True(run.Code == 0, run.Stderr);
        return run.Stdout.Trim();
    }

    [Fact]
    public void With_lint_the_action_fails_a_pull_request_that_adds_a_value_no_chart_reads_and_passes_one_that_does_not()
    {
        using var action = new TempTree();
        using var temp = new TempTree();
        var actionPath = ActionCheckout(action);
        using var repo = new TempTree(Path.Combine(GenerateSnapshotTests.CasesDir, "example-cluster", "expected"));
        Git(repo.Root, "init", "-q", "-b", "main");
        Git(repo.Root, "add", "-A");
        Git(repo.Root, "commit", "-q", "-m", "base");
        var baseSha = Git(repo.Root, "rev-parse", "HEAD");

        // A pull request that changes nothing lint sees: check and lint pass.
        repo.Write("README.md", "a pull request\n");
        Git(repo.Root, "add", "-A");
        Git(repo.Root, "commit", "-q", "-m", "docs");
        var clean = RunAction(actionPath, repo.Root, temp.Root, lint: "true", baseSha: baseSha);
        Assert.True(clean.Code == 0, clean.Stdout);
        Assert.Contains("0 new value(s) no chart release reads since " + baseSha, clean.Stdout);

        // One that adds a key the chart never reads: check passes, lint fails the job with an annotation on that line.
        const string release = "kubernetes/apps/kube-system/cilium/app/helmrelease.yaml";
        var text = File.ReadAllText(repo.PathOf(release));
        repo.Write(release, text.Replace("  values:\n", "  values:\n    hubbel:\n      enabled: true\n"));
        Git(repo.Root, "commit", "-q", "-am", "a typo");
        var failed = RunAction(actionPath, repo.Root, temp.Root, lint: "true", baseSha: baseSha);
        Assert.True(failed.Code == 1, failed.Stdout);
        Assert.Contains("up to date: committed output matches the spec", failed.Stdout);
        Assert.Contains($"::warning file={release},line=25,col=5::MG0009: hubbel is not read by cilium", failed.Stdout);
        Assert.Contains("hubbel", failed.Summary);

        // Off by default; outside a pull request it lists the findings and passes.
        Assert.Equal(0, RunAction(actionPath, repo.Root, temp.Root).Code);
        var push = RunAction(actionPath, repo.Root, temp.Root, lint: "true");
        Assert.True(push.Code == 0, push.Stdout);
        Assert.Contains("MG0009: hubbel is not read by cilium", push.Stdout);
    }

    [Fact]
    public void The_recipe_uses_the_action_in_one_line()
    {
        var recipe = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "recipes", ".github", "workflows", "manifestgen.yaml"));
        Assert.Matches(@"\n      - uses: OWNER/manifestgen@v\d+\.\d+\.\d+\n", recipe);
        Assert.DoesNotContain("dotnet tool install", recipe);
    }
}
