using ManifestGen.Spec;
using ManifestGen.Tests.Support;

namespace ManifestGen.Tests.Cli;

public class SpecLoaderTests
{
    private static (ClusterTuningSpec? Spec, string Diagnostics) Load(string specBody)
    {
        using var tree = new TempTree();
        tree.Write("hr.yaml", "kind: HelmRelease\nmetadata:\n  name: x\n");
        tree.Write("tuning.yaml", "apiVersion: manifestgen.io/v1alpha1\nkind: ClusterTuning\nmetadata:\n  name: t\nspec:\n" + specBody);
        var (spec, diagnostics) = SpecLoader.Load(tree.PathOf("tuning.yaml"), RepositoryRoot.For(tree.PathOf("tuning.yaml"), tree.Root));
        return (spec, string.Join("\n", diagnostics));
    }

    [Fact]
    public void The_example_spec_loads()
    {
        var root = RepositoryRoot.For(Path.Combine(RepoPaths.Root, "cluster-config", "tuning.yaml"), null);
        var (spec, diagnostics) = SpecLoader.Load(Path.Combine(RepoPaths.Root, "cluster-config", "tuning.yaml"), root);
        Assert.Empty(diagnostics);
        Assert.Equal("home", spec!.Name);
        Assert.Equal(7, spec.Cilium!.Conntrack!.Timeouts.Count);
        Assert.Equal(524288, spec.Cilium.Conntrack.TcpMax);
        Assert.Equal("10Ti", spec.Trident!.Backend!.LimitVolumeSize!.Text);
        Assert.Equal(50, spec.Trident.Orchestrator!.K8sApiQps);
    }

    [Theory]
    [InlineData("tcpTimeout: 21600", "MG2004", "has no unit")]
    [InlineData("tcpTimeout: -5s", "MG2004", "must be positive")]
    [InlineData("tcpTimeout: 6 hours", "MG2004", "is not a Go duration")]
    [InlineData("tcpTimeout: 6d", "MG2004", "'d' is not a duration unit")]
    [InlineData("tcpMax: lots", "MG2002", "must be a whole number")]
    [InlineData("tcpTimout: 6h", "MG2001", "did you mean 'tcpTimeout'?")]
    public void Bad_conntrack_values_are_diagnosed_at_their_line(string line, string code, string text)
    {
        var (spec, diagnostics) = Load($"  cilium:\n    helmRelease: hr.yaml\n    conntrack:\n      {line}\n");
        Assert.Null(spec);
        Assert.Contains($"tuning.yaml:9:", diagnostics);
        Assert.Contains(code, diagnostics);
        Assert.Contains(text, diagnostics);
    }

    [Theory]
    [InlineData("1.5Ti", "decimals are not accepted")]
    [InlineData("256MB", "did you mean 256Mi?")]
    [InlineData("10T", "binary suffix")]
    [InlineData("0Gi", "must be positive")]
    public void Bad_volume_sizes_are_refused(string size, string text)
    {
        var (spec, diagnostics) = Load($"  trident:\n    backend:\n      file: hr.yaml\n      limitVolumeSize: {size}\n");
        Assert.Null(spec);
        Assert.Contains("MG2005", diagnostics);
        Assert.Contains(text, diagnostics);
    }

    [Theory]
    [InlineData("6h", 21_600)]
    [InlineData("1m30s", 90)]
    [InlineData("1.5h", 5_400)]
    [InlineData("500ms", 0.5)]
    public void Go_durations_parse(string text, double seconds)
    {
        Assert.True(GoDuration.TryParse(text, out var d, out _));
        Assert.Equal(seconds, d!.ToTimeSpan().TotalSeconds, 6);
    }

    [Fact]
    public void Workloads_are_refused_until_supported_rather_than_ignored()
    {
        var (_, diagnostics) = Load("  workloads:\n    - name: x\n");
        Assert.Contains("MG2009", diagnostics);
    }

    [Fact]
    public void The_header_is_checked()
    {
        using var tree = new TempTree();
        tree.Write("tuning.yaml", "apiVersion: manifestgen.io/v1\nkind: Tuning\nspec: {}\n");
        var (_, diagnostics) = SpecLoader.Load(tree.PathOf("tuning.yaml"), RepositoryRoot.For(tree.PathOf("tuning.yaml"), tree.Root));
        var text = string.Join("\n", diagnostics);
        Assert.Contains("tuning.yaml:1:13: error MG2006: apiVersion must be manifestgen.io/v1alpha1", text);
        Assert.Contains("tuning.yaml:2:7: error MG2006: kind must be ClusterTuning", text);
        Assert.Contains("MG2003", text);
    }
}
