namespace ManifestGen.Tests.Support;

/// <summary>
/// The trait of the tests that take minutes (the NativeAOT build, packing and installing the tool): a developer may
/// leave them out locally with <c>dotnet test --filter Category!=Slow</c>; <c>.ci/run</c> runs every test.
/// </summary>
public static class Slow
{
    public const string Category = "Category";
    public const string Value = "Slow";
}
