using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace ManifestGen.Tests.Charts;

/// <summary>Chart archives made in a test, as helm package makes them: a gzipped tar whose top folder is the chart's name.</summary>
public static class ChartArchive
{
    public static byte[] Pack(string top, IReadOnlyDictionary<string, string> files) =>
        Pack(files.Select(f => ($"{top}/{f.Key}", Encoding.UTF8.GetBytes(f.Value), TarEntryType.RegularFile)));

    public static byte[] Pack(IEnumerable<(string Name, byte[] Data, TarEntryType Type)> entries)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, data, type) in entries)
            {
                var entry = new PaxTarEntry(type, name);
                if (type == TarEntryType.SymbolicLink) entry.LinkName = "../../etc/passwd";
                else entry.DataStream = new MemoryStream(data);
                tar.WriteEntry(entry);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>A chart folder's files, read from disk (a shared chart folder, say), to repackage under another version.</summary>
    public static Dictionary<string, string> FilesOf(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllText);

    /// <summary>A small chart of its own: a values.yaml and one template reading what the test names.</summary>
    public static Dictionary<string, string> Minimal(string name, string version, string values, string template) => new()
    {
        ["Chart.yaml"] = $"apiVersion: v2\nname: {name}\nversion: {version}\nappVersion: \"{version}\"\n",
        ["values.yaml"] = values,
        ["templates/config.yaml"] = template,
    };
}
