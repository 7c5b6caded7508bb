using ManifestGen.Pipeline;
using ManifestGen.Workspace;

namespace ManifestGen.Cli.Commands;

/// <summary><c>manifestgen generate</c>: writes, atomically, only when the whole run succeeded.</summary>
public static class GenerateCommand
{
    /// <summary>How long a run waits for another one writing the same repository.</summary>
    public static TimeSpan LockTimeout { get; set; } = TimeSpan.FromMinutes(2);

    public static int Run(GenerateOptionsVerb options, TextWriter stdout, TextWriter stderr, CliEnvironment env)
    {
        // Read, plan and write under one lock, so two runs cannot interleave their writes.
        var first = SpecSet.Resolve(options.Spec).FirstOrDefault() ?? Path.GetFullPath(options.Spec);
        var root = ManifestGen.Workspace.RepositoryRoot.For(first, options.Root);
        using var held = AcquireLock(root, stderr);
        if (held is null) return ExitCodes.InternalError;
        var outcome = SpecRuns.Run(options);
        var result = outcome.Result;
        if (DiagnosticPrinter.HasErrors(result.Diagnostics))
        {
            if (options.Json) stdout.Write(Output.JsonReport.Write("generate", ExitCodes.InvalidInput, result.Diagnostics, []));
            else
            {
                DiagnosticPrinter.Print(result.Diagnostics, stderr, stdout, env);
                stderr.WriteLine("manifestgen: nothing was written");
            }
            return ExitCodes.InvalidInput;
        }
        // Under the lock no other run is writing: temporary files of other processes are leftovers of a killed run.
        var leftovers = InterruptedWrites.RemoveLeftovers(result.Root.FullPath, result.Folders);
        foreach (var path in leftovers)
            stderr.WriteLine($"{path}: note MG4007: removed a temporary file an interrupted manifestgen run left behind");
        try
        {
            AtomicWriter.Write(result.Root.FullPath, InterruptedWrites.WriteOrder(result.Changes));
        }
        catch (WriteFailedException e)
        {
            stderr.WriteLine($"manifestgen: error MG9002: {e.Message}");
            return ExitCodes.InternalError;
        }
        if (options.Json)
        {
            stdout.Write(Output.JsonReport.Write("generate", ExitCodes.Ok, result.Diagnostics,
                result.Changes.Select(c => (c, ManifestGen.Output.UnifiedDiff.Of(c)))));
            return ExitCodes.Ok;
        }
        DiagnosticPrinter.Print(result.Diagnostics, stderr, stdout, env);
        foreach (var change in result.Changes)
            stdout.WriteLine($"{(change.IsCreated ? "created" : change.IsDeleted ? "deleted" : "updated")} {change.RepoPath}");
        if (result.Changes.Count == 0) stdout.WriteLine("up to date: no file changed");
        if (outcome.IsFleet) stdout.WriteLine(SpecRuns.Summary(outcome, "written"));
        return ExitCodes.Ok;
    }

    private static RepositoryLock? AcquireLock(ManifestGen.Workspace.RepositoryRoot root, TextWriter stderr)
    {
        try
        {
            return RepositoryLock.Acquire(root, stderr, LockTimeout);
        }
        catch (IOException e)
        {
            stderr.WriteLine($"manifestgen: error MG9003: could not take the lock {RepositoryLock.PathFor(root)}: {e.Message}");
            return null;
        }
    }
}
