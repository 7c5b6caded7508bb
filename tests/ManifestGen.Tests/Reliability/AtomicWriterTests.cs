using ManifestGen.Tests.Support;
using ManifestGen.Workspace;

namespace ManifestGen.Tests.Reliability;

public class AtomicWriterTests
{
    /// <summary>The real file system, failing on demand: after N writes, or with a given error.</summary>
    private sealed class FailingFileSystem(int failOnWrite, Exception error) : IFileSystem
    {
        private int writes;
        public bool FileExists(string path) => PhysicalFileSystem.Instance.FileExists(path);
        public byte[] ReadAllBytes(string path) => PhysicalFileSystem.Instance.ReadAllBytes(path);
        public void Replace(string from, string to) => PhysicalFileSystem.Instance.Replace(from, to);
        public void Delete(string path) => PhysicalFileSystem.Instance.Delete(path);
        public void CreateDirectory(string path) => PhysicalFileSystem.Instance.CreateDirectory(path);

        public void WriteNew(string path, byte[] bytes)
        {
            if (++writes == failOnWrite)
            {
                // Half a file reaches the disk, as when it fills up mid-write.
                File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
                throw error;
            }
            PhysicalFileSystem.Instance.WriteNew(path, bytes);
        }
    }

    private static (TempTree Tree, List<FileChange> Changes) ThreeFiles()
    {
        var tree = new TempTree();
        tree.Write("a.yaml", "a: old\n");
        tree.Write("b/b.yaml", "b: old\n");
        var changes = new List<FileChange>
        {
            new("a.yaml", "a: old\n"u8.ToArray(), "a: new\n"u8.ToArray()),
            new("b/b.yaml", "b: old\n"u8.ToArray(), "b: new\n"u8.ToArray()),
            new("c/c.yaml", null, "c: new\n"u8.ToArray()),
        };
        return (tree, changes);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_failure_after_some_writes_restores_every_file(int failOn)
    {
        var (tree, changes) = ThreeFiles();
        using var _ = tree;
        var before = tree.Snapshot();
        var ex = Assert.Throws<WriteFailedException>(() =>
            AtomicWriter.Write(tree.Root, changes, new FailingFileSystem(failOn, new IOException("No space left on device"))));
        Assert.Contains("No space left on device", ex.Message);
        Assert.Contains("restored", ex.Message);
        Assert.Equal(before, tree.Snapshot()); // also: no temporary file is left behind
    }

    [Fact]
    public void A_read_only_target_leaves_everything_as_it_was()
    {
        // Tests run as root here, where file modes do not stop writes; the file system says no instead.
        var (tree, changes) = ThreeFiles();
        using var _ = tree;
        var before = tree.Snapshot();
        var ex = Assert.Throws<WriteFailedException>(() =>
            AtomicWriter.Write(tree.Root, changes, new FailingFileSystem(2, new UnauthorizedAccessException("Access to the path is denied"))));
        Assert.Contains("writing b/b.yaml failed", ex.Message);
        Assert.Equal(before, tree.Snapshot());
    }

    [Fact]
    public void All_changes_land_when_nothing_fails()
    {
        var (tree, changes) = ThreeFiles();
        using var _ = tree;
        AtomicWriter.Write(tree.Root, changes);
        Assert.Equal("a: new\n", tree.Read("a.yaml"));
        Assert.Equal("c: new\n", tree.Read("c/c.yaml"));
        Assert.Equal(["a.yaml", "b/b.yaml", "c/c.yaml"], tree.Snapshot().Keys);
    }

    [Fact]
    public void A_file_changed_on_disk_since_it_was_read_is_not_overwritten()
    {
        var (tree, changes) = ThreeFiles();
        using var _ = tree;
        tree.Write("b/b.yaml", "b: edited meanwhile\n");
        var before = tree.Snapshot();
        var ex = Assert.Throws<WriteFailedException>(() => AtomicWriter.Write(tree.Root, changes));
        Assert.Contains("b/b.yaml changed on disk", ex.Message);
        Assert.Equal(before, tree.Snapshot());
    }
}
