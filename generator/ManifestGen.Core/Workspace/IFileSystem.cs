namespace ManifestGen.Workspace;

/// <summary>The few file operations a run's writes need, so tests can make them fail midway.</summary>
public interface IFileSystem
{
    bool FileExists(string path);
    byte[] ReadAllBytes(string path);
    /// <summary>Creates a new file with the bytes, flushed to disk; fails if it exists.</summary>
    void WriteNew(string path, byte[] bytes);
    /// <summary>Renames over the destination in one step.</summary>
    void Replace(string from, string to);
    void Delete(string path);
    void CreateDirectory(string path);
}

public sealed class PhysicalFileSystem : IFileSystem
{
    public static PhysicalFileSystem Instance { get; } = new();

    public bool FileExists(string path) => File.Exists(path);
    public byte[] ReadAllBytes(string path) => File.ReadAllBytes(path);

    public void WriteNew(string path, byte[] bytes)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }

    public void Replace(string from, string to) => File.Move(from, to, overwrite: true);
    public void Delete(string path) => File.Delete(path);
    public void CreateDirectory(string path) => Directory.CreateDirectory(path);
}
