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
    public static IReadOnlyList<string> Files(RepositoryWorkspace workspace, string folderFull)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        return Directory.EnumerateFiles(folderFull, "*", options)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Where(workspace.Root.Contains)
            .Select(workspace.Root.Relative)
            .Where(p => !p.Split('/').SkipLast(1).Any(part => part.StartsWith('.') && part is not "." and not ".."))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <param name="mentions">When given, only files whose text holds this word are parsed (the others cannot hold
    /// what the caller looks for): <c>lint</c> parses only files that mention HelmRelease.</param>
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
            if (word is not null && bytes.AsSpan().IndexOf(word) < 0) continue;
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

    public static bool Utf16(byte[] bytes) =>
        bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) || bytes.AsSpan(0, Math.Min(bytes.Length, 512)).IndexOf((byte)0) >= 0);

    private static Diagnostic Skip(string path, string why) => Diagnostic.Info(DiagnosticCodes.FileSkipped, path, null, $"skipped: {why}");
}
