using System.Text.RegularExpressions;
using ManifestGen.Tests.Support;

namespace ManifestGen.Tests.FirstHour;

/// <summary>
/// The README's "Start from your repository" block, line by line as it is written, in a copy of public Flux
/// repositories of the corpus (as a user would run it from their repository's root), with `manifestgen` the CLI
/// this build produced. Every line must succeed, and the last (check) must find the output current.
/// </summary>
public partial class StartBlockTests
{
    [GeneratedRegex(@"<!-- start:begin -->\n```sh\n(.*?)```\n<!-- start:end -->", RegexOptions.Singleline)]
    private static partial Regex Block();

    private static IReadOnlyList<string> Lines()
    {
        var block = Block().Match(File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")));
        Assert.True(block.Success, "README.md has no <!-- start:begin --> ```sh ... ``` <!-- start:end --> block");
        return block.Groups[1].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [SharedTheory]
    [InlineData("vikaspogu-k8s-gitops")]
    [InlineData("onedr0p-home-ops")]
    public void The_block_runs_verbatim_from_the_root_of_a_real_repository(string repository)
    {
        using var repo = new TempTree(Path.Combine(RepoPaths.RequireShared(), "corpus", "public", repository));
        Directory.CreateDirectory(repo.PathOf(".git"));
        using var bin = new TempTree();
        // `manifestgen` on PATH: the CLI of this build, as the installed tool would be.
        var cli = Path.Combine(AppContext.BaseDirectory, "manifestgen.dll");
        bin.Write("manifestgen", $"#!/usr/bin/env bash\nexec dotnet '{cli}' \"$@\"\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(bin.PathOf("manifestgen"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = bin.Root + ":" + Environment.GetEnvironmentVariable("PATH");
        var lines = Lines();
        Assert.Equal(["lint", "init", "validate", "generate", "check"], lines.Select(l => l.Split(' ', 3)[1]).ToArray());
        foreach (var line in lines)
        {
            var (code, stdout, stderr) = ProcessRunner.Run("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", line], folder: repo.Root,
                environment: new Dictionary<string, string> { ["PATH"] = path, ["GITHUB_ACTIONS"] = "", ["NO_COLOR"] = "1" });
            Assert.True(code == 0, $"{repository}: `{line}` exited {code}\n{stdout}{stderr}");
        }
        Assert.Contains("kind: ClusterTuning", repo.Read("tuning.yaml"));
        Assert.True(File.Exists(repo.PathOf("tuning.inventory.yaml")));
    }
}
