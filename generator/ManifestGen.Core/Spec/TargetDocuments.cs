using ManifestGen.Diagnostics;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Spec;

/// <summary>
/// The one rule every phase (generate, lint, verify) uses to find the object a spec section names: the one document
/// of a kind (and name, when the spec gives one) in the file the spec names. None, or more than one, stops the run
/// with a diagnostic at the spec line that names the file.
/// </summary>
public static class TargetDocuments
{
    public static YamlDocumentNode Find(RepositoryWorkspace workspace, TargetFile target, string kind, string? name = null)
    {
        var file = workspace.ReadYaml(target.RepoPath);
        var matches = file.Documents.Where(d => d.Kind == kind && (name is null || d.Name == name)).ToList();
        if (matches.Count == 1) return matches[0];
        var found = file.Documents.Where(d => d.Root is not null).Select(d => d.Describe()).ToList();
        var what = name is null ? kind : $"{kind} named {name}";
        var message = matches.Count == 0
            ? $"{target.AsWritten} holds no {what}; it holds {(found.Count == 0 ? "no documents" : string.Join(", ", found))}"
            : $"{target.AsWritten} holds {matches.Count} {kind} documents ({string.Join(", ", matches.Select(m => m.Name))})";
        var hint = matches.Count > 1 ? "name the one to tune in the spec" : null;
        throw new InvalidInputException(Diagnostic.Of(DiagnosticCodes.TargetWrongKind, target.At.File, target.At.Position, message, hint));
    }

    /// <summary>The same, or null where a reader goes on without it (verify, which reports the run's errors elsewhere).</summary>
    public static YamlDocumentNode? TryFind(RepositoryWorkspace workspace, TargetFile target, string kind, string? name = null)
    {
        try
        {
            return Find(workspace, target, kind, name);
        }
        catch (InvalidInputException)
        {
            return null;
        }
    }
}
