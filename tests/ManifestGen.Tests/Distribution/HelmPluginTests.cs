using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using ManifestGen.Tests.Support;
using ManifestGen.Yaml;

namespace ManifestGen.Tests.Distribution;

/// <summary>
/// post-render as Helm runs it. No helm binary is here, so the plugin file is checked against Helm's own
/// rules, and its command line is run exactly as Helm 4 builds it: the command of the first matching platform
/// (with <c>${HELM_PLUGIN_DIR}</c> expanded), the plugin's args, then the <c>--post-renderer-args</c>, with
/// HELM_PLUGIN_DIR set and the rendered chart on stdin. Helm 3 runs the executable with the
/// <c>--post-renderer-args</c> alone, which is the same command line without the plugin's part.
/// </summary>
[Trait(Slow.Category, Slow.Value)]
public partial class HelmPluginTests
{
    /// <summary>A fact for the plugin archive's platform: it ships a linux-x64 binary.</summary>
    private sealed class LinuxX64FactAttribute : FactAttribute
    {
        public LinuxX64FactAttribute()
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || RuntimeInformation.OSArchitecture != Architecture.X64)
                Skip = "the plugin archive ships a linux-x64 binary; this machine is another platform";
        }
    }

    private static readonly string PluginDir = Path.Combine(RepoPaths.Root, "generator", "ManifestGen.Cli", "helm-plugin");

    private static YamlMap Plugin() => (YamlMap)YamlValue.Parse(File.ReadAllText(Path.Combine(PluginDir, "plugin.yaml")));

    private static string? Text(YamlValue? v) => (v as YamlScalar)?.Value.Text;

    [Fact]
    public void The_plugin_file_follows_Helm_s_rules()
    {
        var plugin = Plugin();
        Assert.Equal("v1", Text(plugin.Get("apiVersion")));
        Assert.Equal("postrenderer/v1", Text(plugin.Get("type")));
        Assert.Equal("subprocess", Text(plugin.Get("runtime")));
        // Helm's name rule (pkg/plugin: alphanumerics, '_' and '-') and a semantic version.
        Assert.Matches("^[A-Za-z0-9_-]+$", Text(plugin.Get("name")));
        Assert.Matches(SemVer(), Text(plugin.Get("version")));
        // The plugin is the tool's: the same version as the package.
        var version = Regex.Match(File.ReadAllText(Path.Combine(RepoPaths.Root, "Directory.Build.props")), "<Version>(.*)</Version>").Groups[1].Value;
        Assert.Equal(version, Text(plugin.Get("version")));
        var commands = Assert.IsType<YamlSeq>(((YamlMap)plugin.Get("runtimeConfig")!).Get("platformCommand"));
        Assert.NotEmpty(commands.Items);
        Assert.All(commands.Items, c => Assert.False(string.IsNullOrEmpty(Text(((YamlMap)c).Get("command")))));
        // Only the keys Helm knows (unknown keys fail `helm plugin install`).
        Assert.All(plugin.Entries, e => Assert.Contains(e.Key, new[] { "apiVersion", "type", "name", "version", "runtime", "sourceURL", "config", "runtimeConfig" }));
    }

    // semver.org's regular expression, as Helm checks plugin versions.
    [GeneratedRegex(@"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$")]
    private static partial Regex SemVer();

    /// <summary>The command Helm picks: os and arch both match, else os alone, else a command for any platform.</summary>
    private static (string Command, string[] Args) PlatformCommand(string os, string arch)
    {
        var commands = ((YamlSeq)((YamlMap)Plugin().Get("runtimeConfig")!).Get("platformCommand")!).Items.Cast<YamlMap>().ToList();
        var chosen = commands.FirstOrDefault(c => Text(c.Get("os")) == os && Text(c.Get("arch")) == arch)
                     ?? commands.FirstOrDefault(c => Text(c.Get("os")) == os && Text(c.Get("arch")) is null)
                     ?? commands.First(c => Text(c.Get("os")) is null && Text(c.Get("arch")) is null);
        var args = ((chosen.Get("args") as YamlSeq)?.Items ?? []).Select(a => Text(a)!).ToArray();
        return (Text(chosen.Get("command"))!, args);
    }

    [Fact]
    public void Each_platform_gets_a_command_and_others_fall_back_to_the_tool_on_PATH()
    {
        var (linux, linuxArgs) = PlatformCommand("linux", "amd64");
        Assert.Equal("${HELM_PLUGIN_DIR}/bin/manifestgen", linux);
        Assert.Equal(["post-render"], linuxArgs);
        var (other, otherArgs) = PlatformCommand("darwin", "arm64");
        Assert.Equal("manifestgen", other);
        Assert.Equal(["post-render"], otherArgs);
    }

    [LinuxX64Fact]
    public void The_packaged_plugin_runs_as_Helm_4_runs_it()
    {
        using var work = new TempTree();
        var (code, stdout, stderr) = Exec("bash", null, null, Path.Combine(PluginDir, "package.sh"), work.PathOf("out"));
        Assert.True(code == 0, stderr);
        var pluginDir = stdout.Trim();
        Assert.True(File.Exists(Path.Combine(pluginDir, "plugin.yaml")) && File.Exists(Path.Combine(pluginDir, "bin", "manifestgen")), stdout);
        Assert.True(File.Exists(work.PathOf("out/manifestgen-0.1.0.tgz")));

        using var tree = new TempTree(RepoPaths.ExampleInput);
        // What Helm 4 hands a post-renderer: each document annotated with the file it came from.
        var rendered = "---\n# Source: trident/templates/deployment.yaml\n" + File.ReadAllText(tree.PathOf("observed/trident-controller.yaml"))
            .Replace("  namespace: trident\n", "  namespace: trident\n  annotations:\n    postrenderer.helm.sh/postrender-filename: trident/templates/deployment.yaml\n", StringComparison.Ordinal);
        var (command, pluginArgs) = PlatformCommand("linux", "amd64");
        var executable = command.Replace("${HELM_PLUGIN_DIR}", pluginDir, StringComparison.Ordinal);
        string[] postRendererArgs = [$"--spec={tree.PathOf("tuning.yaml")}", $"--root={tree.Root}"];
        var run = Exec(executable, rendered, pluginDir, [.. pluginArgs, .. postRendererArgs]);
        Assert.True(run.Code == 0, run.Stderr);
        Assert.Contains("postrenderer.helm.sh/postrender-filename: trident/templates/deployment.yaml", run.Stdout);
        Assert.Contains("            - --kube-api-qps=50\n", run.Stdout);
        // Helm 4 fails on empty output: an empty stream in is an error that says why.
        var empty = Exec(executable, "", pluginDir, [.. pluginArgs, .. postRendererArgs]);
        Assert.Equal(2, empty.Code);
        Assert.Equal("", empty.Stdout);
        Assert.Contains("the input holds no manifests", empty.Stderr);
    }

    [Fact]
    public void Helm_3_s_post_renderer_args_reach_the_verb()
    {
        // helm install ... --post-renderer manifestgen --post-renderer-args post-render --post-renderer-args --spec=PATH
        using var tree = new TempTree(RepoPaths.ExampleInput);
        var observed = File.ReadAllBytes(tree.PathOf("observed/trident-controller.yaml"));
        var (code, stdout, stderr) = CliRunner.RunWithStdin(observed, ["post-render", $"--spec={tree.PathOf("tuning.yaml")}", $"--root={tree.Root}"]);
        Assert.True(code == 0, stderr);
        Assert.Contains("--kube-api-qps=50", Encoding.UTF8.GetString(stdout));
    }

    private static (int Code, string Stdout, string Stderr) Exec(string file, string? stdin, string? pluginDir, params string[] args) =>
        ProcessRunner.Run(file, args, stdin, environment: pluginDir is null ? null : new Dictionary<string, string> { ["HELM_PLUGIN_DIR"] = pluginDir });
}
