using ManifestGen.Tests.Support;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Tests.Workspace;

/// <summary>
/// The run's view of the repository: a committed file is parsed once for both the run and the lints,
/// and the lints keep seeing the committed text after the run has edited it.
/// </summary>
public class RepositoryWorkspaceTests
{
    private static (TempTree Tree, RepositoryWorkspace Workspace) Repo(string text)
    {
        var tree = new TempTree();
        tree.Write("app/config.yaml", text);
        return (tree, new RepositoryWorkspace(RepositoryRoot.For(tree.PathOf("tuning.yaml"), tree.Root)));
    }

    [Fact]
    public void An_unedited_file_is_parsed_once_for_the_run_and_the_lints()
    {
        var (tree, workspace) = Repo("a: 1\n");
        using var _ = tree;
        var committed = workspace.ReadOriginalYaml("app/config.yaml");
        Assert.Same(committed, workspace.ReadYaml("app/config.yaml"));
        Assert.Same(committed, workspace.ReadOriginalYaml("app/config.yaml"));
    }

    [Fact]
    public void After_an_edit_the_lints_still_read_the_committed_text()
    {
        var (tree, workspace) = Repo("a: 1\n");
        using var _ = tree;
        workspace.ReadYaml("app/config.yaml");
        var edited = workspace.Edit("app/config.yaml", new SetScalar(DocumentSelector.At(0), YamlPath.Parse("a"), ScalarValue.Integer(2)));
        Assert.Equal("a: 2\n", edited.Text);
        Assert.Equal("a: 1\n", workspace.ReadOriginalYaml("app/config.yaml")!.Text);
        Assert.Same(edited, workspace.ReadYaml("app/config.yaml"));
    }

    [Fact]
    public void A_committed_file_that_does_not_parse_is_null_for_the_lints_and_an_error_for_the_run()
    {
        var (tree, workspace) = Repo("a: [1\n");
        using var _ = tree;
        Assert.Null(workspace.ReadOriginalYaml("app/config.yaml"));
        var error = Assert.Throws<ManifestGen.Diagnostics.InvalidInputException>(() => workspace.ReadYaml("app/config.yaml"));
        Assert.Contains("app/config.yaml", error.Message);
    }
}
