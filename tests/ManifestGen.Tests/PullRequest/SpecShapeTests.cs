using ManifestGen.Composition;
using ManifestGen.Tests.Support;
using ManifestGen.Workspace;
using ManifestGen.Yaml;
using NJsonSchema;
using Newtonsoft.Json.Linq;

namespace ManifestGen.Tests.PullRequest;

/// <summary>
/// The spec's shape lives in two places: the reader (SpecLoader and WorkloadSpecReader) and
/// docs/tuning.schema.json, which editors and CI use. This walks every key path of the schema over a
/// spec that sets every key, and at each one asks both the same questions: is it accepted without the
/// key, with a value of another type, with a value outside its enum,
/// at and past each numeric bound, with strings that miss or bend its pattern, and with an unknown key beside it?
/// Any answer on which the two differ (a name, a type, an enum, a required key) fails the test.
/// </summary>
public class SpecShapeTests
{
    private const string FullSpec = """
        apiVersion: manifestgen.io/v1alpha1
        kind: ClusterTuning
        metadata: {name: full}
        spec:
          cilium:
            helmRelease: hr.yaml
            values: values.yaml
            conntrack: {tcpTimeout: 6h, tcpSynTimeout: 60s, tcpFinTimeout: 10s, anyTimeout: 1m, serviceTcpTimeout: 6h,
                        serviceTcpGrace: 60s, serviceAnyTimeout: 1m, tcpMax: 524288, anyMax: 262144, gcInterval: 5m, gcMaxInterval: 30m}
            rollOutPods: true
          trident:
            backend: {file: backend.yaml, name: b, limitVolumeSize: 10Ti}
            orchestrator:
              helmRelease: hr.yaml
              values: values.yaml
              build: netapp
              k8sAPIQPS: 50
              resources:
                trident-main: {requests: {cpu: 50m}, limits: {memory: 256Mi}}
                csi-provisioner: {requests: {cpu: 10m}, limits: {cpu: 20m}}
                csi-attacher: {requests: {cpu: 10m}, limits: {cpu: 20m}}
                csi-resizer: {requests: {cpu: 10m}, limits: {cpu: 20m}}
                csi-snapshotter: {requests: {cpu: 10m}, limits: {cpu: 20m}}
                trident-autosupport: {requests: {cpu: 10m}, limits: {cpu: 20m}}
          workloads:
            - name: by-kyverno
              target: {kind: Deployment, namespace: trident, name: trident-controller}
              delivery: kyverno
              output: policy.yaml
              observed: observed.yaml
              containers:
                - names: [csi-attacher]
                  flags: {--kube-api-qps: "50"}
                  resources: {requests: {cpu: 50m}, limits: {cpu: 100m}}
            - name: by-post-renderer
              target: {kind: Deployment, namespace: a, name: app-x}
              delivery: postRenderer
              helmRelease: hr.yaml
              observed: observed.yaml
              containers:
                - names: [app]
                  flags: {--v: "2"}
                  resources: {requests: {cpu: 1m}, limits: {cpu: 2m}}
            - name: by-kustomization
              target: {kind: Deployment, namespace: a, name: app-y}
              delivery: kustomization
              kustomization: app
              output: app/patch.yaml
              containers:
                - names: [app]
                  flags: {--w: "1"}
                  resources: {requests: {memory: 1Gi}, limits: {memory: 1Gi}}
        """;

    [Fact]
    public async Task The_reader_and_the_schema_agree_on_every_key_path()
    {
        using var tree = new TempTree();
        foreach (var file in new[] { "hr.yaml", "values.yaml", "backend.yaml", "observed.yaml", "app/kustomization.yaml" })
            tree.Write(file, "a: 1\n");
        var schema = await JsonSchema.FromJsonAsync(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "docs", "tuning.schema.json")));
        var full = CrdSchema.ToJson(YamlValue.Parse(FullSpec));

        bool SchemaAccepts(JToken spec) => schema.Validate(spec).Count == 0;
        bool ReaderAccepts(JToken spec)
        {
            tree.Write("tuning.yaml", spec.ToString());
            var (loaded, diagnostics) = SpecLoader.Load(tree.PathOf("tuning.yaml"), RepositoryRoot.For(tree.PathOf("tuning.yaml"), tree.Root));
            return loaded is not null && diagnostics.All(d => d.Severity != Severity.Error);
        }

        Assert.True(SchemaAccepts(full), "the schema rejects the full spec: " + string.Join("; ", CrdSchema.Flatten(schema.Validate(full))));
        Assert.True(ReaderAccepts(full), "the reader rejects the full spec");

        var disagreements = new List<string>();
        var checkedPaths = 0;
        foreach (var (path, mutated) in Mutations(schema, full, full, ""))
        {
            checkedPaths++;
            var (bySchema, byReader) = (SchemaAccepts(mutated), ReaderAccepts(mutated));
            if (bySchema != byReader)
                disagreements.Add($"{path}: the schema {(bySchema ? "accepts" : "rejects")} it, the reader {(byReader ? "accepts" : "rejects")} it");
        }
        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
        Assert.True(checkedPaths > 150, $"only {checkedPaths} mutations were checked");
    }

    /// <summary>
    /// Every mutation of <paramref name="root"/> at and below <paramref name="node"/>, named by path. Properties the
    /// schema declares must all be present in the full spec, so that each is asked about.
    /// </summary>
    private static IEnumerable<(string Path, JToken Spec)> Mutations(JsonSchema schemaNode, JToken node, JToken root, string path, bool checkCoverage = true)
    {
        var schema = schemaNode.HasReference ? schemaNode.Reference! : schemaNode;
        if (node is JObject obj)
        {
            yield return ($"{path}.zzUnknown (added)", With(root, node, n => ((JObject)n)["zzUnknown"] = 1));
            var properties = schema.Properties.ToDictionary(p => p.Key, p => (JsonSchema)p.Value);
            if (checkCoverage)
                foreach (var name in properties.Keys)
                    Assert.True(obj.ContainsKey(name), $"the full spec lacks {path}.{name}, which the schema declares: add it to FullSpec");
            foreach (var (key, value) in obj)
            {
                var child = properties.GetValueOrDefault(key)
                            ?? schema.PatternProperties.FirstOrDefault(p => System.Text.RegularExpressions.Regex.IsMatch(key, p.Key)).Value
                            ?? schema.AdditionalPropertiesSchema;
                Assert.True(child is not null, $"{path}.{key} is in the full spec but not in the schema");
                var childPath = $"{path}.{key}";
                yield return ($"{childPath} (removed)", With(root, node, n => ((JObject)n).Remove(key)));
                yield return ($"{childPath} (another type)", With(root, value!, n => n.Replace(OtherType(n))));
                if (child!.Enumeration.Count > 0 || child.IsEnumeration)
                    yield return ($"{childPath} (outside the enum)", With(root, value!, n => n.Replace(new JValue("zz-not-an-option"))));
                foreach (var m in Bounds(child, value!, root, childPath)) yield return m;
                foreach (var m in Mutations(child, value!, root, childPath)) yield return m;
            }
        }
        else if (node is JArray array && schema.Item is { } items)
        {
            // Items differ by design (one workload per delivery): together they must set every key.
            var itemSchema = items.HasReference ? items.Reference! : items;
            foreach (var name in itemSchema.Properties.Keys)
                Assert.True(array.OfType<JObject>().Any(o => o.ContainsKey(name)) || array.All(i => i is not JObject),
                    $"no item of {path} sets {name}, which the schema declares: add it to FullSpec");
            for (var i = 0; i < array.Count; i++)
                foreach (var m in Mutations(items, array[i], root, $"{path}[{i}]", checkCoverage: array[i] is not JObject)) yield return m;
        }
    }

    /// <summary>
    /// A number at and just past each bound, and strings that miss the pattern or match it in another form (a leading
    /// zero): the reader must draw the same lines as the schema (a duration, a quantity, a volume size, a name). The
    /// probes keep the value's size, so that rules the schema cannot state (a request above its limit) stay quiet.
    /// </summary>
    private static IEnumerable<(string Path, JToken Spec)> Bounds(JsonSchema schemaNode, JToken value, JToken root, string path)
    {
        var schema = schemaNode.HasReference ? schemaNode.Reference! : schemaNode;
        if (schema.Minimum is { } min)
        {
            yield return ($"{path} (the minimum {min})", With(root, value, n => n.Replace(new JValue((long)min))));
            yield return ($"{path} (below the minimum {min})", With(root, value, n => n.Replace(new JValue((long)min - 1))));
        }
        if (schema.Maximum is { } max)
        {
            yield return ($"{path} (the maximum {max})", With(root, value, n => n.Replace(new JValue((long)max))));
            yield return ($"{path} (above the maximum {max})", With(root, value, n => n.Replace(new JValue((long)max + 1))));
        }
        if (schema.Pattern is { } pattern && value.Type == JTokenType.String)
        {
            var text = value.Value<string>()!;
            foreach (var probe in new[] { "", " " + text, text + " ", text + "x", "x" + text, "+" + text, "0" + text, "-" + text })
                if (probe != text)
                    yield return ($"{path} (\"{probe}\" against /{pattern}/)", With(root, value, n => n.Replace(new JValue(probe))));
        }
    }

    /// <summary>A copy of the spec with <paramref name="change"/> applied to the copy of <paramref name="at"/>.</summary>
    private static JToken With(JToken root, JToken at, Action<JToken> change)
    {
        var copy = root.DeepClone();
        var target = at.Path.Length == 0 ? copy : copy.SelectToken(at.Path)!;
        change(target);
        return copy;
    }

    private static JToken OtherType(JToken value) => value.Type switch
    {
        JTokenType.Object or JTokenType.Array or JTokenType.Integer or JTokenType.Boolean => new JValue("zz-a-string"),
        _ => new JObject { ["zz"] = 1 },
    };
}
