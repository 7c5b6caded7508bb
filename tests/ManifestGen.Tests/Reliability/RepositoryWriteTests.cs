using ManifestGen.Pipeline;
using ManifestGen.Tests.Support;

namespace ManifestGen.Tests.Reliability;

/// <summary>
/// generate as a library call (<see cref="RepositoryWrite.Generate"/>): the caller gets the lock and the atomic write the
/// CLI has, not only the plan.
/// </summary>
public class RepositoryWriteTests
{
    [Fact]
    public void A_library_caller_plans_and_writes_under_the_lock_and_a_second_run_writes_nothing()
    {
        using var tree = Git(new TempTree(RepoPaths.ExampleInput));
        var before = tree.Read("kubernetes/apps/kube-system/cilium/app/helmrelease.yaml");

        var (result, outcome) = RepositoryWrite.Generate(new GenerateOptions(tree.PathOf("tuning.yaml")), TextWriter.Null);
        Assert.True(outcome.Written, string.Join("\n", outcome.Diagnostics));
        Assert.NotEmpty(result.Changes);
        Assert.NotEqual(before, tree.Read("kubernetes/apps/kube-system/cilium/app/helmrelease.yaml"));
        Assert.True(File.Exists(tree.PathOf(".git/manifestgen.lock")));

        var (again, second) = RepositoryWrite.Generate(new GenerateOptions(tree.PathOf("tuning.yaml")), TextWriter.Null);
        Assert.True(second.Written);
        Assert.Empty(again.Changes);
    }

    [Fact]
    public void A_plan_with_an_error_writes_nothing()
    {
        using var tree = new TempTree(RepoPaths.ExampleInput);
        tree.Write("tuning.yaml", tree.Read("tuning.yaml").Replace("      name: qnap-backend", "      name: no-such-backend"));
        var snapshot = tree.Snapshot();
        var (_, outcome) = RepositoryWrite.Generate(new GenerateOptions(tree.PathOf("tuning.yaml")), TextWriter.Null);
        Assert.False(outcome.Written);
        Assert.Contains(outcome.Diagnostics, d => d.Code.Code == "MG3002");
        var now = tree.Snapshot();
        Assert.Equal(snapshot.Keys, now.Keys);
        Assert.All(snapshot, kv => Assert.True(kv.Value.AsSpan().SequenceEqual(now[kv.Key]), kv.Key));
    }

    /// <summary>The tree as a git repository's root, where the lock is kept (.git/manifestgen.lock).</summary>
    private static TempTree Git(TempTree tree)
    {
        Directory.CreateDirectory(tree.PathOf(".git"));
        return tree;
    }
}
