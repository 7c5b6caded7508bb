using ManifestGen.Diagnostics;
using CommandLine;
using ManifestGen.Init;
using ManifestGen.Pipeline;
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
            return DiagnosticPrinter.Refuse(Diagnostic.Unplaced(DiagnosticCodes.OutputExists, options.Output, $"{options.Output} exists; init never overwrites a file", "pass --output PATH"), stdout, stderr, env);
        var cwd = Directory.GetCurrentDirectory();
        var folder = Path.GetFullPath(options.Folder ?? RepositoryRoot.ForFolder(cwd, null).FullPath);
        if (!Directory.Exists(folder))
            return DiagnosticPrinter.Refuse(Diagnostic.Unplaced(DiagnosticCodes.TargetMissing, options.Folder ?? ".", "no such folder"), stdout, stderr, env);
        // The repository is FOLDER's, whatever --output says. The spec must live in it: generate finds the root from
        // the spec, writes the inventory beside it, and refuses a spec outside the repository it tunes.
        var root = RepositoryRoot.ForFolder(folder, null);
        if (!root.Contains(output))
        {
            var specRoot = RepositoryRoot.For(output, null);
            if (!specRoot.Contains(folder))
            {
                return DiagnosticPrinter.Refuse(Diagnostic.Unplaced(DiagnosticCodes.SpecPathOutsideRoot, options.Output,
                    $"--output {options.Output} is outside the repository {root.FullPath} that {options.Folder ?? "the current folder"} is in; a spec lives in the repository it tunes",
                    $"--output {Path.GetRelativePath(cwd, Path.Combine(root.FullPath, "tuning.yaml")).Replace('\\', '/')}"), stdout, stderr, env);
            }
            root = specRoot; // no .git: the spec's folder holds FOLDER, and is the root generate will use
        }
        var command = "manifestgen generate" + SpecSet.SpecArgument(output, cwd);
        var result = RepositoryAdopter.Adopt(folder, output, root, command);
        foreach (var line in result.Report) stderr.WriteLine($"init: {line}");
        DiagnosticPrinter.Print(result.Diagnostics, stderr, stdout, env);
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
