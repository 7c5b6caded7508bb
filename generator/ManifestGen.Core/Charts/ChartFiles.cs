using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using ManifestGen.Diagnostics;

namespace ManifestGen.Charts;

/// <summary>What a chart and every chart inside it may still take: the limits hold for a whole tree of dependencies.</summary>
public sealed class ReadBudget
{
    public long Bytes { get; set; }
    public int Entries { get; set; }
}

/// <summary>
/// The files of one chart, read from a packaged archive (<c>NAME-VERSION.tgz</c>, as <c>helm pull</c> writes it: a
/// gzipped tar whose top folder is the chart's name) or from an unpacked chart folder (its <c>.helmignore</c>
/// applied, as Helm's loader applies it). Its dependencies are among its files, under <c>charts/</c>
/// (<see cref="Analysis.LoadedChart"/> splits them off). An archive is untrusted input: it is read into memory only
/// (nothing is extracted, so no path outside it is ever touched), within sizes bounded for the whole tree (an archive
/// inside counts toward the limits of the chart that holds it); an entry that leaves the chart's folder (<c>../</c>,
/// an absolute path), a truncated or oversized archive is a located error, never a crash or a hang.
/// </summary>
public sealed class ChartFiles
{
    /// <summary>An archive larger than this is not a chart (Cilium's are about 120 KiB).</summary>
    public const long MaxCompressedBytes = 16 * 1024 * 1024;

    /// <summary>All of a chart's files together, unpacked (Cilium 1.20.0 has 2 MiB).</summary>
    public const long MaxUnpackedBytes = 64 * 1024 * 1024;

    /// <summary>One file of a chart.</summary>
    public const long MaxFileBytes = 8 * 1024 * 1024;

    public const int MaxEntries = 20_000;

    private ChartFiles(string source, IReadOnlyDictionary<string, byte[]> files, ReadBudget budget)
    {
        Source = source;
        Files = files;
        Budget = budget;
    }

    /// <summary>What the tree this chart belongs to may still take.</summary>
    public ReadBudget Budget { get; }

    /// <summary>The files under <paramref name="folder"/> (a dependency's folder under <c>charts/</c>), as a chart of their own.</summary>
    public ChartFiles Below(string folder, string display)
    {
        var prefix = folder.TrimEnd('/') + "/";
        var files = Files.Where(f => f.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(f => f.Key[prefix.Length..], f => f.Value, StringComparer.Ordinal);
        return new ChartFiles(display, files, Budget);
    }

    /// <summary>Where the chart came from (an archive or a folder), for diagnostics.</summary>
    public string Source { get; }

    /// <summary>The chart's files by their path inside the chart (<c>values.yaml</c>, <c>templates/_helpers.tpl</c>).</summary>
    public IReadOnlyDictionary<string, byte[]> Files { get; }

    public string? Text(string path) => Files.TryGetValue(path, out var bytes) ? Decode(bytes) : null;

    public static string Decode(byte[] bytes) =>
        bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
            ? Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3)
            : Encoding.UTF8.GetString(bytes);

    /// <summary>A chart archive or folder; <paramref name="display"/> names it in diagnostics.</summary>
    public static ChartFiles Read(string path, string display) =>
        Directory.Exists(path) ? ReadFolder(path, display) : ReadArchive(ReadBounded(path, display), display);

    private static ReadBudget NewBudget() => new() { Bytes = MaxUnpackedBytes, Entries = MaxEntries };

    /// <param name="budget">What the tree the archive belongs to may still take (a dependency's archive shares its parent's).</param>
    public static ChartFiles ReadArchive(byte[] archive, string display, ReadBudget? budget = null)
    {
        budget ??= NewBudget();
        if (archive.Length > MaxCompressedBytes) throw Refused(display, $"the archive is larger than {MaxCompressedBytes / (1024 * 1024)} MiB");
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        string? top = null;
        try
        {
            using var gzip = new GZipStream(new MemoryStream(archive, writable: false), CompressionMode.Decompress);
            using var bounded = new BoundedStream(gzip, MaxUnpackedBytes + 64 * 1024 * 1024, display);
            using var tar = new TarReader(bounded);
            while (tar.GetNextEntry(copyData: false) is { } entry)
            {
                if (--budget.Entries < 0) throw Refused(display, $"the archive holds more than {MaxEntries} entries (with the charts it holds)");
                var name = entry.Name.Replace('\\', '/');
                if (entry.EntryType is TarEntryType.GlobalExtendedAttributes or TarEntryType.ExtendedAttributes) continue;
                if (name.StartsWith('/') || name.Split('/').Any(p => p == ".."))
                    throw Refused(display, $"the entry '{entry.Name}' leaves the chart's folder");
                var parts = name.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToArray();
                if (parts.Length == 0) continue;
                if (entry.EntryType is TarEntryType.Directory) continue;
                if (entry.EntryType is TarEntryType.SymbolicLink or TarEntryType.HardLink)
                    throw Refused(display, $"the entry '{entry.Name}' is a link; a chart archive holds plain files");
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile)) continue;
                if (parts.Length < 2) throw Refused(display, $"the entry '{entry.Name}' is not inside the chart's folder");
                top ??= parts[0];
                if (parts[0] != top) throw Refused(display, $"the archive holds two top folders ({top} and {parts[0]}); a chart archive holds one");
                if (entry.Length > MaxFileBytes) throw Refused(display, $"the entry '{entry.Name}' is larger than {MaxFileBytes / (1024 * 1024)} MiB");
                budget.Bytes -= entry.Length;
                if (budget.Bytes < 0) throw Refused(display, $"the archive unpacks to more than {MaxUnpackedBytes / (1024 * 1024)} MiB (with the charts it holds)");
                var data = new byte[entry.Length];
                if (entry.DataStream is { } stream) stream.ReadExactly(data);
                files[string.Join('/', parts.Skip(1))] = data;
            }
        }
        catch (InvalidInputException)
        {
            throw;
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or IOException or ArgumentException or InvalidOperationException)
        {
            throw Refused(display, $"the archive is broken ({e.Message})");
        }
        if (files.Count == 0) throw Refused(display, "the archive holds no files");
        if (!files.ContainsKey("Chart.yaml")) throw Refused(display, $"the archive has no {top}/Chart.yaml");
        return new ChartFiles(display, files, budget);
    }

    public static ChartFiles ReadFolder(string folder, string display)
    {
        var budget = NewBudget();
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var root = Path.GetFullPath(folder);
        var ignore = HelmIgnore.Read(Path.Combine(root, ".helmignore"));
        void Walk(string dir)
        {
            foreach (var full in Directory.EnumerateFileSystemEntries(dir).Order(StringComparer.Ordinal))
            {
                var info = new FileInfo(full);
                if ((info.Attributes & FileAttributes.ReparsePoint) != 0) continue; // links: the chart's files are its own
                var relative = Path.GetRelativePath(root, full).Replace('\\', '/');
                var isDir = (info.Attributes & FileAttributes.Directory) != 0;
                // Dot-files of a checkout (.git, .SOURCE) are not the chart's; .helmignore'd paths are left out as Helm leaves them.
                if (Path.GetFileName(full) is var name && name.StartsWith('.') && name != ".helmignore" || ignore.Ignores(relative, isDir)) continue;
                if (isDir)
                {
                    Walk(full);
                    continue;
                }
                if (--budget.Entries < 0) throw Refused(display, $"the folder holds more than {MaxEntries} files");
                if (info.Length > MaxFileBytes) throw Refused(display, $"{relative} is larger than {MaxFileBytes / (1024 * 1024)} MiB");
                budget.Bytes -= info.Length;
                if (budget.Bytes < 0) throw Refused(display, $"the folder holds more than {MaxUnpackedBytes / (1024 * 1024)} MiB");
                files[relative] = File.ReadAllBytes(full);
            }
        }
        Walk(root);
        if (!files.ContainsKey("Chart.yaml")) throw Refused(display, "the folder has no Chart.yaml");
        return new ChartFiles(display, files, budget);
    }

    private static byte[] ReadBounded(string path, string display)
    {
        if (!File.Exists(path)) throw Refused(display, "no such file or folder");
        if (new FileInfo(path).Length > MaxCompressedBytes)
            throw Refused(display, $"the archive is larger than {MaxCompressedBytes / (1024 * 1024)} MiB");
        return File.ReadAllBytes(path);
    }

    internal static InvalidInputException Refused(string display, string why) =>
        new(Diagnostic.Of(DiagnosticCodes.ChartUnreadable, display, null, $"chart refused: {why}",
            "pass chart archives as helm pull writes them (NAME-VERSION.tgz) or unpacked chart folders"));

    /// <summary>Stops reading past a limit, so a gzip bomb cannot fill memory.</summary>
    private sealed class BoundedStream(Stream inner, long limit, string display) : Stream
    {
        private long read;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            read += n;
            if (read > limit) throw Refused(display, $"the archive unpacks to more than {MaxUnpackedBytes / (1024 * 1024)} MiB");
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
