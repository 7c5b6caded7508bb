using ManifestGen.Lint;
using ManifestGen.Pipeline;

namespace ManifestGen.Tests.Layout;

/// <summary>Core takes absolute paths: a relative one is refused at the entry point, never resolved against the current folder.</summary>
public class AbsolutePathTests
{
    [Fact]
    public void Core_refuses_a_relative_path_at_each_entry_point()
    {
        Assert.Contains("absolute path", Assert.Throws<ArgumentException>(() => Generator.Run(new GenerateOptions("tuning.yaml"))).Message);
        Assert.Contains("absolute path", Assert.Throws<ArgumentException>(() => RepositoryLinter.Run(new LintOptions("."))).Message);
        Assert.Throws<ArgumentException>(() => SpecSet.Resolve("clusters/*/tuning.yaml"));
        Assert.Throws<ArgumentException>(() => ManifestGen.Verify.VerifyRun.Plan("tuning.yaml", null));
        Assert.Throws<ArgumentException>(() => ManifestGen.Import.RunbookImporter.Import("runbook.md", "/observed.yaml", "kyverno", "/"));
    }
}
