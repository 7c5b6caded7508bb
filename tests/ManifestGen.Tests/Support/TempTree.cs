namespace ManifestGen.Tests.Support;

/// <summary>A temporary folder holding a copy of a tree, deleted when the test ends.</summary>
public sealed class TempTree : IDisposable
{
    public TempTree(string? copyFrom = null)
    {
        Root = Path.Combine(Path.GetTempPath(), "manifestgen-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
        if (copyFrom is not null) Copy(copyFrom, Root);
    }

    public string Root { get; }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public void Write(string relative, string content)
    {
        var full = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }

    public string Read(string relative) => File.ReadAllText(PathOf(relative));

    /// <summary>
    /// Gives the example's spec (a copy of <see cref="RepoPaths.ExampleInput"/>) an orchestrator tuning: the example
    /// no longer sets k8sAPIQPS (QNAP's build ignores it), but the post-renderer path is still tested on it.
    /// </summary>
    public void AddOrchestratorQps(int qps = 50)
    {
        var spec = Read("tuning.yaml");
        const string anchor = "      limitVolumeSize: 10Ti\n";
        if (!spec.Contains(anchor, StringComparison.Ordinal)) throw new InvalidOperationException("the example spec changed: update AddOrchestratorQps");
        Write("tuning.yaml", spec.Replace(anchor, anchor +
            $"    orchestrator:\n      helmRelease: kubernetes/apps/storage/qnap-csi-plugin/app/helmrelease.yaml\n      k8sAPIQPS: {qps}\n"));
    }

    /// <summary>Every file below the root, relative path to bytes, in ordinal order.</summary>
    public static SortedDictionary<string, byte[]> Snapshot(string root)
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        if (!Directory.Exists(root)) return files;
        // Links are not followed: a test may plant one that points outside the tree.
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint };
        foreach (var f in Directory.EnumerateFiles(root, "*", options))
            files[Path.GetRelativePath(root, f).Replace('\\', '/')] = File.ReadAllBytes(f);
        return files;
    }

    public SortedDictionary<string, byte[]> Snapshot() => Snapshot(Root);

    public static void Copy(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)), overwrite: true);
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
