using ManifestGen.Tests.Support;

namespace ManifestGen.Tests.FirstHour;

/// <summary><c>init FOLDER</c> reads FOLDER and finds the repository from it, whatever --output says.</summary>
[Collection(CurrentFolderCollection.Name)]
public class InitFolderTests
{
    [SharedFact]
    public void Init_FOLDER_reads_FOLDER_from_anywhere_and_the_spec_runs()
    {
        using var tree = new TempTree(Path.Combine(RepoPaths.RequireShared(), "corpus", "public", "onedr0p-home-ops"));
        Directory.CreateDirectory(tree.PathOf(".git"));
        using var elsewhere = new TempTree();
        // From another folder entirely, naming the repository's apps folder and an output inside the repository.
        var init = CurrentFolderCollection.Run(elsewhere.Root, "init", tree.PathOf("kubernetes/apps"), "--output", tree.PathOf("tuning.yaml"));
        Assert.True(init.Code == 0, init.Stderr);
        var spec = tree.Read("tuning.yaml");
        Assert.Contains("helmRelease: kubernetes/apps/kube-system/cilium/app/helmrelease.yaml", spec);
        Assert.Contains($"then `manifestgen generate --spec {Path.GetRelativePath(elsewhere.Root, tree.PathOf("tuning.yaml"))}`", spec);
        var generate = CurrentFolderCollection.Run(tree.Root, "generate");
        Assert.True(generate.Code == 0, generate.Stderr);
    }

    [SharedFact]
    public void An_output_outside_FOLDER_s_repository_is_refused_and_nothing_is_written()
    {
        using var tree = new TempTree(Path.Combine(RepoPaths.RequireShared(), "corpus", "public", "onedr0p-home-ops"));
        Directory.CreateDirectory(tree.PathOf(".git"));
        using var outside = new TempTree();
        var init = CurrentFolderCollection.Run(tree.Root, "init", tree.PathOf("kubernetes"), "--output", outside.PathOf("tuning.yaml"));
        Assert.Equal(2, init.Code);
        Assert.Contains($"is outside the repository {tree.Root} that {tree.PathOf("kubernetes")} is in; a spec lives in the repository it tunes (hint: --output tuning.yaml)", init.Stderr);
        Assert.False(File.Exists(outside.PathOf("tuning.yaml")));
    }

    [Fact]
    public void Without_git_a_spec_above_FOLDER_is_the_root_generate_will_use()
    {
        using var tree = new TempTree(RepoPaths.ExampleInput);
        File.Delete(tree.PathOf("tuning.yaml"));
        var init = CurrentFolderCollection.Run(tree.Root, "init", "kubernetes");
        Assert.True(init.Code == 0, init.Stderr);
        Assert.Contains("helmRelease: kubernetes/apps/kube-system/cilium/app/helmrelease.yaml", tree.Read("tuning.yaml"));
        Assert.True(CurrentFolderCollection.Run(tree.Root, "generate").Code == 0);
    }
}
