using ManifestGen.Charts;
using ManifestGen.Charts.Analysis;

namespace ManifestGen.Tests.Charts;

/// <summary>
/// One chart release's value tree: the keys of values.yaml (with their defaults), the keys it shows commented out, the
/// schema (its references followed inside the chart, to a dependency a URL names, and nowhere else), and what the
/// templates read, each place's kind decided from all of them.
/// </summary>
public class ChartAnalyzerTests
{
    internal static ValueTree Tree(Dictionary<string, string> files, string name = "demo") =>
        ChartAnalyzer.Analyze(ChartFiles.ReadArchive(ChartArchive.Pack(name, files), $"{name}.tgz")).Tree;

    private static ValueTree Build(string values, string template, string? schema = null)
    {
        var files = ChartArchive.Minimal("demo", "1.0.0", values, template);
        if (schema is not null) files["values.schema.json"] = schema;
        return Tree(files);
    }

    internal static bool Reads(ValueTree tree, string path) => tree.Check(path.Split('.')).IsRead;

    [Fact]
    public void Keys_of_values_yaml_with_their_defaults_and_nothing_else()
    {
        var tree = Build("bpf:\n  ctTcpMax: 524288\n  masquerade: false\nrollOutPods: false\n", "{{ .Values.bpf.ctTcpMax }}");
        Assert.True(Reads(tree, "bpf.ctTcpMax"));
        Assert.Equal("524288", tree.Check(["bpf", "ctTcpMax"]).Default);
        Assert.False(Reads(tree, "bpf.ctTcpTimeout"));
        Assert.Equal(1, tree.Check(["bpf", "ctTcpTimeout", "x"]).UnknownAt); // the first key nothing reads, not a key below it
        Assert.False(Reads(tree, "cgroup"));
        Assert.True(Reads(tree, "rollOutPods.anything")); // a scalar default is taken as written
    }

    [Fact]
    public void Keys_values_yaml_shows_commented_out_are_read_by_indentation()
    {
        var tree = Build("""
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
            controllers: {}
            #   main:
            #     enabled: true
            """, "{{ range $n, $c := .Values.controllers }}{{ $c.replicas }}{{ end }}");
        Assert.True(Reads(tree, "bpf.ctTcpMax"));
        Assert.True(Reads(tree, "upgradeCompatibility"));
        Assert.False(Reads(tree, "Ref"));           // prose, not a key
        Assert.False(Reads(tree, "hostPath"));      // below a list, not at the top
        Assert.False(Reads(tree, "nodeinit.Example"));
        Assert.True(Reads(tree, "nodeinit.enabled"));
        // Below {} a commented example adds nothing: controllers is a map of user-chosen names, checked below each.
        Assert.True(Reads(tree, "controllers.main.replicas"));
        Assert.False(Reads(tree, "controllers.main.enabled"));
    }

    [Fact]
    public void A_map_a_template_ranges_over_is_checked_below_each_name_even_where_its_default_is_empty()
    {
        var tree = Build("persistence: {}\nextraConfig: {}\n", """
            {{- range $name, $p := .Values.persistence }}{{ $p.size }}{{ range $p.globalMounts }}{{ .path }}{{ end }}{{ end }}
            {{- range $key, $value := .Values.extraConfig }}{{ $key }}: {{ $value | quote }}{{ end }}
            """);
        Assert.True(Reads(tree, "persistence.config.size"));
        Assert.False(Reads(tree, "persistence.config.globalMountt"));
        Assert.True(Reads(tree, "extraConfig.bpf-ct-timeout-regular-tcp")); // each item printed whole
        Assert.True(Reads(tree, "extraConfig.a.b"));
    }

    [Fact]
    public void Free_maps_accept_any_key_below_them_and_leaves_anything()
    {
        var tree = Build("""
            extraArgs: {}
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
        Assert.True(Reads(tree, "extraArgs.anything"));
        Assert.True(Reads(tree, "nodeSelector.kubernetes.io/role"));
        Assert.True(Reads(tree, "resources.limits.memory"));
        Assert.True(Reads(tree, "operator.podSecurityContext.fsGroup"));
        Assert.True(Reads(tree, "tolerations.anything"));   // a list is a leaf
        Assert.True(Reads(tree, "tag.below"));              // so is a null default
        Assert.True(Reads(tree, "metrics.anything"));       // a schema object without properties
        Assert.True(Reads(tree, "server.port"));
        Assert.False(Reads(tree, "server.host"));
        Assert.False(Reads(tree, "controllerResources.csi-attacher")); // not Kubernetes-shaped: closed
    }

    [Fact]
    public void A_place_the_templates_only_test_has_no_keys_below_it()
    {
        var tree = Build("", "{{ if .Values.tunnel }}{{ .Values.image.repository }}{{ end }}{{ toYaml .Values.labels }}");
        Assert.True(Reads(tree, "tunnel"));
        Assert.False(Reads(tree, "tunnel.mode"));
        Assert.True(Reads(tree, "image.repository"));
        Assert.False(Reads(tree, "image.tagg"));
        Assert.True(Reads(tree, "labels.any.depth"));
    }

    [Fact]
    public void Schema_references_inside_the_document_and_to_files_of_the_chart_are_followed()
    {
        var files = ChartArchive.Minimal("demo", "1.0.0", "", "{{ .Values.meta.x }}{{ .Values.open.x }}");
        files["values.schema.json"] = """
            {"$schema": "http://json-schema.org/draft-07/schema",
             "properties": {
               "server": {"$ref": "#/definitions/server"},
               "items": {"type": "object", "additionalProperties": {"$ref": "schemas/item.json#/item"}},
               "remote": {"$ref": "https://example.invalid/schema.json"},
               "missing": {"$ref": "schemas/missing.json"},
               "meta": {"type": "object", "$ref": "schemas/missing.json#/labels"},
               "open": {"type": "object"},
               "free": {"type": "object"}
             },
             "definitions": {"server": {"type": "object", "additionalProperties": false, "properties": {"port": {"type": "integer"}, "host": {"type": "string"}}}}}
            """;
        files["schemas/item.json"] = """{"item": {"type": "object", "additionalProperties": false, "properties": {"size": {"type": "string"}, "mounts": {"type": "array"}}}}""";
        var tree = Tree(files);
        Assert.True(Reads(tree, "server.port"));
        Assert.Equal(["host", "port"], tree.Root.Children["server"].Allowed!.Names.Order().ToArray());
        Assert.True(Reads(tree, "items.cache.size"));
        Assert.False(Reads(tree, "items.cache.sizee"));
        Assert.NotNull(tree.Root.Children["items"].Each!.Allowed);
        // An unknown reference (a URL, a file the chart lacks) says nothing: the property is what it would be without it,
        // a key the schema names and nothing else about (what it holds is taken as written).
        Assert.Equal(ValueKind.Leaf, tree.Root.Children["remote"].Kind);
        // Draft 7: "type: object" beside an unknown $ref says nothing, so the templates decide. Alone, it says Helm takes
        // any key there, not that a template reads it: where the templates read keys below (open.x), they decide; where
        // they read nothing below (free), the object is free.
        Assert.False(Reads(tree, "meta.y"));
        Assert.True(Reads(tree, "open.x"));
        Assert.False(Reads(tree, "open.y"));
        Assert.True(Reads(tree, "free.y"));
        Assert.Null(tree.Root.Children["missing"].Allowed);
    }

    [Fact]
    public void A_refusal_is_claimed_only_where_the_validator_must_refuse()
    {
        var files = ChartArchive.Minimal("demo", "1.0.0", "", "");
        files["values.schema.json"] = """
            {"properties": {
               "strict": {"type": "object", "additionalProperties": false, "properties": {"a": {}}},
               "either": {"anyOf": [{"type": "object", "additionalProperties": false, "properties": {"a": {}}}, {"type": "string"}]},
               "patterned": {"type": "object", "additionalProperties": false, "patternProperties": {"^x-": {}}},
               "open": {"type": "object", "properties": {"a": {}}}
             }}
            """;
        var tree = Tree(files);
        Assert.False(tree.Root.Children["strict"].Allowed!.Allows("b"));
        Assert.True(tree.Root.Children["strict"].Allowed!.Allows("a"));
        Assert.Null(tree.Root.Children["either"].Allowed);      // another branch may take it
        Assert.True(tree.Root.Children["patterned"].Allowed!.Allows("x-one"));
        Assert.False(tree.Root.Children["patterned"].Allowed!.Allows("y"));
        Assert.Null(tree.Root.Children["open"].Allowed);
    }

    [Fact]
    public void Beside_a_reference_a_draft_7_schema_refuses_nothing_a_2020_12_schema_does()
    {
        string Schema(string draft) =>
            "{\"$schema\": \"" + draft + "\", \"properties\": {\"x\": {\"$ref\": \"#/$defs/x\", \"additionalProperties\": false, \"properties\": {\"a\": {}}}}, \"$defs\": {\"x\": {\"type\": \"object\"}}}";
        var files = ChartArchive.Minimal("demo", "1.0.0", "", "");
        files["values.schema.json"] = Schema("http://json-schema.org/draft-07/schema#");
        Assert.Null(Tree(files).Root.Children["x"].Allowed);
        files["values.schema.json"] = Schema("https://json-schema.org/draft/2020-12/schema");
        Assert.NotNull(Tree(files).Root.Children["x"].Allowed);
    }

    [Fact]
    public void A_template_that_does_not_parse_leaves_every_value_unchecked_with_a_note()
    {
        var tree = Build("a: 1\n", "{{ if .Values.a }}never closed");
        Assert.True(Reads(tree, "anything.at.all"));
        Assert.Contains(tree.Notes, n => n.Contains("does not parse", StringComparison.Ordinal));
    }
}
