using System.Text;
using DiffPlex;
using DiffPlex.Renderer;
using ManifestGen.Workspace;

namespace ManifestGen.Output;

/// <summary>A unified diff of one file change, as <c>git diff</c> shows it (DiffPlex does the diffing).</summary>
public static class UnifiedDiff
{
    public static string Of(FileChange change)
    {
        var before = change.Before is null ? "" : Decode(change.Before);
        var after = change.After is null ? "" : Decode(change.After);
        // DiffPlex reads the text after a final line break as one more (empty) line; git does not.
        if (before.EndsWith('\n') && after.EndsWith('\n'))
        {
            before = before[..^1];
            after = after[..^1];
        }
        var renderer = new UnidiffRenderer(new Differ(), contextLines: 3);
        var body = renderer.Generate(before, after,
            change.IsCreated ? "/dev/null" : "a/" + change.RepoPath,
            change.IsDeleted ? "/dev/null" : "b/" + change.RepoPath,
            ignoreWhitespace: false, ignoreCase: false);
        return body.EndsWith('\n') ? body : body + "\n";
    }

    private static string Decode(byte[] bytes) => Encoding.UTF8.GetString(bytes).Replace("\r\n", "\n");
}
