using System.Text;
using CommandLine;

namespace ManifestGen.Cli.Commands;

[Verb("plan", HelpText = "Show every tuning of the spec: its delivery, the file and path it writes, and whether that file is current.")]
public sealed class PlanOptionsVerb : CommonOptions;

/// <summary><c>manifestgen plan</c>: a table of what the spec manages, and what is stale.</summary>
public static class PlanCommand
{
    public static int Run(PlanOptionsVerb options, TextWriter stdout, TextWriter stderr, CliEnvironment env)
    {
        var result = SpecRuns.Run(options).Result;
        var stale = result.Changes.Select(c => c.RepoPath).ToHashSet(StringComparer.Ordinal);
        var rows = result.Plan.Select(r => (Row: r, Current: !stale.Contains(r.File))).ToList();
        var exit = DiagnosticPrinter.HasErrors(result.Diagnostics) ? ExitCodes.InvalidInput : ExitCodes.Ok;
        if (options.Json)
        {
            stdout.Write(Output.JsonReport.Write("plan", exit, result.Diagnostics, [], json =>
            {
                json.WriteStartArray("plan");
                foreach (var (row, current) in rows)
                {
                    json.WriteStartObject();
                    json.WriteString("tuning", row.Tuning);
                    json.WriteString("delivery", row.Delivery);
                    json.WriteString("file", row.File);
                    json.WriteString("writes", row.What);
                    json.WriteBoolean("current", current);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }));
            return exit;
        }
        if (DiagnosticPrinter.Print(result.Diagnostics, stderr, stdout, env)) return exit;
        stdout.Write(Table(["TUNING", "DELIVERY", "FILE", "WRITES", "CURRENT"],
            rows.Select(r => new[] { r.Row.Tuning, r.Row.Delivery, r.Row.File, r.Row.What, r.Current ? "yes" : "no" }).ToList()));
        var staleCount = rows.Where(r => !r.Current).Select(r => r.Row.File).Distinct().Count();
        stdout.WriteLine(staleCount == 0 ? "all files current" : $"{staleCount} file(s) not current: run `manifestgen generate`");
        return exit;
    }

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
