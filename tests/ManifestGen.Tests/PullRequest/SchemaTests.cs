using ManifestGen.Tests.Support;
using ManifestGen.Yaml;
using NJsonSchema;

namespace ManifestGen.Tests.PullRequest;

public class SchemaTests
{
    private static readonly string SchemaPath = Path.Combine(RepoPaths.Root, "docs", "tuning.schema.json");

    private static List<string> Validate(string yaml)
    {
        var schema = JsonSchema.FromJsonAsync(File.ReadAllText(SchemaPath)).GetAwaiter().GetResult();
        return CrdSchema.Flatten(schema.Validate(CrdSchema.ToJson(YamlValue.Parse(yaml)))).Select(e => e.Split(" (")[0]).ToList();
    }

    [Fact]
    public void The_schema_verb_prints_the_committed_schema()
    {
        var result = CliRunner.Run("schema");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(File.ReadAllText(SchemaPath), result.Stdout);
    }

    [Fact]
    public void The_example_spec_validates_and_names_its_schema()
    {
        var spec = File.ReadAllText(Path.Combine(RepoPaths.Root, "cluster-config", "tuning.yaml"));
        Assert.StartsWith("# yaml-language-server: $schema=../docs/tuning.schema.json\n", spec);
        Assert.Empty(Validate(spec));
    }

    [Theory]
    [InlineData("tcpTimeout: 6h  ", "tcpTimout: 6h   ", "#/spec.cilium.conntrack.tcpTimout: NoAdditionalPropertiesAllowed")]
    [InlineData("tcpTimeout: 6h  ", "tcpTimeout: 21600", "#/spec.cilium.conntrack.tcpTimeout: StringExpected")]
    [InlineData("limitVolumeSize: 10Ti", "limitVolumeSize: 1.5Ti", "#/spec.trident.backend.limitVolumeSize: PatternMismatch")]
    [InlineData("delivery: kyverno", "delivery: kyvern", "#/spec.workloads[0].delivery: NotInEnumeration")]
    public void A_broken_spec_fails_at_the_right_path(string from, string to, string error)
    {
        var spec = File.ReadAllText(Path.Combine(RepoPaths.Root, "cluster-config", "tuning.yaml"));
        Assert.Contains(from, spec);
        var errors = Validate(spec.Replace(from, to));
        Assert.True(errors.Contains(error), string.Join("\n", errors));
    }
}
