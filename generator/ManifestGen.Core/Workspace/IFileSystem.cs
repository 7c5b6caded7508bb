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
