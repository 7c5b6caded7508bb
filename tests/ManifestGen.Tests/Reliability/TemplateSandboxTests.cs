using ManifestGen.Tests.Support;

namespace ManifestGen.Tests.Reliability;

/// <summary>User templates cannot reach outside themselves or run away.</summary>
public class TemplateSandboxTests
{
    private static CliRunner.Result RunWithTemplate(TempTree tree, string template)
    {
        tree.Write("t/trident/orchestrator-patch.yaml.sbn", template);
        return CliRunner.Run(tree, "generate", "--templates", tree.PathOf("t"));
    }

    /// <summary>The example with an orchestrator tuning, so that a run writes a template-rendered post-renderer too.</summary>
    private static TempTree Example()
    {
        var tree = new TempTree(RepoPaths.ExampleInput);
        tree.AddOrchestratorQps();
        return tree;
    }

    [Fact]
    public void Including_another_file_is_refused()
    {
        using var tree = Example();
        var result = RunWithTemplate(tree, "- op: add\n  value: {{ include '/etc/hostname' }}\n");
        Assert.Equal(2, result.ExitCode);
        Assert.Matches(@"orchestrator-patch\.yaml\.sbn:2:\d+: error MG9001: template error", result.Stderr);
        Assert.False(File.Exists(tree.PathOf("tuning.inventory.yaml")), "nothing may be written");
    }

    [Fact]
    public void Runaway_loops_are_stopped()
    {
        using var tree = Example();
        var result = RunWithTemplate(tree, "{{ for i in 1..100000000 }}x{{ end }}\n");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error MG9001: template error", result.Stderr);
        Assert.Contains("loop", result.Stderr, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Template_names_cannot_leave_the_templates_folder()
    {
        var renderer = new ManifestGen.Templates.TemplateRenderer("/tmp");
        var ex = Assert.Throws<ManifestGen.Diagnostics.InvalidInputException>(() => renderer.Render("../etc/passwd", new Scriban.Runtime.ScriptObject()));
        Assert.Contains("leaves the templates folder", ex.Message);
    }
}
