using System.Security.Cryptography;
using System.Text;

namespace ManifestGen.Fetching;

/// <summary>
/// Charts fetched before, on this machine: <c>$XDG_CACHE_HOME/manifestgen/charts/</c> (default
/// <c>~/.cache/manifestgen/charts/</c>), one folder a source (its URL made a folder name, with a hash of it), holding
/// <c>blobs/sha256-HEX.tgz</c> (archives by digest, checked again when read), <c>refs/NAME</c> (which digest a chart
/// version or tag was) and the source's last index or tag list. Every file is written to a temporary name and renamed
/// into place, so a killed run leaves no half file under a real name; a blob is written only after its digest and
/// its chart were checked.
/// </summary>
public sealed class ChartCache(string root)
{
    public string Root { get; } = root;

    /// <summary>The cache folder the environment names: <c>$XDG_CACHE_HOME</c> (when absolute), else <c>$HOME/.cache</c>.</summary>
    public static string DefaultRoot(Func<string, string?> environment) =>
        Path.Combine(UserFolders.Xdg(environment, "XDG_CACHE_HOME", ".cache"), "manifestgen", "charts");

    /// <summary>The folder of one source: readable (<c>http_127.0.0.1_8080_charts</c>) and unique (a hash of the whole URL).</summary>
    public static string SourceFolder(string source)
    {
        var readable = new StringBuilder();
        foreach (var c in source.Replace("://", "_", StringComparison.Ordinal))
            readable.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '_');
        var text = readable.ToString().Trim('_');
        if (text.Length > 60) text = text[..60];
        return $"{text}-{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(source)))[..12]}";
    }

    private static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);

    /// <summary><c>sha256:HEX</c> of some bytes.</summary>
    public static string Digest(byte[] data) => "sha256:" + Hex(SHA256.HashData(data));

    /// <summary>An archive by its digest, or null when it is not there or no longer matches its digest (then it is removed).</summary>
    public byte[]? ReadBlob(string source, string digest)
    {
        var path = BlobPath(source, digest);
        if (path is null || !File.Exists(path)) return null;
        try
        {
            var data = File.ReadAllBytes(path);
            if (Digest(data) == Normalize(digest)) return data;
            File.Delete(path);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return null;
    }

    public void WriteBlob(string source, string digest, byte[] data)
    {
        if (BlobPath(source, digest) is { } path) WriteAtomic(path, data);
    }

    /// <summary>The digest a chart version or tag had when it was fetched (<c>cilium@1.21.0</c>), or null.</summary>
    public string? ReadRef(string source, string name) =>
        ReadDocument(source, Path.Combine("refs", Escape(name))) is { } bytes ? Encoding.UTF8.GetString(bytes).Trim() : null;

    public void WriteRef(string source, string name, string digest) =>
        WriteDocument(source, Path.Combine("refs", Escape(name)), Encoding.UTF8.GetBytes(digest + "\n"));

    /// <summary>A source's index or tag list as last fetched (<c>index.yaml</c>, <c>tags/cilium.json</c>), or null.</summary>
    public byte[]? ReadDocument(string source, string name)
    {
        var path = Path.Combine(Root, SourceFolder(source), name);
        try
        {
            return File.Exists(path) ? File.ReadAllBytes(path) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void WriteDocument(string source, string name, byte[] data) => WriteAtomic(Path.Combine(Root, SourceFolder(source), name), data);

    private string? BlobPath(string source, string digest)
    {
        var d = Normalize(digest);
        if (!d.StartsWith("sha256:", StringComparison.Ordinal) || d.Length != 71 || !d[7..].All(char.IsAsciiHexDigitLower)) return null;
        return Path.Combine(Root, SourceFolder(source), "blobs", "sha256-" + d[7..] + ".tgz");
    }

    /// <summary>A digest as <c>sha256:hex</c>, lower case; an index's bare hex digest gets its algorithm.</summary>
    public static string Normalize(string digest)
    {
        var d = digest.Trim().ToLowerInvariant();
        return d.Contains(':', StringComparison.Ordinal) ? d : "sha256:" + d;
    }

    private static string Escape(string name)
    {
        var sb = new StringBuilder();
        foreach (var c in name) sb.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@' ? c : '~');
        return sb.ToString();
    }

    /// <summary>A temporary file beside the target, renamed over it: readers see the old file or the whole new one.</summary>
    private static void WriteAtomic(string path, byte[] data)
    {
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(data);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { }
            throw;
        }
    }
}
