using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ManifestGen.Tests.Support;

/// <summary>
/// Real chart archives made for the tests: a published archive repackaged under a version the tool does not carry
/// (its Chart.yaml's <c>version:</c> line changed, every other byte of every file kept), and Helm repository indexes
/// that list them with their true (or a wrong) digest.
/// </summary>
public static partial class ChartArchives
{
    /// <summary>The archive of <c>../shared/charts/cilium/cilium-FROM.tgz</c> as chart version <paramref name="version"/>.</summary>
    public static byte[] Cilium(string from, string version) =>
        Repack(File.ReadAllBytes(Path.Combine(RepoPaths.Shared, "charts", "cilium", $"cilium-{from}.tgz")), version);

    /// <summary>An archive with its Chart.yaml's version replaced.</summary>
    public static byte[] Repack(byte[] archive, string version)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        using (var reader = new TarReader(new GZipStream(new MemoryStream(archive), CompressionMode.Decompress)))
        {
            while (reader.GetNextEntry(copyData: true) is { } entry)
            {
                if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && entry.Name.Split('/') is [_, "Chart.yaml"])
                {
                    var text = new StreamReader(entry.DataStream!).ReadToEnd();
                    var changed = VersionLine().Replace(text, $"version: {version}", 1);
                    var file = new PaxTarEntry(TarEntryType.RegularFile, entry.Name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(changed)) };
                    writer.WriteEntry(file);
                    continue;
                }
                if (entry.EntryType is TarEntryType.GlobalExtendedAttributes or TarEntryType.ExtendedAttributes) continue;
                var copy = new PaxTarEntry(entry.EntryType == TarEntryType.V7RegularFile ? TarEntryType.RegularFile : entry.EntryType, entry.Name);
                if (entry.DataStream is { } data) copy.DataStream = data;
                writer.WriteEntry(copy);
            }
        }
        return output.ToArray();
    }

    /// <summary>A chart archive a few KiB small that unpacks to <paramref name="unpackedBytes"/> (a file of zeros): a gzip bomb.</summary>
    public static byte[] Bomb(string chart, string version, long unpackedBytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, $"{chart}/Chart.yaml")
                { DataStream = new MemoryStream(Encoding.UTF8.GetBytes($"apiVersion: v2\nname: {chart}\nversion: {version}\n")) });
            for (long left = unpackedBytes, part = 0; left > 0; left -= 4 * 1024 * 1024, part++)
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, $"{chart}/files/zeros-{part}.bin")
                    { DataStream = new MemoryStream(new byte[Math.Min(left, 4 * 1024 * 1024)]) });
        }
        return output.ToArray();
    }

    public static string Sha256(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>An index.yaml of one chart: each version with its URL and digest (a digest of null leaves it out).</summary>
    public static string Index(string chart, params (string Version, string Url, string? Digest)[] entries)
    {
        var sb = new StringBuilder("apiVersion: v1\nentries:\n  ").Append(chart).Append(":\n");
        foreach (var (version, url, digest) in entries)
        {
            sb.Append("  - apiVersion: v2\n    name: ").Append(chart).Append("\n    version: ").Append(version).Append('\n');
            if (digest is not null) sb.Append("    digest: ").Append(digest).Append('\n');
            sb.Append("    urls:\n    - ").Append(url).Append('\n');
        }
        return sb.Append("generated: \"2026-12-01T00:00:00Z\"\n").ToString();
    }

    [GeneratedRegex(@"(?m)^version: *\S+")]
    private static partial Regex VersionLine();
}
