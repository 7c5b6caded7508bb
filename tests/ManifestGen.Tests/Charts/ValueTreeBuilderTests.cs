using ManifestGen.Charts;

namespace ManifestGen.Tests.Charts;

/// <summary>
/// What a chart version reads, built from the chart itself: the keys of values.yaml, the keys it only shows commented
/// out, the objects of values.schema.json, and the templates' reads; free maps accept any key below them.
/// </summary>
public class ValueTreeBuilderTests
{
    private static (ChartValues Values, int Release) Build(string values, string template, string? schema = null)
    {
        var files = ChartArchive.Minimal("demo", "1.0.0", values, template);
        if (schema is not null) files["values.schema.json"] = schema;
        var chart = ChartFiles.ReadArchive(ChartArchive.Pack("demo", files), "demo-1.0.0.tgz");
        var (info, tree) = ValueTreeBuilder.Build(chart);
        var data = new ChartValues(info.Name);
        return (data, data.Add(new ChartRelease(info.Version, info.Version, info.AppVersion, "demo-1.0.0.tgz"), tree));
    }

    private static bool Reads((ChartValues Values, int Release) chart, string path) =>
        chart.Values.Check(chart.Release, path.Split('.')).IsRead;

    [Fact]
    public void Keys_of_values_yaml_with_their_defaults_and_nothing_else()
    {
        var chart = Build("bpf:\n  ctTcpMax: 524288\n  masquerade: false\nrollOutPods: false\n", "{{ .Values.bpf.ctTcpMax }}");
        Assert.True(Reads(chart, "bpf.ctTcpMax"));
        Assert.Equal("524288", chart.Values.Check(chart.Release, ["bpf", "ctTcpMax"]).Default);
        Assert.False(Reads(chart, "bpf.ctTcpTimeout"));
        var answer = chart.Values.Check(chart.Release, ["bpf", "ctTcpTimeout", "x"]);
        Assert.Equal(1, answer.UnknownAt); // the first key nothing reads, not a key below it
        Assert.False(Reads(chart, "cgroup"));
    }

    [Fact]
    public void Keys_values_yaml_shows_commented_out_are_read_by_indentation()
    {
        var chart = Build("""
            bpf:
              # -- Maximum entries of the TCP table.
              # @default -- `524288`
              # ctTcpMax: 524288
              masquerade: false
            # Ref: https://example.invalid/docs
            # upgradeCompatibility: '1.8'
            extraVolumes: []
            #   - name: data
            #     hostPath: /mnt/data
            nodeinit:
              # Example:
              #   enabled: true
              enabled: false
            """, "");
        Assert.True(Reads(chart, "bpf.ctTcpMax"));
        Assert.True(Reads(chart, "upgradeCompatibility"));
        Assert.False(Reads(chart, "Ref"));           // prose, not a key
        Assert.False(Reads(chart, "hostPath"));      // below a list, not at the top
        Assert.False(Reads(chart, "nodeinit.Example"));
        Assert.True(Reads(chart, "nodeinit.enabled"));
    }

    [Fact]
    public void Template_reads_through_variables_with_range_index_and_helpers()
    {
        var chart = Build("socketLB:\n  enabled: false\nhubble:\n  relay:\n    enabled: false\n", """
            {{- $socketLB := .Values.socketLB }}
            {{- if $socketLB.hostNamespaceOnly }}x{{ end }}
            {{- with .Values.hubble.relay }}{{ .dialTimeout }}{{ end }}
            {{- if hasKey .Values "policyAuditMode" }}{{ index .Values "loadBalancer" "algorithm" }}{{ end }}
            {{- range $k, $v := .Values.extraLabels }}{{ $k }}{{ end }}
            {{- toYaml .Values.podAnnotations | nindent 4 }}
            {{- include "demo.image" (dict "root" $ "image" .Values.image) }}
            {{- $root := . }}{{ $root.Values.cluster.name | default "x" | quote }}
            {{- /* {{ .Values.commented.out }} */ -}}
            {{- printf "%s" ".Values.inString" }}
            """);
        Assert.True(Reads(chart, "socketLB.hostNamespaceOnly"));
        Assert.True(Reads(chart, "hubble.relay.dialTimeout"));
        Assert.True(Reads(chart, "policyAuditMode"));
        Assert.True(Reads(chart, "loadBalancer.algorithm"));
        Assert.False(Reads(chart, "loadBalancer.mode"));
        Assert.True(Reads(chart, "extraLabels.anything"));     // ranged over: every key is read
        Assert.True(Reads(chart, "podAnnotations.a.b"));       // handed whole to toYaml
        Assert.True(Reads(chart, "image.repository"));         // handed whole to a helper
        Assert.True(Reads(chart, "cluster.name"));
        Assert.False(Reads(chart, "cluster.id"));
        Assert.False(Reads(chart, "commented"));
        Assert.False(Reads(chart, "inString"));
    }

    [Fact]
    public void Free_maps_accept_any_key_below_them_and_leaves_anything()
    {
        var chart = Build("""
            extraConfig: {}
            nodeSelector:
              kubernetes.io/os: linux
            resources:
              requests:
                cpu: 100m
            controllerResources:
              trident-main: {}
            operator:
              podSecurityContext:
                runAsUser: 0
            tolerations:
              - operator: Exists
            tag: null
            """, "", """
            {"type": "object", "properties": {"metrics": {"type": ["null", "object"]}, "server": {"type": "object", "properties": {"port": {"type": "integer"}}}}}
            """);
        Assert.True(Reads(chart, "extraConfig.bpf-ct-timeout-regular-tcp"));
        Assert.True(Reads(chart, "nodeSelector.kubernetes.io/role"));
        Assert.True(Reads(chart, "resources.limits.memory"));
        Assert.True(Reads(chart, "operator.podSecurityContext.fsGroup"));
        Assert.True(Reads(chart, "tolerations.anything"));   // a list is a leaf
        Assert.True(Reads(chart, "tag.below"));              // so is a null default
        Assert.True(Reads(chart, "metrics.anything"));       // a schema object without properties
        Assert.True(Reads(chart, "server.port"));
        Assert.False(Reads(chart, "server.host"));
        Assert.False(Reads(chart, "controllerResources.csi-attacher")); // not Kubernetes-shaped: closed
    }
}
