using System.Text;
using ManifestGen.Tests.Support;

namespace ManifestGen.Tests.Cli;

public class PostRenderTests
{
    private const string Spec = """
        apiVersion: manifestgen.io/v1alpha1
        kind: ClusterTuning
        metadata: {name: t}
        spec:
          workloads:
            - name: ctl
              target: {kind: Deployment, namespace: ns, name: ctl}
              delivery: kyverno
              output: app/policy.yaml
              containers:
                - names: [sidecar]
                  flags: {--kube-api-qps: "50"}
                  resources:
                    limits: {memory: 64Mi}

        """;

    private static TempTree Repo()
    {
        var tree = new TempTree();
        tree.Write("tuning.yaml", Spec);
        tree.Write("app/kustomization.yaml", "resources: []\n");
        return tree;
    }

    [Fact]
    public void Documents_it_does_not_target_pass_through_byte_for_byte()
    {
        using var tree = Repo();
        var input = Encoding.UTF8.GetBytes("\uFEFF# a comment\r\napiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: x   # kept\r\ndata: {a: '1'}\r\n---\r\napiVersion: apps/v1\r\nkind: Deployment\r\nmetadata:\r\n  name: other\r\n");
        var (code, stdout, stderr) = CliRunner.RunWithStdin(input, "post-render", "--spec", tree.PathOf("tuning.yaml"), "--root", tree.Root);
        Assert.True(code == 0, stderr);
        Assert.Equal(input, stdout);
    }

    [Fact]
    public void The_target_is_tuned_in_place_and_the_rest_kept()
    {
        using var tree = Repo();
        var input = "# rendered by helm\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ctl\nspec:\n  template:\n    spec:\n      containers:\n        - name: main\n          image: a\n        - name: sidecar   # the one\n          args: [--v=2, --kube-api-qps=5]\n";
        var (code, stdout, stderr) = CliRunner.RunWithStdin(Encoding.UTF8.GetBytes(input), "post-render", "--spec", tree.PathOf("tuning.yaml"), "--root", tree.Root);
        Assert.True(code == 0, stderr);
        Assert.Equal(input
            .Replace("args: [--v=2, --kube-api-qps=5]", "args: [--v=2, --kube-api-qps=50]\n          resources:\n            limits:\n              memory: 64Mi"),
            Encoding.UTF8.GetString(stdout));
    }

    [Fact]
    public void A_missing_container_fails_loudly()
    {
        using var tree = Repo();
        var input = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ctl\n  namespace: ns\nspec:\n  template:\n    spec:\n      containers:\n        - name: main\n";
        var (code, stdout, stderr) = CliRunner.RunWithStdin(Encoding.UTF8.GetBytes(input), "post-render", "--spec", tree.PathOf("tuning.yaml"), "--root", tree.Root);
        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains("error MG3005: Deployment ns/ctl has no container named sidecar; it has main", stderr);
    }

    [Fact]
    public void Applying_twice_adds_nothing()
    {
        using var tree = Repo();
        var input = "kind: Deployment\nmetadata:\n  name: ctl\nspec:\n  template:\n    spec:\n      containers:\n        - name: sidecar\n          args:\n            - --v=2\n";
        var once = CliRunner.RunWithStdin(Encoding.UTF8.GetBytes(input), "post-render", "--spec", tree.PathOf("tuning.yaml"), "--root", tree.Root).Stdout;
        var twice = CliRunner.RunWithStdin(once, "post-render", "--spec", tree.PathOf("tuning.yaml"), "--root", tree.Root).Stdout;
        Assert.Contains("- --kube-api-qps=50", Encoding.UTF8.GetString(once));
        Assert.Equal(once, twice);
    }
}

public class PostRenderPositionTests
{
    [Fact]
    public void Refusals_point_at_the_line_in_the_stream()
    {
        using var tree = new TempTree();
        tree.Write("app/kustomization.yaml", "resources: []\n");
        tree.Write("tuning.yaml", "apiVersion: manifestgen.io/v1alpha1\nkind: ClusterTuning\nmetadata: {name: t}\nspec:\n  workloads:\n    - name: ctl\n      target: {kind: Deployment, name: ctl}\n      delivery: kyverno\n      output: app/p.yaml\n      containers:\n        - names: [c]\n          flags: {--v: \"2\"}\n");
        // The container's args is an alias, which the tool never writes through (MG1102), in the second document.
        var input = "kind: ConfigMap\nmetadata:\n  name: x\n---\nkind: Deployment\nmetadata:\n  name: ctl\nspec:\n  template:\n    spec:\n      containers:\n        - name: c\n          args: *ref\n";
        var (code, _, stderr) = CliRunner.RunWithStdin(System.Text.Encoding.UTF8.GetBytes(input), "post-render", "--spec", tree.PathOf("tuning.yaml"), "--root", tree.Root);
        Assert.Equal(2, code);
        Assert.StartsWith("<stdin>:", stderr);
        Assert.StartsWith("<stdin>:13:17: error MG1102", stderr);
    }
}
