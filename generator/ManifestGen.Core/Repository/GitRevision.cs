using System.ComponentModel;
using System.Diagnostics;
using System.Formats.Tar;
using ManifestGen.Diagnostics;
using ManifestGen.Workspace;

namespace ManifestGen.Repository;

/// <summary>
/// The repository as it was at a revision, read through git without touching the working tree or the index: the
/// revision resolved to a commit (<c>git rev-parse</c>), then that commit's tree, below the repository root's own
/// place in it, written to a temporary folder (<c>git archive</c>, read as it streams). Files that
/// <c>.gitattributes</c> marks <c>export-ignore</c> are left out, as git archive leaves them out. Disposing deletes
/// the folder.
/// </summary>
public sealed class GitRevision : IDisposable
{
    private GitRevision(string commit, string folder)
    {
        Commit = commit;
        Folder = folder;
    }

    /// <summary>The full commit id the revision names.</summary>
    public string Commit { get; }

    /// <summary>The temporary folder holding the root's files at that commit; the root of a repository of its own.</summary>
    public string Folder { get; }

    /// <summary>Reads <paramref name="revision"/> of the repository <paramref name="root"/> lies in; an error (MG2014) says why it cannot.</summary>
    public static GitRevision Read(RepositoryRoot root, string revision)
    {
        // A revision that looks like an option would be read as one by git.
        if (revision.Length == 0 || revision.StartsWith('-'))
            throw Refused(revision, "not a revision name", null);
        var (code, output, error) = Git(root.FullPath, "rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}");
        if (code != 0)
        {
            var (inside, _, _) = Git(root.FullPath, "rev-parse", "--is-inside-work-tree");
            throw inside != 0
                ? Refused(revision, $"{root.FullPath} is not in a git repository", error)
                : Refused(revision, "git cannot resolve it to a commit of this repository", error,
                    "a shallow clone lacks older commits: fetch the one you name (git fetch --depth=1 origin REV), or check out with actions/checkout's fetch-depth: 0");
        }
        var commit = output.Trim();
        // The root may be a folder inside the repository (--root): its place in the commit's tree.
        var (_, prefix, _) = Git(root.FullPath, "rev-parse", "--show-prefix");
        var folder = Path.Combine(Path.GetTempPath(), $"manifestgen-rev-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            Extract(root.FullPath, $"{commit}:{prefix.Trim().TrimEnd('/')}", folder, revision);
            return new GitRevision(commit, folder);
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    private static void Extract(string repository, string tree, string into, string revision)
    {
        var start = Start(repository, "archive", "--format=tar", tree);
        using var process = start;
        var error = process.StandardError.ReadToEndAsync();
        var full = Path.GetFullPath(into) + Path.DirectorySeparatorChar;
        using (var reader = new TarReader(process.StandardOutput.BaseStream))
        {
            while (reader.GetNextEntry() is { } entry)
            {
                // Regular files only: folders are made as files need them, links are not followed anywhere in the tool.
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)) continue;
                var path = Path.GetFullPath(Path.Combine(into, entry.Name));
                if (!path.StartsWith(full, StringComparison.Ordinal)) continue;
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                entry.ExtractToFile(path, overwrite: true);
            }
        }
        process.WaitForExit();
        if (process.ExitCode != 0) throw Refused(revision, "git archive failed", error.Result);
    }

    private static InvalidInputException Refused(string revision, string why, string? gitSays, string? hint = null) =>
        new(Diagnostic.Unplaced(DiagnosticCodes.RevisionUnreadable, "./",
            $"--new-from-rev {revision}: {why}" + (string.IsNullOrWhiteSpace(gitSays) ? "" : $" (git: {gitSays.Trim().Split('\n')[^1].Trim()})"), hint));

    private static (int Code, string Output, string Error) Git(string folder, params string[] arguments)
    {
        using var process = Start(folder, arguments);
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }

    private static Process Start(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        // Git's own prompts and pagers have no place in a lint run; its messages are read in English.
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["LC_ALL"] = "C";
        try
        {
            return Process.Start(start) ?? throw new Win32Exception("git did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidInputException(Diagnostic.Unplaced(DiagnosticCodes.RevisionUnreadable, "./",
                $"--new-from-rev needs git, which could not be run: {e.Message}", "install git, or run lint without --new-from-rev"));
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is the system's to clean; the lint's answer stands.
        }
    }
}
