using ManifestGen.Diagnostics;
using ManifestGen.Yaml;

namespace ManifestGen.Workspace;

/// <summary>Reads from a target file whose refusals name that file: the engine's exceptions know positions, not files.</summary>
public static class TargetReads
{
    public static T In<T>(string repoPath, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (YamlEditException e)
        {
            throw new InvalidInputException(Diagnostic.FromYaml(e, repoPath));
        }
    }

    /// <summary>The document of a kustomization.yaml: its one mapping.</summary>
    public static YamlDocumentNode KustomizationDocument(YamlFile file, string repoPath) =>
        file.Documents.FirstOrDefault(d => d.Root is MappingNode)
        ?? throw new InvalidInputException(Diagnostic.Of(DiagnosticCodes.TargetWrongKind, repoPath, null, "this kustomization.yaml holds no mapping"));
}
