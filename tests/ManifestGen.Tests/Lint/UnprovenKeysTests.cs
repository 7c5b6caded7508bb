using ManifestGen.Tests.Charts;
using ManifestGen.Tests.Support;

namespace ManifestGen.Tests.Lint;

/// <summary>
/// Where the tool cannot prove that no template reads a key, lint says nothing about it. Each case is a shape met in a
/// public chart's own CI values that once gave findings on keys the chart reads: an analysis that stops, a root schema
/// that takes any key (external-dns), a helper that walks a subtree by calling itself (traefik).
/// </summary>
public class UnprovenKeysTests
{
    private static CliRunner.Result Lint(Dictionary<string, string> chart, string values)
    {
        using var tree = new TempTree();
        tree.Write("repo/hr.yaml", "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: demo, namespace: apps}\n" +
                                   "spec:\n  chart: {spec: {chart: demo, version: 1.0.0}}\n  values:\n" +
                                   string.Concat(values.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => "    " + l + "\n")));
        Directory.CreateDirectory(tree.PathOf("charts"));
        File.WriteAllBytes(tree.PathOf("charts/demo-1.0.0.tgz"), ChartArchive.Pack("demo", chart));
        return CliRunner.Run("lint", tree.PathOf("repo"), "--charts", tree.PathOf("charts"));
    }

    private static string[] Findings(CliRunner.Result run) =>
        run.Stdout.Split('\n').Where(l => l.Contains("MG0009", StringComparison.Ordinal)).ToArray();

    [Fact]
    public void An_analysis_that_stopped_reports_no_value_and_says_so()
    {
        var chart = ChartArchive.Minimal("demo", "1.0.0", "policy: sync\n", "{{ if .Values.policy }}never closed");
        var run = Lint(chart, "policy: upsert-only\nbogus: 1");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("note MG0018:", run.Stdout);
        Assert.Contains("none of its values are reported", run.Stdout);
        Assert.Empty(Findings(run));
    }

    [Theory]
    [InlineData("""{"type": "object"}""")]
    [InlineData("""{"additionalProperties": true}""")]
    [InlineData("""{"type": "object", "additionalProperties": true, "properties": {"policy": {"type": ["string", "null"]}}}""")]
    public void A_root_schema_that_takes_any_key_leaves_the_templates_to_decide(string schema)
    {
        var chart = ChartArchive.Minimal("demo", "1.0.0", "policy: sync\n", "p: {{ .Values.policy }}\nf: {{ .Values.provider.name }}\n");
        chart["values.schema.json"] = schema;
        var run = Lint(chart, "policy: upsert-only\nprovider: {name: aws}\nbogus: 1");
        Assert.Equal(["hr.yaml:9:5: warning MG0009: bogus is not read by demo 1.0.0: Helm hands it to the chart, which ignores it, so it does nothing"], Findings(run));
    }

    [Fact]
    public void A_helper_that_walks_a_subtree_by_calling_itself_settles_and_reads_it_whole()
    {
        // traefik's yaml2CommandLineArgsRec: range over a map, include itself with each item that is a map.
        var chart = ChartArchive.Minimal("demo", "1.0.0", "args: {}\npolicy: sync\n",
            "args: {{ include \"demo.rec\" (dict \"path\" \"x\" \"content\" .Values.args) | quote }}\np: {{ .Values.policy }}\n");
        chart["templates/_rec.tpl"] = """
            {{- define "demo.rec" -}}
            {{- $path := .path -}}
            {{- range $k, $v := .content -}}
            {{- if kindIs "map" $v }}{{ include "demo.rec" (dict "path" (printf "%s.%s" $path $k) "content" $v) }}{{ else }}--{{ $path }}.{{ $k }}={{ $v }}
            {{ end -}}
            {{- end -}}
            {{- end -}}
            """;
        var run = Lint(chart, "args: {a: {b: {c: {d: {e: {f: 1}}}}}}\npolicy: upsert-only\npolicyy: 1");
        Assert.DoesNotContain("MG0018", run.Stdout);
        Assert.Equal(["hr.yaml:9:5: warning MG0009: policyy is not read by demo 1.0.0: Helm hands it to the chart, which ignores it, so it does nothing (hint: did you mean policy?)"], Findings(run));
    }
}
