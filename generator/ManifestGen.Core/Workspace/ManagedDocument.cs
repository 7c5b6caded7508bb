using ManifestGen.Yaml;

namespace ManifestGen.Workspace;

/// <summary>
/// The YAML a managed value lives in: one document of a file or, with <see cref="Block"/>, the YAML held
/// in a literal block scalar of that document (a ConfigMap's <c>data."values.yaml"</c>). Reads, edits
/// and positions go through here, so modules and pruning treat both the same way.
/// </summary>
public sealed record ManagedDocument(string RepoPath, DocumentRef Document, YamlPath? Block = null)
{
    /// <summary>The selector edits use inside <see cref="Read"/>'s file.</summary>
    public DocumentSelector Selector => Block is null ? Document.Selector : DocumentSelector.Only;

    /// <summary>The YAML as this run has it (edits included).</summary>
    public YamlFile Read(RepositoryWorkspace workspace) =>
        Block is null ? workspace.ReadYaml(RepoPath) : workspace.ReadEmbedded(RepoPath, Document.Selector, Block).Inner;

    /// <summary>The YAML as committed, or null when the file is missing or does not parse.</summary>
    public YamlFile? ReadOriginal(RepositoryWorkspace workspace) => Original(workspace)?.File;

    public void Edit(RepositoryWorkspace workspace, params IEnumerable<YamlEdit> edits)
    {
        if (Block is null) workspace.Edit(RepoPath, edits);
        else workspace.EditEmbedded(RepoPath, Document.Selector, Block, edits);
    }

    /// <summary>Where an offset of <see cref="Read"/>'s text stands in the file as this run has it.</summary>
    public SourcePosition PositionOf(RepositoryWorkspace workspace, int offset) => Block is null
        ? workspace.ReadYaml(RepoPath).Source.PositionOf(offset)
        : workspace.ReadEmbedded(RepoPath, Document.Selector, Block).OuterPosition(offset);

    /// <summary>Where the node at <paramref name="path"/> stands in the committed file, or null.</summary>
    public SourcePosition? OriginalPositionOf(RepositoryWorkspace workspace, YamlPath path)
    {
        if (Original(workspace) is not var (file, embedded)) return null;
        if (YamlEditor.TryGet(file, Selector, path) is not { } node) return null;
        return embedded is null ? file.Source.PositionOf(node.ContentStart) : embedded.OuterPosition(node.ContentStart);
    }

    /// <summary>Where an offset of <see cref="ReadOriginal"/>'s text stands in the committed file.</summary>
    public SourcePosition? OriginalPositionOf(RepositoryWorkspace workspace, int offset) =>
        Original(workspace) is not var (file, embedded) ? null
        : embedded is null ? file.Source.PositionOf(offset) : embedded.OuterPosition(offset);

    private (YamlFile File, EmbeddedYaml? Embedded)? Original(RepositoryWorkspace workspace)
    {
        var outer = workspace.ReadOriginalYaml(RepoPath);
        if (outer is null) return null;
        if (Block is null) return (outer, null);
        try
        {
            var embedded = EmbeddedYaml.Open(outer, Document.Selector, Block);
            return (embedded.Inner, embedded);
        }
        catch (YamlEditException)
        {
            return null;
        }
    }

    public override string ToString() => Block is null ? RepoPath : $"{RepoPath} ({Block})";
}
