using System.Diagnostics;
using ManifestGen.Tests.Support;

namespace ManifestGen.Tests.Distribution;

/// <summary>The .NET tool package builds, installs into a tool path from a local feed, and runs.</summary>
public class ToolPackageTests
{
    private static (int Code, string Output) Run(string file, string workingDir, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDir };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(5))) { p.Kill(true); Assert.Fail($"{file} {string.Join(' ', args)} timed out"); }
        return (p.ExitCode, stdout.Result + stderr.Result);
    }

    [Fact]
    public void The_tool_packs_installs_and_reports_its_version()
    {
        using var tree = new TempTree();
        var artifacts = tree.PathOf("artifacts");
        var pack = Run("dotnet", RepoPaths.Root, "pack", Path.Combine("generator", "ManifestGen.Cli"), "-c", "Release", "-o", artifacts, "--nologo");
        Assert.True(pack.Code == 0, pack.Output);
        Assert.True(File.Exists(Path.Combine(artifacts, "ManifestGen.0.1.0.nupkg")), pack.Output);

        // Only the local feed: nothing of this name may come from anywhere else.
        tree.Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{artifacts}" />
              </packageSources>
            </configuration>
            """);
        var tools = tree.PathOf("tools");
        var install = Run("dotnet", tree.Root, "tool", "install", "--tool-path", tools, "--configfile", tree.PathOf("nuget.config"), "ManifestGen", "--version", "0.1.0");
        Assert.True(install.Code == 0, install.Output);

        var version = Run(Path.Combine(tools, "manifestgen"), tree.Root, "--version");
        Assert.Equal(0, version.Code);
        Assert.StartsWith("manifestgen 0.1.0", version.Output); // on stdout (Run joins stdout and stderr, stdout first)
        var schema = Run(Path.Combine(tools, "manifestgen"), tree.Root, "schema");
        Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "tuning.schema.json")), schema.Output);
    }
}
