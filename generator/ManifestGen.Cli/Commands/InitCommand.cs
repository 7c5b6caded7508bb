using ManifestGen.Diagnostics;
using CommandLine;
using ManifestGen.Init;
using ManifestGen.Workspace;

namespace ManifestGen.Cli.Commands;

[Verb("init", HelpText = "Read a repository and write the tuning spec it already implies (Cilium, Trident), with a report on stderr.")]
public sealed class InitOptionsVerb
{
    [Value(0, MetaName = "FOLDER", HelpText = "The folder to read (default: the repository root, the nearest folder above holding .git).")]
    public string? Folder { get; set; }

    [Option("output", Default = "tuning.yaml", HelpText = "Where to write the spec (default: tuning.yaml in the current folder). An existing file is never overwritten.")]
    public string Output { get; set; } = "tuning.yaml";
}

/// <summary><c>manifestgen init</c>: writes the spec, reports what it adopted and what it could not; exit 2 on two candidates for one section.</summary>
public static class InitCommand
{
    public static int Run(InitOptionsVerb options, TextWriter stdout, TextWriter stderr, CliEnvironment env)
    {
        var output = Path.GetFullPath(options.Output);
        if (File.Exists(output))
        {
            stderr.WriteLine($"manifestgen: error {DiagnosticCodes.InitAmbiguous}: {options.Output} exists; init never overwrites a file (pass --output PATH)");
            return ExitCodes.InvalidInput;
        }
        var folder = Path.GetFullPath(options.Folder ?? RepositoryRoot.For(output, null).FullPath);
        if (!Directory.Exists(folder))
        {
            stderr.WriteLine($"manifestgen: error {DiagnosticCodes.TargetMissing}: {options.Folder}: no such folder");
            return ExitCodes.InvalidInput;
        }
        var result = RepositoryAdopter.Adopt(folder, output);
        foreach (var line in result.Report) stderr.WriteLine($"init: {line}");
        DiagnosticPrinter.Print(result.Diagnostics, stderr, TextWriter.Null, env);
        if (result.Spec is null)
        {
            stderr.WriteLine("manifestgen: nothing was written");
            return ExitCodes.InvalidInput;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        using (var stream = new FileStream(output, FileMode.CreateNew, FileAccess.Write))
        using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false)) { NewLine = "\n" })
            writer.Write(result.Spec);
        stdout.WriteLine($"created {Path.GetRelativePath(Directory.GetCurrentDirectory(), output).Replace('\\', '/')}");
        return ExitCodes.Ok;
    }
}
