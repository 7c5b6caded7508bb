using ManifestGen.Generation;
using ManifestGen.Workspace;

namespace ManifestGen.Cli.Commands;

/// <summary><c>manifestgen generate</c>: writes, atomically, only when the whole run succeeded.</summary>
public static class GenerateCommand
{
    public static int Run(GenerateOptionsVerb options, TextWriter stdout, TextWriter stderr)
    {
        var result = Generator.Run(options.ToGenerateOptions());
        if (DiagnosticPrinter.Print(result.Diagnostics, stderr))
        {
            stderr.WriteLine("manifestgen: nothing was written");
            return ExitCodes.InvalidInput;
        }
        AtomicWriter.Write(result.Root.FullPath, result.Changes);
        foreach (var change in result.Changes)
            stdout.WriteLine($"{(change.IsCreated ? "created" : change.IsDeleted ? "deleted" : "updated")} {change.RepoPath}");
        if (result.Changes.Count == 0) stdout.WriteLine("up to date: no file changed");
        return ExitCodes.Ok;
    }
}
