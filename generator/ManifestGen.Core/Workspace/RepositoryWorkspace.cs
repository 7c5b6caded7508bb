using ManifestGen.Diagnostics;
using ManifestGen.Yaml;

namespace ManifestGen.Workspace;

/// <summary>
/// The repository as a run sees it: files read once, edits kept in memory, nothing written until
/// the run has succeeded as a whole. <see cref="Changes"/> lists what differs from the disk.
/// </summary>
public sealed class RepositoryWorkspace(RepositoryRoot root)
{
    /// <summary>Target files are read whole; a larger file is not a hand-written manifest.</summary>
    public const long MaxFileBytes = 4 * 1024 * 1024;

    private readonly Dictionary<string, byte[]?> original = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]?> current = new(StringComparer.Ordinal);
    private readonly Dictionary<string, YamlFile> parsed = new(StringComparer.Ordinal);
    // The committed text parsed once for both readers: the run edits it, the lints read it as it was.
    private readonly Dictionary<string, YamlFile?> originalParsed = new(StringComparer.Ordinal);
    private readonly Dictionary<(string RepoPath, DocumentSelector Document, string Block), EmbeddedYaml> embedded = [];

    public RepositoryRoot Root { get; } = root;

    // The disk does not change during a run (edits are written at its end): a folder is walked once, whichever scan asks.
    private readonly Dictionary<string, IReadOnlyList<string>> listings = new(StringComparer.Ordinal);

    /// <summary>The YAML files under a folder as <paramref name="walk"/> lists them, walked once a run.</summary>
    public IReadOnlyList<string> Listing(string folderFull, Func<IReadOnlyList<string>> walk)
    {
        if (!listings.TryGetValue(folderFull, out var files)) listings[folderFull] = files = walk();
        return files;
    }

    public bool Exists(string repoPath) => Read(repoPath) is not null;

    /// <summary>The current bytes of a file (edits included), or null when it does not exist.</summary>
    public byte[]? Read(string repoPath)
    {
        if (current.TryGetValue(repoPath, out var bytes)) return bytes;
        var full = Root.Full(repoPath);
        if (!Root.Contains(full)) throw new InvalidOperationException($"{repoPath} is outside the repository");
        if (!File.Exists(full))
        {
            original[repoPath] = current[repoPath] = null;
            return null;
        }
        if (new FileInfo(full).Length > MaxFileBytes)
            throw new InvalidInputException(Diagnostic.Of(DiagnosticCodes.TargetUnreadable, repoPath, null,
                $"the file is larger than {MaxFileBytes / (1024 * 1024)} MiB; manifestgen edits hand-written manifests only"));
        bytes = File.ReadAllBytes(full);
        original[repoPath] = current[repoPath] = bytes;
        return bytes;
    }

    /// <summary>The file parsed, edits included. A missing or invalid file stops the run with a diagnostic.</summary>
    public YamlFile ReadYaml(string repoPath)
    {
        if (parsed.TryGetValue(repoPath, out var file)) return file;
        var bytes = Read(repoPath) ?? throw new InvalidInputException(
            Diagnostic.Of(DiagnosticCodes.TargetMissing, repoPath, null, "file not found"));
        var unedited = ReferenceEquals(bytes, original.GetValueOrDefault(repoPath));
        if (unedited && originalParsed.GetValueOrDefault(repoPath) is { } committed)
            file = committed;
        else
        {
            try
            {
                file = YamlFile.Parse(bytes);
            }
            catch (YamlEditException e)
            {
                throw new InvalidInputException(Diagnostic.FromYaml(e, repoPath));
            }
            if (unedited) originalParsed[repoPath] = file;
        }
        parsed[repoPath] = file;
        return file;
    }

    /// <summary>
    /// The file as it is on disk, before this run's edits, or null when it did not exist: diagnostics
    /// about what a run removes point at the lines the user sees in the committed file.
    /// </summary>
    public YamlFile? ReadOriginalYaml(string repoPath)
    {
        if (originalParsed.TryGetValue(repoPath, out var file)) return file;
        Read(repoPath);
        var bytes = original.GetValueOrDefault(repoPath);
        try
        {
            file = bytes is null ? null : YamlFile.Parse(bytes);
        }
        catch (YamlEditException)
        {
            file = null;
        }
        return originalParsed[repoPath] = file;
    }

    /// <summary>Applies edits to a YAML file in memory; a refused edit stops the run naming the file.</summary>
    public YamlFile Edit(string repoPath, params IEnumerable<YamlEdit> edits)
    {
        var file = ReadYaml(repoPath);
        try
        {
            // New keys keep a mapping's order as the file stood before the run (MappingOrder).
            file = YamlEditor.Apply(file, ReadOriginalYaml(repoPath), edits);
        }
        catch (YamlEditException e)
        {
            throw new InvalidInputException(Diagnostic.FromYaml(e, repoPath));
        }
        parsed[repoPath] = file;
        current[repoPath] = file.Source.ToBytes();
        return file;
    }

    /// <summary>The YAML held in a literal block scalar of a file (a ConfigMap's values), edits included.</summary>
    public EmbeddedYaml ReadEmbedded(string repoPath, DocumentSelector document, YamlPath block)
    {
        var file = ReadYaml(repoPath);
        // Opened once per state of the file: value placement asks a block's YAML many questions.
        var key = (repoPath, document, block.ToString());
        if (embedded.TryGetValue(key, out var open) && ReferenceEquals(open.Outer, file)) return open;
        try
        {
            return embedded[key] = EmbeddedYaml.Open(file, document, block);
        }
        catch (YamlEditException e)
        {
            throw new InvalidInputException(Diagnostic.FromYaml(e, repoPath));
        }
    }

    /// <summary>Applies edits to the YAML held in a block scalar, in memory; a refused edit stops the run naming the file.</summary>
    public EmbeddedYaml EditEmbedded(string repoPath, DocumentSelector document, YamlPath block, params IEnumerable<YamlEdit> edits)
    {
        var edited = ReadEmbedded(repoPath, document, block);
        try
        {
            edited = edited.Apply(OriginalEmbedded(repoPath, document, block), edits);
        }
        catch (YamlEditException e)
        {
            throw new InvalidInputException(Diagnostic.FromYaml(e, repoPath));
        }
        parsed[repoPath] = edited.Outer;
        current[repoPath] = edited.Outer.Source.ToBytes();
        embedded[(repoPath, document, block.ToString())] = edited;
        return edited;
    }

    /// <summary>The YAML of the block as the file stood before the run, or null when it was not there.</summary>
    private YamlFile? OriginalEmbedded(string repoPath, DocumentSelector document, YamlPath block)
    {
        if (ReadOriginalYaml(repoPath) is not { } before) return null;
        try
        {
            return EmbeddedYaml.Open(before, document, block).Inner;
        }
        catch (YamlEditException)
        {
            return null;
        }
    }

    /// <summary>Every file this run read or wrote (its folders are where an interrupted run may have left temporary files).</summary>
    public IReadOnlyCollection<string> Touched => original.Keys;

    /// <summary>Sets a whole file's content (a file the tool owns).</summary>
    public void WriteWhole(string repoPath, byte[]? content)
    {
        Read(repoPath);
        current[repoPath] = content;
        parsed.Remove(repoPath);
    }

    public IReadOnlyList<FileChange> Changes =>
        current.Where(kv => !Same(original.GetValueOrDefault(kv.Key), kv.Value))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new FileChange(kv.Key, original.GetValueOrDefault(kv.Key), kv.Value))
            .ToList();

    private static bool Same(byte[]? a, byte[]? b) => a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);
}
