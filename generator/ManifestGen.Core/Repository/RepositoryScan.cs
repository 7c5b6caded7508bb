using System.Text;
using ManifestGen.Diagnostics;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Repository;

/// <summary>One document of a scanned file.</summary>
public sealed record ScannedDocument(string RepoPath, YamlDocumentNode Document);

/// <summary>
/// The YAML files under a folder of the repository (<c>*.yaml</c>, <c>*.yml</c>; <c>.git</c>, other dot-folders and
/// symbolic links skipped), read through the workspace: the one scan <c>init</c>, <c>import</c> and <c>lint</c> share.
/// The files the tool owns are left out (<see cref="ToolFiles"/>). A file that is not YAML the tool can read (UTF-16,
/// a Helm template, broken YAML) is skipped with the reason.
/// </summary>
public sealed class RepositoryScan
{
    private RepositoryScan(IReadOnlyList<ScannedDocument> documents, IReadOnlyList<Diagnostic> skipped)
    {
        Documents = documents;
        Skipped = skipped;
    }

    public IReadOnlyList<ScannedDocument> Documents { get; }

    /// <summary>One note per file that was skipped (<see cref="DiagnosticCodes.FileSkipped"/>), saying why.</summary>
    public IReadOnlyList<Diagnostic> Skipped { get; }

    /// <summary>The YAML files under <paramref name="folderFull"/>, relative to the root, in a stable order.</summary>
    public static IReadOnlyList<string> Files(RepositoryWorkspace workspace, string folderFull) =>
        workspace.Listing(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folderFull)), () => Files(workspace, folderFull, null));

    /// <summary>The same, or only the files of these names (kustomizations, say).</summary>
    public static IReadOnlyList<string> Files(RepositoryWorkspace workspace, string folderFull, IReadOnlyList<string>? names)
    {
        var root = workspace.Root.FullPath;
        var start = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folderFull));
        if (!workspace.Root.Contains(start)) return [];
        var found = new List<string>();
        // Walk by hand: dot-folders (.git above all) are never entered, and links are not followed.
        var options = new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        var pending = new Stack<string>();
        pending.Push(start);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            foreach (var file in Directory.EnumerateFiles(dir, "*", options))
                if (names is null ? file.EndsWith(".yaml", StringComparison.Ordinal) || file.EndsWith(".yml", StringComparison.Ordinal)
                                  : names.Contains(Path.GetFileName(file)))
                    found.Add(file.Length > root.Length ? file[(root.Length + 1)..].Replace('\\', '/') : file);
            foreach (var sub in Directory.EnumerateDirectories(dir, "*", options))
                if (!Path.GetFileName(sub).StartsWith('.')) pending.Push(sub);
        }
        found.Sort(StringComparer.Ordinal);
        return found;
    }

    /// <param name="mentions">When given, only files with a line that starts with this text are parsed (the others cannot
    /// hold what the caller looks for): <c>lint</c> parses only files with a <c>kind: HelmRelease</c> line.</param>
    /// <param name="exclude">Files to leave out (the spec being written, the files the tool owns).</param>
    public static RepositoryScan Of(RepositoryWorkspace workspace, string folderFull, string? mentions = null, Func<string, bool>? exclude = null)
    {
        var documents = new List<ScannedDocument>();
        var skipped = new List<Diagnostic>();
        var word = mentions is null ? null : Encoding.UTF8.GetBytes(mentions);
        foreach (var path in Files(workspace, folderFull))
        {
            if (exclude?.Invoke(path) == true) continue;
            byte[]? bytes;
            try
            {
                bytes = workspace.Read(path);
            }
            catch (InvalidInputException e)
            {
                skipped.Add(Skip(path, e.Diagnostics[0].Message));
                continue;
            }
            if (bytes is null || ToolFiles.IsOwned(bytes)) continue;
            if (Utf16(bytes))
            {
                skipped.Add(Skip(path, "it is UTF-16 text, and manifestgen reads UTF-8"));
                continue;
            }
            if (word is not null && !Mentions(bytes, word)) continue;
            try
            {
                documents.AddRange(workspace.ReadYaml(path).Documents.Where(d => d.Kind is not null).Select(d => new ScannedDocument(path, d)));
            }
            catch (InvalidInputException e)
            {
                var template = bytes.AsSpan().IndexOf("{{"u8) >= 0;
                skipped.Add(Skip(path, template ? "it is a template (it holds {{ }}), not YAML" : $"it is not YAML the tool can read ({e.Diagnostics[0].Message})"));
            }
        }
        return new RepositoryScan(documents, skipped);
    }

    /// <summary>Whether a line of the file starts with the word (<c>kind: HelmRelease</c>): a document of that kind, not a reference to one.</summary>
    private static bool Mentions(byte[] bytes, byte[] word)
    {
        var span = bytes.AsSpan();
        for (var at = span.IndexOf(word); at >= 0; )
        {
            if (at == 0 || span[at - 1] == (byte)'\n') return true;
            var next = span[(at + 1)..].IndexOf(word);
            at = next < 0 ? -1 : at + 1 + next;
        }
        return false;
    }

    public static bool Utf16(byte[] bytes) =>
        bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) || bytes.AsSpan(0, Math.Min(bytes.Length, 512)).IndexOf((byte)0) >= 0);

    private static Diagnostic Skip(string path, string why) => Diagnostic.Of(DiagnosticCodes.FileSkipped, path, null, $"skipped: {why}");
}
