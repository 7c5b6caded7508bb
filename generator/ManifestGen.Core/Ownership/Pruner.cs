using ManifestGen.Diagnostics;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Ownership;

/// <summary>
/// Removes what an earlier run wrote and the spec no longer asks for: exactly the entries of the old
/// inventory that the current run did not produce, and only where the tool's marker is still there.
/// A mapping or post-renderer list that becomes empty goes too, since Helm and Flux treat an empty
/// one as absent. A value the tool took over is not removed but given back: its original text returns.
/// </summary>
internal static class Pruner
{
    public static void Prune(RepositoryWorkspace workspace, IEnumerable<InventoryEntry> stale, InventoryRecord previous, DiagnosticBag diagnostics)
    {
        foreach (var entry in stale)
        {
            if (!workspace.Root.Contains(workspace.Root.Full(entry.RepoPath)) || !workspace.Exists(entry.RepoPath))
            {
                diagnostics.Add(Diagnostic.Of(DiagnosticCodes.PruneSkipped, entry.RepoPath, null,
                    "the inventory names this file but it is not in the repository; nothing to remove there"));
                continue;
            }
            if (entry.IsOwnedFile)
            {
                PruneFile(workspace, entry, diagnostics);
                continue;
            }
            var file = workspace.ReadYaml(entry.RepoPath);
            if (file.Documents.Count(d => entry.Document!.Selector.Matches(d)) != 1)
            {
                diagnostics.Add(Diagnostic.Of(DiagnosticCodes.PruneSkipped, entry.RepoPath, null,
                    $"the inventory names {entry.Document!.Kind} {entry.Document.Name}, which this file no longer holds once; left as is"));
                continue;
            }
            TargetReads.In(entry.RepoPath, () =>
            {
                if (entry.Path is not null) PruneValue(workspace, entry, previous, diagnostics);
                if (entry.PostRenderer is not null) PrunePostRenderer(workspace, file, entry, diagnostics);
                if (entry.ListItem is not null) PruneListItem(workspace, file, entry, previous, diagnostics);
                return 0;
            });
        }
    }

    private static void PruneFile(RepositoryWorkspace workspace, InventoryEntry entry, DiagnosticBag diagnostics)
    {
        var bytes = workspace.Read(entry.RepoPath)!;
        if (!ToolFiles.IsOwned(bytes))
        {
            diagnostics.Add(Diagnostic.Of(DiagnosticCodes.PruneSkipped, entry.RepoPath, null,
                "the spec no longer writes this file, but it lost the manifestgen header, so it is left as is"));
            return;
        }
        diagnostics.Add(Diagnostic.Of(DiagnosticCodes.PrunedFile, entry.RepoPath, null, "generate deletes this file: the spec no longer writes it"));
        workspace.WriteWhole(entry.RepoPath, null);
    }

    private static void PruneListItem(RepositoryWorkspace workspace, YamlFile file, InventoryEntry entry, InventoryRecord previous, DiagnosticBag diagnostics)
    {
        var eq = entry.ListItem!.IndexOf('=');
        if (eq <= 0) return;
        var list = YamlPath.Keys(entry.ListItem[..eq]);
        var value = entry.ListItem[(eq + 1)..];
        var index = ManagedMarker.FindListItem(file, entry.Document!.Selector, list, value);
        if (index < 0) return;
        diagnostics.Add(Diagnostic.Of(DiagnosticCodes.PrunedValue, entry.RepoPath, OriginalPosition(workspace, entry, list.Append(new IndexSegment(index))),
            $"generate removes '{value}' from {list}: the spec no longer writes it"));
        var edited = workspace.Edit(entry.RepoPath, new DeleteItem(entry.Document!.Selector, list.Append(new IndexSegment(index))));
        // A list the tool created goes with its last item: the file is given back as it was.
        if (previous.Created.Contains(new InventoryEntry(entry.RepoPath, entry.Document, list.ToString(), null))
            && YamlEditor.Get(edited, entry.Document!.Selector, list) is SequenceNode { Items.Count: 0 })
            workspace.Edit(entry.RepoPath, new DeleteKey(entry.Document!.Selector, list));
    }

    private static void PruneValue(RepositoryWorkspace workspace, InventoryEntry entry, InventoryRecord previous, DiagnosticBag diagnostics)
    {
        var original = previous.Originals.GetValueOrDefault(entry);
        YamlPath path;
        try
        {
            path = YamlPath.Parse(entry.Path!);
        }
        catch (FormatException e)
        {
            diagnostics.Add(Diagnostic.Of(DiagnosticCodes.PruneSkipped, entry.RepoPath, null, $"inventory path unreadable: {e.Message}"));
            return;
        }
        var where = entry.Where;
        var file = where.Read(workspace);
        var node = YamlEditor.TryGet(file, where.Selector, path);
        if (node is null) return;
        if (!ManagedMarker.IsOnLineOf(file, node, ManagedMarker.Value, edited: true))
        {
            // A run stopped after writing the inventory but before the file: the value is still the user's own.
            if (original is not null && YamlEditor.ValueText(file, where.Selector, path) == original) return;
            diagnostics.Add(Diagnostic.Of(DiagnosticCodes.PruneSkipped, entry.RepoPath, where.PositionOf(workspace, node.ContentStart),
                $"{path} is no longer in the spec, but its line lost the '# {ManagedMarker.Value}' marker, so it is left as is",
                "delete it by hand if it should go"));
            return;
        }
        if (original is not null)
        {
            diagnostics.Add(Diagnostic.Of(DiagnosticCodes.PrunedValue, entry.RepoPath, where.OriginalPositionOf(workspace, path),
                $"generate gives {path} back its value from before manifestgen took it over ({original.Trim()}): the spec no longer sets it"));
            where.Edit(workspace, new RestoreValue(where.Selector, path, original));
            return;
        }
        diagnostics.Add(Diagnostic.Of(DiagnosticCodes.PrunedValue, entry.RepoPath, where.OriginalPositionOf(workspace, path),
            $"generate removes {path}: the spec no longer sets it"));
        where.Edit(workspace, new DeleteKey(where.Selector, path, KeepCommentsAbove: true));
        // Walk up: a mapping left empty inside the values is removed as well; spec.values itself (or spec) only when the
        // tool created it.
        var valuesAtRoot = entry.Embedded is not null || entry.Document!.Kind.Length == 0;
        var floor = valuesAtRoot ? 0 : 2;
        for (var parent = path.Prefix(path.Segments.Count - 1); parent.Segments.Count > 0; parent = parent.Prefix(parent.Segments.Count - 1))
        {
            var createdByTool = previous.Created.Contains(entry with { Path = parent.ToString() });
            if (parent.Segments.Count <= floor && !createdByTool) break;
            var current = where.Read(workspace);
            if (YamlEditor.Get(current, where.Selector, parent) is not MappingNode { Entries.Count: 0 }) break;
            where.Edit(workspace, new DeleteKey(where.Selector, parent, KeepCommentsAbove: true));
        }
    }

    /// <summary>Where the node stands in the committed file (earlier deletions in this run shift the edited text).</summary>
    private static SourcePosition? OriginalPosition(RepositoryWorkspace workspace, InventoryEntry entry, YamlPath path)
    {
        var original = workspace.ReadOriginalYaml(entry.RepoPath);
        if (original is null) return null;
        return YamlEditor.TryGet(original, entry.Document!.Selector, path) is { } node ? original.Source.PositionOf(node.ContentStart) : null;
    }

    private static void PrunePostRenderer(RepositoryWorkspace workspace, YamlFile file, InventoryEntry entry, DiagnosticBag diagnostics)
    {
        var index = ManagedMarker.FindPostRenderer(file, entry.Document!.Selector, entry.PostRenderer!);
        if (index < 0) return;
        var list = YamlPath.Keys("spec", "postRenderers");
        var original = workspace.ReadOriginalYaml(entry.RepoPath);
        var originalIndex = original is null ? -1 : ManagedMarker.FindPostRenderer(original, entry.Document!.Selector, entry.PostRenderer!);
        var at = originalIndex < 0 ? null : OriginalPosition(workspace, entry, list.Append(new IndexSegment(originalIndex)));
        diagnostics.Add(Diagnostic.Of(DiagnosticCodes.PrunedPostRenderer, entry.RepoPath, at,
            $"generate removes the post-renderer '{entry.PostRenderer}': the spec no longer asks for it"));
        var edited = workspace.Edit(entry.RepoPath, new DeleteItem(entry.Document!.Selector, list.Append(new IndexSegment(index))));
        if (YamlEditor.Get(edited, entry.Document!.Selector, list) is SequenceNode { Items.Count: 0 })
            workspace.Edit(entry.RepoPath, new DeleteKey(entry.Document!.Selector, list));
    }
}
