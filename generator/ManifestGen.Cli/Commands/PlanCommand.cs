using System.Text;
using CommandLine;
using ManifestGen.Cli.Output;
using ManifestGen.Editing;

namespace ManifestGen.Cli.Commands;

[Verb("plan", HelpText = "Show every tuning of the spec: its cluster, delivery, the file and path it writes, the chart release checked and its default, and whether that file is current.")]
public sealed class PlanOptionsVerb : ChartReadingOptions;

/// <summary>
/// <c>manifestgen plan</c>: one table of what the spec (or each spec of a fleet) manages. Its columns, the same in
/// text, JSON and the GitHub step summary: the cluster, the tuning, its delivery, the file and what it writes there,
/// for a chart value the chart release checked and what the chart gives without the tuning, and whether the file is current.
/// </summary>
public static class PlanCommand
{
    /// <summary>The table's columns, in order; <see cref="Cells"/> gives a row's.</summary>
    public static readonly string[] Header = ["CLUSTER", "TUNING", "DELIVERY", "FILE", "WRITES", "CHART", "DEFAULT", "CURRENT"];

    public static string[] Cells(PlanRow row, bool current) =>
        [row.Cluster, row.Tuning, row.Delivery, row.File, row.What, row.Chart ?? "-", row.Default ?? "-", current ? "yes" : "no"];

    public static int Run(PlanOptionsVerb options, TextWriter stdout, TextWriter stderr, CliEnvironment env)
    {
        var outcome = SpecRuns.Run(options, env, stderr);
        var result = outcome.Result;
        var stale = result.Changes.Select(c => c.RepoPath).ToHashSet(StringComparer.Ordinal);
        var rows = result.Plan.Select(r => (Row: r, Current: !stale.Contains(r.File))).ToList();
        var exit = DiagnosticPrinter.HasErrors(result.Diagnostics) ? ExitCodes.InvalidInput : ExitCodes.Ok;
        var staleCount = rows.Where(r => !r.Current).Select(r => r.Row.File).Distinct().Count();
        if (options.Json)
        {
            stdout.Write(JsonReport.Write("plan", exit, result.Diagnostics, [], json =>
            {
                json.WriteStartArray("plan");
                foreach (var (row, current) in rows)
                {
                    json.WriteStartObject();
                    json.WriteString("cluster", row.Cluster);
                    json.WriteString("tuning", row.Tuning);
                    json.WriteString("delivery", row.Delivery);
                    json.WriteString("file", row.File);
                    json.WriteString("writes", row.What);
                    if (row.Chart is null) json.WriteNull("chart"); else json.WriteString("chart", row.Chart);
                    if (row.Default is null) json.WriteNull("default"); else json.WriteString("default", row.Default);
                    json.WriteBoolean("current", current);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                FleetReport.Json(json, outcome, Status(stale), "not current");
            }));
            return exit;
        }
        if (DiagnosticPrinter.Print(result.Diagnostics, stderr, stdout, env))
        {
            FleetReport.Print(outcome, stdout, Status(stale), "not current");
            return exit;
        }
        stdout.Write(Table(Header, rows.Select(r => Cells(r.Row, r.Current)).ToList()));
        if (env.GitHubActions && env.StepSummaryPath is { } summary)
            File.AppendAllText(summary, GitHubActions.PlanSummary("manifestgen plan", Header, rows.Select(r => Cells(r.Row, r.Current)).ToList()));
        stdout.WriteLine(staleCount == 0 ? "all files current" : $"{staleCount} file(s) not current: run `manifestgen generate`");
        FleetReport.Print(outcome, stdout, Status(stale), "not current");
        return exit;
    }

    private static FleetReport.Status Status(HashSet<string> stale) => (cluster, _, errors) =>
        errors > 0 ? $"{errors} error(s)"
        : $"{cluster.Plan.Count} tuning(s), {cluster.Plan.Select(p => p.File).Distinct().Count(stale.Contains)} file(s) not current";

    public static string Table(string[] header, IReadOnlyList<string[]> rows)
    {
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        var sb = new StringBuilder();
        void Line(string[] cells) => sb.Append(string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i])))).Append('\n');
        Line(header);
        foreach (var r in rows) Line(r);
        return sb.ToString();
    }
}
