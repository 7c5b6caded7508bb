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
