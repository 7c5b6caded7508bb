using System.Globalization;
using System.Text;
using CommandLine;
using ManifestGen.Diagnostics;
using ManifestGen.Live;
using ManifestGen.Verify;

namespace ManifestGen.Cli.Commands;

[Verb("verify", HelpText = "Read live objects (kubectl get -o yaml) and report, tuning by tuning, whether what the spec asks for is in effect.")]
public sealed class VerifyOptionsVerb : CommonOptions
{
    [Option("live", HelpText = "A file of live objects as `kubectl get ... -o yaml` prints them (a List, or several documents); - for stdin. Repeatable. In a fleet, NAME=FILE: the objects of the cluster whose spec has metadata.name NAME.")]
    public IEnumerable<string> Live { get; set; } = [];

    [Option("strict", HelpText = "Exit 1 when a tuning cannot be checked because its object is not in the input.")]
    public bool Strict { get; set; }

    [Option("print-kubectl", HelpText = "Print the kubectl command that fetches every object verify reads, and exit (in a fleet, one a cluster, after a comment naming it).")]
    public bool PrintKubectl { get; set; }
}

/// <summary>
/// <c>manifestgen verify</c>: in effect, not in effect (live and wanted shown), or unknown (the object is
/// not in the input). Exit 0 when all are in effect (unknown alone warns, unless --strict), 1 when any is
/// not in effect, 2 on invalid input. The run is Core's (<see cref="VerifyRun"/>); this parses and renders.
/// </summary>
public static class VerifyCommand
{
    public static int Run(VerifyOptionsVerb options, TextWriter stdout, TextWriter stderr, Func<Stream> stdinBytes, CliEnvironment env)
    {
        if (options.MissingDefaultSpec() is { } missing) return Invalid(options, [missing], stdout, stderr, env);
        var plan = VerifyRun.Plan(options.Spec, options.Root, options.SpecWritten);
        if (plan.Failed) return Invalid(options, plan.Diagnostics, stdout, stderr, env);
        var isFleet = plan.IsFleet;
        if (options.PrintKubectl)
        {
            foreach (var c in plan.Clusters)
            {
                // One command a cluster, named, so each can get its own --context.
                if (isFleet) stdout.WriteLine($"# cluster {c.Name} ({c.SpecPath}): add --context for it");
                stdout.WriteLine(c.Needed.Count == 0 ? "# the spec has no tuning to verify" : c.Query);
            }
            return ExitCodes.Ok;
        }
        byte[]? stdin = null;
        var result = VerifyRun.Check(plan, options.Live.ToList(), Input);
        if (result.Failed) return Invalid(options, result.Diagnostics, stdout, stderr, env);

        var checks = result.Checks;
        var exit = result.ExitCode(options.Strict);
        string Counts(IReadOnlyList<TuningCheck> list) =>
            $"{list.Count(c => c.Status == TuningStatus.InEffect)} in effect, {list.Count(c => c.Status == TuningStatus.NotInEffect)} not in effect, {list.Count(c => c.Status == TuningStatus.Unknown)} unknown";
        var summary = isFleet ? $"fleet: {result.Clusters.Count} cluster(s), {Counts(checks)}" : $"verify: {Counts(checks)}";
        var rows = result.Clusters.SelectMany(c => c.Checks.Select(check => (Cluster: c.Name, Check: check))).ToList();
        if (options.Json)
            stdout.Write(Output.JsonReport.Write("verify", exit, result.Diagnostics, [], json =>
            {
                Tunings(json, rows, isFleet);
                if (!isFleet) return;
                json.WriteStartArray("clusters");
                foreach (var c in result.Clusters)
                {
                    json.WriteStartObject();
                    json.WriteString("spec", c.SpecPath);
                    json.WriteString("name", c.Name);
                    json.WriteString("status", Counts(c.Checks));
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteString("fleet", summary);
            }));
        else
        {
            stdout.Write(Table(rows, isFleet));
            if (isFleet)
                foreach (var c in result.Clusters) stdout.WriteLine($"{c.Label}: {Counts(c.Checks)}");
            stdout.WriteLine(summary);
        }
        foreach (var c in result.Clusters)
        {
            var missingObjects = c.Checks.Where(x => x.Status == TuningStatus.Unknown).Select(u => u.Object.ToString()).Distinct().ToList();
            if (missingObjects.Count > 0)
                stderr.WriteLine($"manifestgen: warning: {(isFleet ? $"{c.Name}: " : "")}{c.Checks.Count(x => x.Status == TuningStatus.Unknown)} tuning(s) could not be checked: the input lacks " +
                                 $"{string.Join(", ", missingObjects)}; fetch every object with: {c.Query}");
        }
        if (env.GitHubActions && env.StepSummaryPath is { } path) File.AppendAllText(path, Markdown(rows, isFleet, summary));
        return exit;

        // The CLI's part of reading the input: - is stdin, read once however many times it is named.
        (string, byte[]) Input(string name)
        {
            if (name == "-")
            {
                if (stdin is null)
                {
                    using var stream = stdinBytes();
                    using var buffer = new MemoryStream();
                    stream.CopyTo(buffer);
                    stdin = buffer.ToArray();
                }
                return ("(stdin)", stdin);
            }
            return (name, File.ReadAllBytes(name));
        }
    }

    private static int Invalid(VerifyOptionsVerb options, IEnumerable<Diagnostic> diagnostics, TextWriter stdout, TextWriter stderr, CliEnvironment env)
    {
        var list = diagnostics.ToList();
        if (options.Json) stdout.Write(Output.JsonReport.Write("verify", ExitCodes.InvalidInput, list, []));
        else DiagnosticPrinter.Print(list, stderr, stdout, env);
        return ExitCodes.InvalidInput;
    }

    private static string Status(TuningStatus status) => status switch
    {
        TuningStatus.InEffect => "in effect",
        TuningStatus.NotInEffect => "NOT in effect",
        _ => "unknown",
    };

    private static string Table(IReadOnlyList<(string Cluster, TuningCheck Check)> checks, bool withCluster)
    {
        var rows = checks.Select(r => (withCluster ? new[] { r.Cluster } : []).Concat(
            [r.Check.Name, Status(r.Check.Status), r.Check.Live, r.Check.Wanted, r.Check.Object.ToString() + (r.Check.Note is null ? "" : $" ({r.Check.Note})")]).ToArray()).ToList();
        var header = (withCluster ? new[] { "CLUSTER" } : []).Concat(["TUNING", "STATUS", "LIVE", "WANTED", "OBJECT"]).ToArray();
        var status = withCluster ? 2 : 1;
        // The status column is as wide as its longest word whatever the rows, so the table's shape does not shift between runs.
        var widths = Enumerable.Range(0, header.Length - 1).Select(i => rows.Select(r => r[i].Length).Append(header[i].Length).Append(i == status ? Status(TuningStatus.NotInEffect).Length : 0).Max()).ToList();
        var sb = new StringBuilder();
        foreach (var row in rows.Prepend(header))
        {
            for (var i = 0; i < header.Length - 1; i++) sb.Append(row[i].PadRight(widths[i] + 2));
            sb.Append(row[^1]).Append('\n');
        }
        return sb.ToString();
    }

    private static void Tunings(System.Text.Json.Utf8JsonWriter json, IReadOnlyList<(string Cluster, TuningCheck Check)> rows, bool withCluster)
    {
        json.WriteStartArray("tunings");
        foreach (var (cluster, c) in rows)
        {
            json.WriteStartObject();
            if (withCluster) json.WriteString("cluster", cluster);
            json.WriteString("name", c.Name);
            json.WriteString("status", TuningCheck.StatusText(c.Status));
            json.WriteString("live", c.Live);
            json.WriteString("wanted", c.Wanted);
            json.WriteString("object", c.Object.ToString());
            if (c.Note is null) json.WriteNull("note");
            else json.WriteString("note", c.Note);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static string Markdown(IReadOnlyList<(string Cluster, TuningCheck Check)> rows, bool withCluster, string summary)
    {
        static string Cell(string s) => s.Replace("|", "\\|", StringComparison.Ordinal);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"## manifestgen {(summary.StartsWith("fleet", StringComparison.Ordinal) ? "verify " : "")}{summary}\n\n");
        sb.Append(withCluster ? "| cluster | tuning | status | live | wanted | object |\n| --- | --- | --- | --- | --- | --- |\n" : "| tuning | status | live | wanted | object |\n| --- | --- | --- | --- | --- |\n");
        foreach (var (cluster, c) in rows)
        {
            var mark = c.Status switch { TuningStatus.InEffect => "✅ in effect", TuningStatus.NotInEffect => "❌ not in effect", _ => "❔ unknown" };
            sb.Append(CultureInfo.InvariantCulture, $"|{(withCluster ? $" {Cell(cluster)} |" : "")} {Cell(c.Name)} | {mark} | `{Cell(c.Live)}` | `{Cell(c.Wanted)}` | {Cell(c.Object.ToString())} |\n");
        }
        return sb.Append('\n').ToString();
    }
}
