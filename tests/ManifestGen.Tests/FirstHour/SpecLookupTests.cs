using ManifestGen.Tests.Support;

namespace ManifestGen.Tests.FirstHour;

/// <summary>
/// Without --spec every verb looks for cluster-config/tuning.yaml, then ./tuning.yaml (where init writes), and says
/// both when neither is there; init's header names the command that works from where it was run.
/// </summary>
[Collection(CurrentFolderCollection.Name)]
public class SpecLookupTests
{
    private static TempTree Corpus(string repository = "vikaspogu-k8s-gitops")
    {
        var tree = new TempTree(Path.Combine(RepoPaths.RequireShared(), "corpus", "public", repository));
        Directory.CreateDirectory(tree.PathOf(".git"));
        return tree;
    }

    [SharedFact]
    public void After_init_a_plain_generate_check_and_validate_find_the_spec_init_wrote()
    {
        using var tree = Corpus();
        var init = CurrentFolderCollection.Run(tree.Root, "init");
        Assert.True(init.Code == 0, init.Stderr);
        Assert.Contains("review it, then `manifestgen generate`.", tree.Read("tuning.yaml"));
        foreach (var verb in new[] { "validate", "plan", "generate", "check" })
        {
            var run = CurrentFolderCollection.Run(tree.Root, verb);
            Assert.True(run.Code == 0, $"{verb}: exit {run.Code}\n{run.Stdout}{run.Stderr}");
            Assert.DoesNotContain("MG2010", run.Stderr);
        }
    }

    [Fact]
    public void Cluster_config_comes_first_and_neither_is_an_error_naming_both()
    {
        using var tree = new TempTree();
        Directory.CreateDirectory(tree.PathOf(".git"));
        var none = CurrentFolderCollection.Run(tree.Root, "validate");
        Assert.Equal(2, none.Code);
        // Placed at the folder where the search started, not at a file that does not exist.
        Assert.DoesNotContain("tuning.yaml:1:1", none.Stderr);
        Assert.Contains($"./: error MG2010: no spec: neither cluster-config/tuning.yaml nor ./tuning.yaml exists in {tree.Root} " +
                        "(hint: pass --spec PATH (a file, a folder of specs or a glob), or write one with manifestgen init)", none.Stderr);
        foreach (var verb in new[] { "generate", "check", "plan", "verify", "post-render" })
            Assert.Contains("no spec: neither cluster-config/tuning.yaml nor ./tuning.yaml", CurrentFolderCollection.Run(tree.Root, verb).Stderr);

        TempTree.Copy(RepoPaths.ExampleInput, tree.PathOf("cluster-config"));
        tree.Write("tuning.yaml", "not: a spec\n");
        var found = CurrentFolderCollection.Run(tree.Root, "validate");
        Assert.True(found.Code == 0, found.Stderr);
        Assert.Equal("valid: cluster-config/tuning.yaml\n", found.Stdout);
    }

    [SharedFact]
    public void Init_written_elsewhere_names_the_spec_in_its_header()
    {
        using var tree = Corpus();
        var init = CurrentFolderCollection.Run(tree.Root, "init", "--output", "clusters/main/tuning.yaml");
        Assert.True(init.Code == 0, init.Stderr);
        Assert.Contains("review it, then `manifestgen generate --spec clusters/main/tuning.yaml`.", tree.Read("clusters/main/tuning.yaml"));
        var generate = CurrentFolderCollection.Run(tree.Root, "generate", "--spec", "clusters/main/tuning.yaml");
        Assert.True(generate.Code == 0, generate.Stderr);
    }
}
