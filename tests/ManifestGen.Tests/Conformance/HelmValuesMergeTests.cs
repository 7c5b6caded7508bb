using ManifestGen.Components;
using ManifestGen.Composition;
using ManifestGen.Modules.Cilium;
using ManifestGen.Modules.Trident;
using ManifestGen.Tests.Snapshots;
using ManifestGen.Tests.Support;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Tests.Conformance;

/// <summary>
/// What Flux hands the chart, before and after generate: <c>kubectl kustomize</c> builds the app folder (the
/// configMapGenerator, its hash suffix and nameReference included), then the values are merged as
/// helm-controller merges them (each valuesFrom ConfigMap's key in order, spec.values last; maps merge key by
/// key, anything else is replaced). After generate the result must be the values before, with exactly the
/// spec's settings applied and the dead keys gone: wherever the tool wrote, the chart sees the spec.
/// </summary>
public class HelmValuesMergeTests
{
    [KubectlTheory]
    [InlineData("values-configmapgenerator", "kubernetes/apps/kube-system/cilium/app")]
    [InlineData("values-configmapgenerator-bare", "cilium")]
    [InlineData("values-configmap-block", "apps/cilium")]
    [InlineData("values-mixed-inline", "cilium")]
    [InlineData("trident-netapp-helmrepository", "trident")]
    public void The_chart_gets_the_spec_s_values_whatever_the_layout(string name, string appFolder)
    {
        using var tree = new TempTree(Path.Combine(GenerateSnapshotTests.CasesDir, name, "input"));
        var spec = SpecLoader.Load(tree.PathOf("tuning.yaml"), RepositoryRoot.For(tree.PathOf("tuning.yaml"), tree.Root)).Spec!;
        var before = FluxValues.Effective(tree.PathOf(appFolder));
        var result = CliRunner.Run(tree, "generate");
        Assert.True(result.ExitCode == 0, result.Stderr);
        var after = FluxValues.Effective(tree.PathOf(appFolder));

        var expected = Intended(spec).Aggregate(before, (values, edit) => edit.ApplyTo(values));
        // kustomize writes keys sorted: compare as data, where mapping order does not count.
        Assert.True(Newtonsoft.Json.Linq.JToken.DeepEquals(CrdSchema.ToJson(expected), CrdSchema.ToJson(after)), $"after generate the chart gets\n{YamlWriter.Document((YamlMap)after, EmitStyle.Default)}\nexpected\n{YamlWriter.Document((YamlMap)expected, EmitStyle.Default)}");
        Assert.False(before.DeepEquals(after));
    }

    /// <summary>The spec's settings as edits of the merged values (what, not where).</summary>
    private static IEnumerable<YamlEdit> Intended(ClusterTuningSpec spec)
    {
        var all = DocumentSelector.Only;
        if (spec.Tuning<CiliumTuning>() is { } cilium)
        {
            if (cilium.Conntrack is { } ct)
            {
                foreach (var dead in CiliumFacts.DeadKeys) yield return new DeleteKey(all, dead.ValuesPath);
                foreach (var entry in ct.Entries) yield return new SetScalar(all, entry.Setting.ValuesPath, entry.Scalar);
            }
            if (cilium.RollOutPods is { } roll) yield return new SetScalar(all, YamlPath.Keys("rollOutCiliumPods"), ScalarValue.Boolean(roll));
        }
        if (spec.Tuning<TridentTuning>()?.Orchestrator is { } orchestrator)
        {
            if (orchestrator.K8sApiQps is { } qps) yield return new SetScalar(all, YamlPath.Keys("k8sAPIQPS"), ScalarValue.Integer(qps));
            foreach (var c in orchestrator.Resources ?? [])
            {
                foreach (var (k, v) in c.Resources.Requests) yield return new SetScalar(all, YamlPath.Keys("resources", "controller", c.Container, "requests", k), ScalarValue.String(v));
                foreach (var (k, v) in c.Resources.Limits) yield return new SetScalar(all, YamlPath.Keys("resources", "controller", c.Container, "limits", k), ScalarValue.String(v));
            }
        }
    }

}
