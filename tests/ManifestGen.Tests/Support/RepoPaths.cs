namespace ManifestGen.Tests.Support;

/// <summary>Where the repository and the read-only shared data beside it are.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary><c>../shared</c> next to the repository: the design card, real CRD schemas, the YAML corpus.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static bool SharedExists => Directory.Exists(Shared);

    /// <summary>The example cluster as committed, untuned (cluster-config/ itself may have been generated already).</summary>
    public static string ExampleInput => Path.Combine(Root, "tests", "ManifestGen.Tests", "Cases", "example-cluster", "input");

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The shared folder, or a test failure when CI runs without it.</summary>
    public static string RequireShared()
    {
        if (!SharedExists)
            throw new InvalidOperationException($"{Shared} is missing: CI must run with the shared data beside the repository");
        return Shared;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ManifestGen.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("ManifestGen.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>
/// A fact that needs <c>../shared/</c>. Outside CI it is skipped, saying why, when the folder is
/// missing; under CI=true it runs and fails, so a CI without the data cannot pass silently.
/// </summary>
public sealed class SharedFactAttribute : FactAttribute
{
    public SharedFactAttribute()
    {
        if (!RepoPaths.SharedExists && !RepoPaths.IsCi)
            Skip = $"needs the shared data at {RepoPaths.Shared}, which is not on this machine (under CI=true this test fails instead)";
    }
}

/// <summary>A fact that needs kubectl on PATH: skipped outside CI when it is missing, failing under CI=true.</summary>
public sealed class KubectlFactAttribute : FactAttribute
{
    public KubectlFactAttribute()
    {
        if (!Kubectl.Available && !RepoPaths.IsCi)
            Skip = "needs kubectl (with its built-in kustomize) on PATH, which this machine lacks (under CI=true this test fails instead)";
        else if (!RepoPaths.SharedExists && !RepoPaths.IsCi)
            Skip = $"needs the shared data at {RepoPaths.Shared}, which is not on this machine (under CI=true this test fails instead)";
    }
}

/// <summary>A theory that needs kubectl and the shared data: skipped outside CI when either is missing, failing under CI=true.</summary>
public sealed class KubectlTheoryAttribute : TheoryAttribute
{
    public KubectlTheoryAttribute()
    {
        if (!Kubectl.Available && !RepoPaths.IsCi)
            Skip = "needs kubectl (with its built-in kustomize) on PATH, which this machine lacks (under CI=true this test fails instead)";
        else if (!RepoPaths.SharedExists && !RepoPaths.IsCi)
            Skip = $"needs the shared data at {RepoPaths.Shared}, which is not on this machine (under CI=true this test fails instead)";
    }
}

/// <summary>
/// The trait of the tests that take minutes (the NativeAOT build, packing and installing the tool): a developer may
/// leave them out locally with <c>dotnet test --filter Category!=Slow</c>; <c>.ci/run</c> runs every test.
/// </summary>
public static class Slow
{
    public const string Category = "Category";
    public const string Value = "Slow";
}

/// <summary>A theory that needs <c>../shared/</c>: skipped outside CI when it is missing, failing under CI=true.</summary>
public sealed class SharedTheoryAttribute : TheoryAttribute
{
    public SharedTheoryAttribute()
    {
        if (!RepoPaths.SharedExists && !RepoPaths.IsCi)
            Skip = $"needs the shared data at {RepoPaths.Shared}, which is not on this machine (under CI=true this test fails instead)";
    }
}
