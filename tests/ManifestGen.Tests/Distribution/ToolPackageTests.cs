using System.Text.RegularExpressions;
using ManifestGen.Tests.Support;

namespace ManifestGen.Tests.Distribution;

/// <summary>
/// The README's install lines, run as they are written, one by one, from the root of a copy of the repository
/// (a fresh checkout: no bin/, obj/ or artifacts/), with a home folder of their own so that the global tool
/// goes there, in one shell whose PATH lacks the tools folder (the block itself must say how the command is found).
/// On linux-x64 the installed command must be the native binary.
/// </summary>
[Trait(Slow.Category, Slow.Value)]
public partial class ToolPackageTests
{
    private static (int Code, string Output) Bash(string line, string folder, string home, bool toolsOnPath = true)
    {
        var realPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                           ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var (code, stdout, stderr) = ProcessRunner.Run("bash", ["-c", line], folder: folder, environment: new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["DOTNET_CLI_HOME"] = home,
            ["NUGET_PACKAGES"] = realPackages, // the packages already restored, not a second download
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["PATH"] = (toolsOnPath ? Path.Combine(home, ".dotnet", "tools") + ":" : "") + Environment.GetEnvironmentVariable("PATH"),
        });
        return (code, stdout + stderr);
    }

    /// <summary>The lines of the README's install block.</summary>
    public static IReadOnlyList<string> InstallLines()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var block = InstallBlock().Match(readme);
        Assert.True(block.Success, "README.md has no <!-- install:begin --> ```sh ... ``` <!-- install:end --> block");
        return block.Groups[1].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [GeneratedRegex(@"<!-- install:begin -->\n```sh\n(.*?)```\n<!-- install:end -->", RegexOptions.Singleline)]
    private static partial Regex InstallBlock();

    [Fact]
    public void The_readme_s_install_lines_work_as_written_and_install_the_native_tool()
    {
        using var work = new TempTree();
        var checkout = work.PathOf("repo");
        CopySources(RepoPaths.Root, checkout);
        var home = work.PathOf("home");
        Directory.CreateDirectory(home);

        var lines = InstallLines();
        Assert.Contains(lines, l => l.StartsWith("dotnet tool install --global ", StringComparison.Ordinal));
        // One shell, as a user pastes the block: what a line exports, the next sees; -x shows which line failed.
        var (code, output) = Bash("set -euxo pipefail\n" + string.Join('\n', lines), checkout, home, toolsOnPath: false);
        Assert.True(code == 0, $"the install block exited {code}:\n{output}");
        Assert.Contains("\nmanifestgen 0.1.0", output);
        foreach (var package in new[] { "ManifestGen.0.1.0.nupkg", "ManifestGen.linux-x64.0.1.0.nupkg", "ManifestGen.any.0.1.0.nupkg" })
            Assert.True(File.Exists(Path.Combine(checkout, "artifacts", package)), package);

        // On linux-x64 the command is the NativeAOT binary: an ELF executable with no managed manifestgen.dll beside it.
        var command = new FileInfo(Path.Combine(home, ".dotnet", "tools", "manifestgen"));
        var target = command.LinkTarget is { } link ? Path.GetFullPath(link, command.DirectoryName!) : command.FullName;
        var magic = File.ReadAllBytes(target)[..4];
        Assert.Equal(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' }, magic);
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(target)!, "manifestgen.dll")), $"{target} is the framework-dependent tool, not the native one");
        var schema = Bash("manifestgen schema", checkout, home);
        Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "tuning.schema.json")), schema.Output);
    }

    /// <summary>What a fresh checkout holds: the sources without build output.</summary>
    private static void CopySources(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(from, dir);
            if (rel.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj" or ".git" or "artifacts" or "TestResults")) continue;
            Directory.CreateDirectory(Path.Combine(to, rel));
        }
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(from, file);
            if (rel.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj" or ".git" or "artifacts" or "TestResults")) continue;
            File.Copy(file, Path.Combine(to, rel));
        }
        Directory.CreateDirectory(Path.Combine(to, ".git")); // a checkout: the repository root is found by its .git
    }
}
