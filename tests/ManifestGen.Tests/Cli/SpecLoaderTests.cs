using ManifestGen.Components;
using ManifestGen.Composition;
using ManifestGen.Modules.Cilium;
using ManifestGen.Modules.Trident;
using ManifestGen.Modules.Workloads;
using ManifestGen.Spec;
using ManifestGen.Tests.Support;
using ManifestGen.Workspace;

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
        var cilium = spec.Tuning<CiliumTuning>()!;
        Assert.Equal(7, cilium.Conntrack!.Durations.Count());
        Assert.Equal(524288, cilium.Conntrack["tcpMax"]!.Size);
        var trident = spec.Tuning<TridentTuning>()!;
        Assert.Equal("10Ti", trident.Backend!.LimitVolumeSize!.Text);
        Assert.Null(trident.Orchestrator);
        Assert.Equal("trident-controller", Assert.Single(spec.Tuning<WorkloadsTuning>()!.Workloads).Name);
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

    private const string Workload = """
          workloads:
            - name: ctl
              target: {kind: Deployment, namespace: ns, name: ctl}
              delivery: kyverno
              output: policy.yaml
              containers:
                - names: [a, b]
                  flags: {--kube-api-qps: "50"}
                - names: [b]
                  resources:
                    requests: {cpu: 50m, memory: 128Mi}
                    limits: {cpu: 200m, memory: 256Mi}

        """;

    [Fact]
    public void Workloads_merge_container_groups_by_name()
    {
        var (spec, diagnostics) = Load(Workload);
        Assert.True(spec is not null, diagnostics);
        var w = Assert.Single(spec!.Tuning<WorkloadsTuning>()!.Workloads);
        Assert.Equal(["a", "b"], w.Containers.Select(c => c.Name));
        var b = w.Containers[1];
        Assert.Equal("--kube-api-qps=50", Assert.Single(b.Flags).Joined);
        Assert.Equal("128Mi", b.Resources.Requests.Single(q => q.Key == "memory").Value);
    }

    [Theory]
    [InlineData("requests: {cpu: 50m, memory: 128Mi}", "requests: {cpu: 500m, memory: 128Mi}", "MG2005", "the cpu request 500m is above its limit 200m")]
    [InlineData("memory: 128Mi}", "memory: 128MB}", "MG2005", "'128MB' is not a Kubernetes quantity")]
    [InlineData("delivery: kyverno", "delivery: kyvern", "MG2008", "did you mean 'kyverno'?")]
    [InlineData("delivery: kyverno", "delivery: postRenderer", "MG2003", "delivery postRenderer needs observed")]
    [InlineData("kind: Deployment", "kind: CronJob", "MG2008", "CronJob is not supported")]
    [InlineData("--kube-api-qps", "kube-api-qps", "MG2008", "is not a flag name")]
    [InlineData("output: policy.yaml", "output: ../../outside.yaml", "MG2007", "outside the repository")]
    public void Bad_workloads_are_diagnosed(string from, string to, string code, string text)
    {
        var (spec, diagnostics) = Load(Workload.Replace(from, to));
        Assert.Null(spec);
        Assert.Contains(code, diagnostics);
        Assert.Contains(text, diagnostics);
    }

    [Fact]
    public void Duplicate_workload_names_and_outputs_are_errors()
    {
        var twice = Workload + Workload[Workload.IndexOf("    - name", StringComparison.Ordinal)..];
        var (_, diagnostics) = Load(twice);
        Assert.Contains("MG2011", diagnostics);
        Assert.Contains("another workload is already named 'ctl'", diagnostics);
        Assert.Contains("another workload already writes policy.yaml", diagnostics);
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
