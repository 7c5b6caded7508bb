using ManifestGen.Charts;
using ManifestGen.Charts.Analysis;
using ManifestGen.Charts.GoTemplates;

namespace ManifestGen.Tests.Charts;

/// <summary>
/// The template analysis, construct by construct: each row is a template (and its helpers), the places it must read,
/// the subtrees it must read whole, and what it must not read or read whole. Paths are keys below <c>.Values</c>;
/// <c>*</c> is any key of a map of user-chosen names. The second half of each row is what keeps the analysis exact:
/// a read it makes up hides a finding, a whole read it makes up hides every finding below it.
/// </summary>
public class TemplateAnalysisTests
{
    public sealed record Row(string Name, string Template, string[] Reads, string[] Wholes, string[] NotRead, string[] NotWhole, string Helpers = "")
    {
        public override string ToString() => Name;
    }

    private static Row R(string name, string template, string[]? reads = null, string[]? wholes = null, string[]? notRead = null,
        string[]? notWhole = null, string helpers = "") => new(name, template, reads ?? [], wholes ?? [], notRead ?? [], notWhole ?? [], helpers);

    public static TheoryData<Row> Rows() =>
    [
        R("a field chain reads each place on the way, and nothing beside it",
            "{{ if .Values.a.b.c }}x{{ end }}", reads: ["a", "a.b", "a.b.c"], notRead: ["a.d", "b"], notWhole: ["a.b.c"]),
        R("printing a value reads it whole",
            "port: {{ .Values.service.port }}", wholes: ["service.port"], notWhole: ["service"]),
        R("a variable holds what it was given",
            "{{- $s := .Values.socketLB }}{{ if $s.hostNamespaceOnly }}x{{ end }}", reads: ["socketLB.hostNamespaceOnly"], notWhole: ["socketLB"]),
        R("an assignment (=) adds to what a variable may hold",
            "{{- $x := .Values.a }}{{ if .Values.flag }}{{ $x = .Values.b }}{{ end }}{{ if $x.c }}y{{ end }}", reads: ["a.c", "b.c"]),
        R("with makes dot the value; else with tries the next",
            "{{ with .Values.relay }}{{ .dialTimeout }}{{ else with .Values.fallback }}{{ .timeout }}{{ else }}{{ .Values.other }}{{ end }}",
            wholes: ["relay.dialTimeout", "fallback.timeout", "other"], notRead: ["relay.timeout"]),
        R("range over a map of the values: every key is a user-chosen name, each item's reads apply to all",
            "{{ range $name, $c := .Values.controllers }}{{ if $c.enabled }}{{ $c.image.tag }}{{ end }}{{ end }}",
            reads: ["controllers", "controllers.*.enabled", "controllers.*.image.tag"], wholes: ["controllers.*.image.tag"], notWhole: ["controllers", "controllers.*"]),
        R("range without variables makes dot the item",
            "{{ range .Values.hosts }}{{ .host }}{{ end }}", wholes: ["hosts.*.host"], notWhole: ["hosts.*"]),
        R("a named template runs with its argument as dot and $",
            "{{ include \"x.image\" .Values.image }}",
            wholes: ["image.repository", "image.tag"], notRead: ["image.pullPolicy"], notWhole: ["image"],
            helpers: "{{ define \"x.image\" }}{{ .repository }}:{{ $.tag }}{{ end }}"),
        R("a dict handed to a named template: its keys carry their values, the root context among them",
            "{{ include \"x.pod\" (dict \"rootContext\" $ \"object\" .Values.controller) }}",
            reads: ["controller.pod.replicas", "global.name"], wholes: ["controller.pod.replicas"], notWhole: ["controller", "controller.pod"],
            helpers: "{{ define \"x.pod\" }}{{ .object.pod.replicas }}{{ if .rootContext.Values.global.name }}n{{ end }}{{ end }}"),
        R("template and block call a named template the same way",
            "{{ template \"x.t\" .Values.a }}{{ block \"x.b\" .Values.b }}{{ .inner }}{{ end }}",
            wholes: ["a.field", "b.inner"], notWhole: ["a", "b"], helpers: "{{ define \"x.t\" }}{{ .field }}{{ end }}"),
        R("a list argument keeps its positions",
            "{{ include \"x.pick\" (list $ .Values.first .Values.second) }}",
            wholes: ["second"], notWhole: ["first", "", "second.x"],
            helpers: "{{ define \"x.pick\" }}{{ $ctx := index . 0 }}{{ $a := index . 1 }}{{ if $a }}{{ index . 2 }}{{ end }}{{ end }}"),
        R("(expr).field",
            "{{ (.Values.a).b }}{{ (include \"x.obj\" . | fromYaml).c }}", wholes: ["a.b", "obj.c"], notWhole: ["a", "obj"],
            helpers: "{{ define \"x.obj\" }}{{ toYaml .Values.obj }}{{ end }}"),
        R("get, index, dig and hasKey with literal keys",
            "{{ get .Values.a \"x\" }}{{ index .Values.b \"y\" \"z\" }}{{ dig \"c1\" \"c2\" \"none\" .Values.c }}{{ if hasKey .Values.d \"k\" }}h{{ end }}",
            reads: ["d.k"], wholes: ["a.x", "b.y.z", "c.c1.c2"], notRead: ["a.y"], notWhole: ["a", "b", "c", "d", "d.k"]),
        R("a key computed at render time reads some key: every key's reads apply",
            "{{ range $k := .Values.order }}{{ (get $.Values.m $k).port }}{{ end }}", wholes: ["m.*.port"], notWhole: ["m", "m.*"]),
        R("toYaml in a named template, fromYaml of its output: the values come back",
            "{{- $o := include \"x.obj\" . | fromYaml }}{{ $o.spec.replicas }}", wholes: ["obj.spec.replicas"], notWhole: ["obj", "obj.spec"],
            helpers: "{{ define \"x.obj\" }}{{ $v := .Values.obj }}{{ $v | toYaml }}{{ end }}"),
        R("toYaml at the top of a template reads the subtree whole",
            "annotations: {{ toYaml .Values.podAnnotations | nindent 4 }}", wholes: ["podAnnotations"]),
        R("merge, mergeOverwrite, deepCopy, default: the result reads what its inputs read",
            "{{- $p := mergeOverwrite (deepCopy .Values.defaults) (default dict .Values.pod) }}{{ $p.replicas }}",
            wholes: ["defaults.replicas", "pod.replicas"], notWhole: ["defaults", "pod"]),
        R("omit leaves out its keys; pick keeps only its keys",
            "{{- $a := omit .Values.a \"skip\" }}{{ $a.skip }}{{ $a.keep }}{{- $b := pick .Values.b \"only\" }}{{ toYaml $b }}",
            wholes: ["a.keep", "b.only"], notRead: ["a.skip"], notWhole: ["b"]),
        R("merging into .Values is a write: the root is not read whole, and later reads read what was merged in",
            "{{- $_ := mergeOverwrite .Values (include \"x.defaults\" . | fromYaml) }}{{ .Values.name }}",
            wholes: ["name", "defaults.name"], notWhole: [""],
            helpers: "{{ define \"x.defaults\" }}{{ toYaml .Values.defaults }}{{ end }}"),
        R("a library's init: set . \"Values\" to the library's defaults merged with the user's values",
            "{{- include \"lib.init\" . }}{{ .Values.controllers.main.replicas }}",
            reads: ["common", "controllers.main.replicas", "common.controllers.main.replicas"], notRead: ["common.common", "controllers.main.other"],
            notWhole: ["", "common", "controllers"],
            helpers: """
                {{- define "lib.init" -}}
                  {{- if .Values.common -}}
                    {{- $defaults := deepCopy .Values.common -}}
                    {{- $user := deepCopy (omit .Values "common") -}}
                    {{- $merged := mustMergeOverwrite $defaults $user -}}
                    {{- $_ := set . "Values" (deepCopy $merged) -}}
                  {{- end -}}
                {{- end -}}
                """),
        R("set under a range's key, then read at one key: the value at that key (defaults applied key by key)",
            """
            {{- $c := deepCopy .Values.container }}
            {{- range $key, $default := .Values.defaults }}
              {{- $mine := dig $key nil $c }}
              {{- if not (empty $mine) }}{{ $_ := set $c $key $mine }}{{ else }}{{ $_ := set $c $key $default }}{{ end }}
            {{- end }}
            {{- printf "%s" $c.name }}
            """,
            wholes: ["container.name", "defaults.name"], notWhole: ["container.*", "defaults.*", "container"]),
        R("tpl reads the template text whole",
            "{{ tpl .Values.template $ }}{{ tpl (toYaml .Values.config) . }}", wholes: ["template", "config"], notWhole: [""]),
        R("a helper whose name is computed reads its argument whole",
            "{{ include (printf \"x.%s\" .Values.kind) .Values.spec }}", wholes: ["kind", "spec"]),
        R("a template file included by its path (a checksum of a ConfigMap) reads what that file reads",
            "checksum: {{ include (print $.Template.BasePath \"/configmap.yaml\") . | sha256sum }}",
            wholes: ["config.data"], notWhole: [""]),
        R("an unknown function reads its arguments whole",
            "{{ someFunction .Values.a }}", wholes: ["a"]),
        R("comparisons, tests and counts read nothing below",
            "{{ if and (eq .Values.mode \"x\") (not (empty .Values.list)) (kindIs \"map\" .Values.m) (gt (len .Values.n) 0) }}y{{ end }}",
            reads: ["mode", "list", "m", "n"], notWhole: ["mode", "list", "m", "n"]),
        R("comments and strings are not reads",
            "{{/* {{ .Values.commented }} */}}{{- printf \"%s\" \".Values.inString\" -}}{{ `.Values.raw` }}",
            notRead: ["commented", "inString", "raw"]),
        R(".Values.AsMap is the values",
            "{{ if dig \"encryption\" \"keyFile\" \"\" .Values.AsMap }}x{{ end }}", reads: ["encryption.keyFile"], notRead: ["AsMap"]),
        R("define bodies run only when called",
            "{{ include \"x.used\" . }}", wholes: ["used"], notRead: ["unused"],
            helpers: "{{ define \"x.used\" }}{{ .Values.used }}{{ end }}{{ define \"x.unused\" }}{{ .Values.unused }}{{ end }}"),
        R("a recursive named template ends",
            "{{ include \"x.walk\" (dict \"node\" .Values.tree \"depth\" 0) }}", reads: ["tree.name", "tree.children"],
            helpers: "{{ define \"x.walk\" }}{{ .node.name }}{{ range .node.children }}{{ include \"x.walk\" (dict \"node\" . \"depth\" 1) }}{{ end }}{{ end }}"),
    ];

    private static (HashSet<string> Reads, HashSet<string> Wholes) Analyze(Row row)
    {
        var site = 0;
        var main = TemplateParser.Parse("templates/main.yaml", row.Template, ref site);
        var helpers = TemplateParser.Parse("templates/_helpers.tpl", row.Helpers, ref site);
        var configmap = TemplateParser.Parse("templates/configmap.yaml", "data: {{ .Values.config.data }}", ref site);
        var defines = main.Defines.Concat(helpers.Defines).ToDictionary(d => d.Name, StringComparer.Ordinal);
        defines["demo/templates/configmap.yaml"] = new NamedTemplate("demo/templates/configmap.yaml", "templates/configmap.yaml", configmap.Body);
        var result = ValueFlow.Analyze([new TemplateScope([], -1, [main], "demo/templates")], defines);
        Assert.Null(result.GaveUp);
        static string Text(string[] path) => string.Join('.', path.Select(k => k == ValueTree.Each ? "*" : k));
        return (result.Reads.Select(Text).ToHashSet(), result.Wholes.Select(Text).ToHashSet());
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Each_construct_reads_what_it_must_and_nothing_else(Row row)
    {
        var (reads, wholes) = Analyze(row);
        foreach (var path in row.Reads) Assert.True(reads.Contains(path) || wholes.Contains(path), $"{row.Name}: {path} is not read; reads: {string.Join(", ", reads.Order())}");
        foreach (var path in row.Wholes) Assert.True(wholes.Contains(path), $"{row.Name}: {path} is not read whole; whole: {string.Join(", ", wholes.Order())}");
        foreach (var path in row.NotRead) Assert.False(reads.Contains(path) || wholes.Contains(path), $"{row.Name}: {path} is read");
        foreach (var path in row.NotWhole) Assert.False(wholes.Contains(path), $"{row.Name}: {path} is read whole");
    }

    [Fact]
    public void A_template_that_does_not_parse_is_a_syntax_error_and_nesting_is_bounded()
    {
        var site = 0;
        Assert.Throws<TemplateSyntaxException>(() => TemplateParser.Parse("t", "{{ if .Values.a }}never closed", ref site));
        Assert.Throws<TemplateSyntaxException>(() => TemplateParser.Parse("t", "{{ end }}", ref site));
        Assert.Throws<TemplateSyntaxException>(() => TemplateParser.Parse("t", "{{ .Values.a ", ref site));
        var deep = string.Concat(Enumerable.Repeat("{{ if .Values.a }}", 500)) + string.Concat(Enumerable.Repeat("{{ end }}", 500));
        Assert.Contains("nest deeper", Assert.Throws<TemplateSyntaxException>(() => TemplateParser.Parse("t", deep, ref site)).Message);
        var parens = "{{ " + new string('(', 500) + ".Values.a" + new string(')', 500) + " }}";
        Assert.Throws<TemplateSyntaxException>(() => TemplateParser.Parse("t", parens, ref site));
    }

    [Fact]
    public void Trim_markers_else_if_and_raw_strings_parse_as_Go_parses_them()
    {
        var site = 0;
        var parsed = TemplateParser.Parse("t", """
            {{- if .Values.a -}} a {{- else if .Values.b -}} b {{- else -}} c {{- end -}}
            {{ `raw }} string` }}{{ "quoted }} string" }}{{ 'x' }}
            """, ref site);
        var branch = Assert.IsType<IfNode>(parsed.Body[0]);
        Assert.IsType<IfNode>(Assert.Single(branch.Else));
        Assert.Equal(4, parsed.Body.Count);
    }
}
