using ManifestGen.Charts;
using ManifestGen.Diagnostics;
using ManifestGen.Ownership;
using ManifestGen.Spec;
using ManifestGen.Templates;
using ManifestGen.Values;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Editing;

/// <summary>
/// What a module works with: the workspace, the templates, the chart knowledge and value sources of the run (shared
/// with the lints, so each is resolved once), and the record of what it manages.
/// </summary>
public sealed class GenerationContext(RepositoryWorkspace workspace, TemplateRenderer templates, DiagnosticBag diagnostics, string specRepoPath,
    InventoryRecord? previous = null, ChartContext? charts = null, ValueSources? values = null, string cluster = "")
{
    private readonly InventoryRecord previous = previous ?? InventoryRecord.Empty;
    private readonly HashSet<InventoryEntry> previouslyManaged = [.. (previous ?? InventoryRecord.Empty).Entries];
    private readonly Dictionary<InventoryEntry, string> originals = [];
    private readonly HashSet<InventoryEntry> created = [];

    /// <summary>The spec, relative to the repository root: named in the header of every file the tool owns.</summary>
    public string SpecRepoPath { get; } = specRepoPath;

    private readonly List<InventoryEntry> managed = [];
    private readonly List<WrittenValue> writtenValues = [];

    /// <summary>Every chart value written this run, with its HelmRelease: what the patches Flux applies after it must not override.</summary>
    public IReadOnlyList<WrittenValue> WrittenValues => writtenValues;

    /// <summary>Records a chart value <see cref="HelmValues"/> wrote (see <see cref="WrittenValues"/>).</summary>
    public void ValueWritten(WrittenValue value) => writtenValues.Add(value);
    private readonly List<PlanRow> planRows = [];

    public RepositoryWorkspace Workspace { get; } = workspace;

    /// <summary>Which chart release each HelmRelease reaches, and what it reads.</summary>
    public ChartContext Charts { get; } = charts ?? new ChartContext(workspace, ChartCatalog.BuiltIn);

    /// <summary>The spec's metadata.name: the cluster of a fleet that plan rows belong to.</summary>
    public string Cluster { get; } = cluster;

    private readonly ValueSources values = values ?? new ValueSources(workspace);

    /// <summary>A HelmRelease's value sources, for an edit (a source that cannot be followed stops the run).</summary>
    public IReadOnlyList<Values.ValueSource> ValueSources(string helmReleasePath, DocumentRef document, TargetFile? explicitValues, string specKey) =>
        values.All(helmReleasePath, document, explicitValues, specKey);
    public TemplateRenderer Templates { get; } = templates;
    public DiagnosticBag Diagnostics { get; } = diagnostics;
    public IReadOnlyList<InventoryEntry> Managed => managed;

    /// <summary>The inventory of the previous run (what pruning compares against).</summary>
    public InventoryRecord Previous => previous;

    /// <summary>For each managed value the tool took over, the text it had before (see <see cref="SetManaged(ManagedDocument, YamlPath, ScalarValue, ScalarStyle, ChartDefault)"/>).</summary>
    public IReadOnlyDictionary<InventoryEntry, string> Originals => originals;

    /// <summary>Mappings the tool created to hold managed values (carried over from the previous inventory while still in use).</summary>
    public IReadOnlySet<InventoryEntry> Created => created;
    public IReadOnlyList<PlanRow> PlanRows => planRows;

    /// <summary>
    /// Runs one tuning; a refusal of it (an <see cref="InvalidInputException"/>) becomes its diagnostics and the run goes on
    /// with the next, so a spec with several problems shows them all in one run. Nothing is written when any is an error.
    /// Each edit is whole (re-parsed and checked), so what a refused tuning edited before it stopped is valid YAML the
    /// later tunings can read; it is never written.
    /// </summary>
    public void Attempt(Action tuning)
    {
        try
        {
            tuning();
        }
        catch (InvalidInputException e)
        {
            Diagnostics.AddRange(e.Diagnostics);
        }
    }

    private void Planned(PlanTuning tuning, string repoPath, string what, ChartDefault? chart = null) =>
        planRows.Add(new PlanRow(Cluster, tuning.Name, tuning.Delivery, repoPath, what, chart?.Release, chart?.Default));

    /// <summary>
    /// The one document of <paramref name="kind"/> in a target file (optionally by name), as a reference
    /// that survives edits. Anything else stops the run with a diagnostic at the spec line naming the file.
    /// </summary>
    public DocumentRef FindDocument(TargetFile target, string kind, string? name = null) =>
        DocumentRef.Of(TargetDocuments.Find(Workspace, target, kind, name));

    /// <summary>Sets a scalar in a target file, marks its line as managed, and records it in the inventory.</summary>
    public void SetManaged(PlanTuning tuning, string repoPath, DocumentRef document, YamlPath path, ScalarValue value, ScalarStyle style = ScalarStyle.Plain) =>
        SetManaged(tuning, new ManagedDocument(repoPath, document), path, value, style);

    /// <summary>
    /// Sets a scalar where it lives (a document, or the YAML in a ConfigMap's block), marks it and records
    /// it. When the key was already there and not the tool's, its text is kept in the inventory, so that
    /// pruning gives it back; a later run carries the same text over from the previous inventory.
    /// </summary>
    public void SetManaged(PlanTuning tuning, ManagedDocument where, YamlPath path, ScalarValue value, ScalarStyle style = ScalarStyle.Plain, ChartDefault? chart = null)
    {
        var entry = new InventoryEntry(where.RepoPath, where.Document, path.ToString(), null, null, where.Block?.ToString());
        if (previous.Originals.TryGetValue(entry, out var kept)) originals[entry] = kept;
        else if (!previouslyManaged.Contains(entry) && OriginalText(where, path) is { } text) originals[entry] = text;
        RecordCreatedParents(where, path);
        // A line the last run managed keeps being the tool's if its marker was edited around, and gets it back once.
        where.Edit(Workspace, new SetScalar(where.Selector, path, value, style, ManagedMarker.Value,
            previouslyManaged.Contains(entry) ? ManagedMarker.Keyword : null));
        managed.Add(entry);
        Planned(tuning, where.ToString(), path.ToString(), chart);
    }

    /// <summary>
    /// The top mappings of an object (<c>spec</c>, <c>spec.values</c>) that the edit creates, or that an earlier run
    /// created. Deeper mappings need no record: pruning removes any that it leaves empty.
    /// </summary>
    private void RecordCreatedParents(ManagedDocument where, YamlPath path)
    {
        if (where.Block is not null || where.Document.Kind.Length == 0) return;
        var file = where.Read(Workspace);
        for (var depth = 1; depth < Math.Min(path.Segments.Count, 3); depth++)
        {
            var prefix = path.Prefix(depth);
            var entry = new InventoryEntry(where.RepoPath, where.Document, prefix.ToString(), null, null, where.Block?.ToString());
            if (previous.Created.Contains(entry)) created.Add(entry);
            else
            {
                YamlNode? node;
                try
                {
                    node = YamlEditor.Get(file, where.Selector, prefix);
                }
                catch (YamlEditException)
                {
                    return;
                }
                if (node is null)
                {
                    created.Add(entry);
                    return; // what is below it is created with it
                }
            }
        }
    }

    /// <summary>The text of a value the user wrote (not one carrying the tool's marker), or null.</summary>
    private string? OriginalText(ManagedDocument where, YamlPath path)
    {
        var file = where.Read(Workspace);
        // A path that leads nowhere has no original; the edit itself reports what is wrong with it.
        if (YamlEditor.TryGet(file, where.Selector, path) is not ScalarNode node || ManagedMarker.IsOnLineOf(file, node, ManagedMarker.Value)) return null;
        return YamlEditor.ValueText(file, where.Selector, path);
    }

    public void RecordOwnedFile(PlanTuning tuning, string repoPath)
    {
        managed.Add(InventoryEntry.OwnedFile(repoPath));
        Planned(tuning, repoPath, "the whole file");
    }

    public void RecordListItem(PlanTuning tuning, string repoPath, DocumentRef document, string listItem)
    {
        managed.Add(new InventoryEntry(repoPath, document, null, null, listItem));
        var eq = listItem.IndexOf('=');
        // A list the tool created (a kustomization's patches:) is recorded, so that pruning its last item removes it too.
        var list = new InventoryEntry(repoPath, document, listItem[..eq], null);
        if (previous.Created.Contains(list)) created.Add(list);
        else if (Workspace.ReadOriginalYaml(repoPath) is { } original && YamlEditor.TryGet(original, document.Selector, YamlPath.Keys(listItem[..eq])) is null)
            created.Add(list);
        Planned(tuning, repoPath, $"{listItem[..eq]}: {listItem[(eq + 1)..]}");
    }

    /// <summary>Records a marked post-renderer the module wrote.</summary>
    public void RecordPostRenderer(PlanTuning tuning, string repoPath, DocumentRef document, string id)
    {
        managed.Add(new InventoryEntry(repoPath, document, null, id));
        Planned(tuning, repoPath, $"spec.postRenderers ({id})");
    }

    /// <summary>Deletes keys that do nothing (a component's dead keys) where they live, and says so in the plan.</summary>
    public void RemoveDeadKeys(PlanTuning tuning, ManagedDocument where, IReadOnlyList<YamlPath> paths)
    {
        where.Edit(Workspace, paths.Select(p => (YamlEdit)new DeleteKey(where.Selector, p)));
        foreach (var p in paths) Planned(tuning, where.ToString(), $"removes {p} (a key no chart release reads)");
    }
}
