using ManifestGen.Diagnostics;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Pipeline;

/// <summary>The outcome of writing a planned run: what was said, and whether the files were written.</summary>
/// <param name="Diagnostics">The run's own, then the removed leftovers of interrupted runs (MG4007), or the lock or write failure.</param>
/// <param name="Written">False when the run had an error, the lock could not be taken (MG9003), or a write failed and was rolled back (MG9002).</param>
public sealed record WriteOutcome(IReadOnlyList<Diagnostic> Diagnostics, bool Written);

/// <summary>
/// How <c>generate</c> writes, for the CLI and any library caller: read, plan and write under the repository's lock
/// (<see cref="RepositoryLock"/>: two runs cannot interleave their writes), then, only when the plan has no error,
/// remove what an interrupted run left (safe under the lock) and write every change atomically, all or nothing
/// (<see cref="AtomicWriter"/>, the files already written restored when one fails).
/// </summary>
public static class RepositoryWrite
{
    /// <summary>How long a run waits for another one writing the same repository.</summary>
    public static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Takes the lock, saying on <paramref name="log"/> when it waits; null and a diagnostic when it cannot.</summary>
    public static RepositoryLock? Lock(RepositoryRoot root, TextWriter log, out Diagnostic? failure)
    {
        failure = null;
        try
        {
            return RepositoryLock.Acquire(root, log, LockTimeout);
        }
        catch (IOException e)
        {
            failure = Diagnostic.Of(DiagnosticCodes.LockFailed, RepositoryLock.PathFor(root), null, $"could not take the lock: {e.Message}");
            return null;
        }
    }

    /// <summary>Writes a planned result under the lock the caller holds; <paramref name="found"/> are its diagnostics and lints.</summary>
    public static WriteOutcome Write(GenerationResult result, IReadOnlyList<Diagnostic> found)
    {
        if (found.Any(d => d.Severity == Severity.Error)) return new WriteOutcome(found, false);
        var diagnostics = found.ToList();
        // Under the lock no other run is writing: temporary files of other processes are leftovers of a killed run.
        foreach (var path in InterruptedWrites.RemoveLeftovers(result.Root.FullPath, result.Folders))
            diagnostics.Add(Diagnostic.Of(DiagnosticCodes.StaleTempFileRemoved, path, null, "removed a temporary file an interrupted manifestgen run left behind"));
        try
        {
            AtomicWriter.Write(result.Root.FullPath, InterruptedWrites.WriteOrder(result.Changes));
        }
        catch (WriteFailedException e)
        {
            return new WriteOutcome([.. diagnostics, Diagnostic.Of(DiagnosticCodes.WriteFailed, ".", null, e.Message)], false);
        }
        return new WriteOutcome(diagnostics, true);
    }

    /// <summary>One spec, planned and written under the lock: <c>generate</c> as a library call.</summary>
    public static (GenerationResult Result, WriteOutcome Outcome) Generate(GenerateOptions options, TextWriter log)
    {
        var root = RepositoryRoot.For(AbsolutePath.Required(options.SpecPath, "the spec"), options.Root);
        using var held = Lock(root, log, out var failure);
        if (held is null) return (new GenerationResult([failure!], [], root), new WriteOutcome([failure!], false));
        var result = Generator.Run(options);
        return (result, Write(result, [.. result.Diagnostics, .. result.Lints]));
    }
}
