using System.Globalization;
using System.Text;
using CommandLine;
using ManifestGen.Composition;
using ManifestGen.Diagnostics;
using ManifestGen.Live;
using ManifestGen.Pipeline;
using ManifestGen.Verify;
using ManifestGen.Workspace;

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
/// not in effect, 2 on invalid input.
/// </summary>
public static class VerifyCommand
{
    /// <summary>One cluster of the run: its spec, what verify reads for it, and the live files given for it.</summary>
    private sealed record Cluster(string SpecPath, string Label, ClusterTuningSpec Spec, RepositoryWorkspace Workspace, IReadOnlyList<LiveRef> Needed, string Query)
    {
        public List<string> Live { get; } = [];
    }

    public static int Run(VerifyOptionsVerb options, TextWriter stdout, TextWriter stderr, Func<Stream> stdinBytes, CliEnvironment env)
    {
        if (options.MissingDefaultSpec() is { } missing) return Invalid(options, [missing], stdout, stderr, env);
        var isFleet = SpecSet.IsFleet(options.Spec);
        var specPaths = SpecSet.Resolve(options.Spec);
        if (specPaths.Count == 0)
            return Invalid(options, [SpecSet.NoneFound(options.Spec)], stdout, stderr, env);

        var diagnostics = new List<Diagnostic>();
        var clusters = new List<Cluster>();
        foreach (var specFull in specPaths)
        {
            var root = RepositoryRoot.For(specFull, options.Root);
            var (spec, loaded) = SpecLoader.Load(specFull, root);
            diagnostics.AddRange(loaded);
            if (spec is null) continue;
            var workspace = new RepositoryWorkspace(root);
            var needed = Verifier.Needed(spec, workspace);
            clusters.Add(new Cluster(root.Relative(specFull), $"{root.Relative(specFull)} ({spec.Name})", spec, workspace, needed, KubectlQuery.For(needed)));
        }
        if (DiagnosticPrinter.HasErrors(diagnostics)) return Invalid(options, diagnostics, stdout, stderr, env);
        foreach (var twice in clusters.GroupBy(c => c.Spec.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
            diagnostics.Add(Diagnostic.Of(DiagnosticCodes.ArgumentMismatch, twice.First().SpecPath, null,
                $"{twice.Count()} specs are named {twice.Key} ({string.Join(", ", twice.Select(c => c.SpecPath))}), so --live {twice.Key}=FILE cannot tell them apart",
                "give each cluster's spec its own metadata.name"));
        if (DiagnosticPrinter.HasErrors(diagnostics)) return Invalid(options, diagnostics, stdout, stderr, env);

        if (options.PrintKubectl)
        {
            foreach (var c in clusters)
            {
                // One command a cluster, named, so each can get its own --context.
                if (isFleet) stdout.WriteLine($"# cluster {c.Spec.Name} ({c.SpecPath}): add --context for it");
                stdout.WriteLine(c.Needed.Count == 0 ? "# the spec has no tuning to verify" : c.Query);
            }
            return ExitCodes.Ok;
        }
        var inputs = options.Live.ToList();
        if (inputs.Count == 0)
            return Invalid(options, [Diagnostic.Of(DiagnosticCodes.SpecMissingKey, "--live", null, "verify needs the live objects: --live FILE (or - for stdin)",
                isFleet ? "in a fleet, one --live NAME=FILE a cluster (NAME is its spec's metadata.name); --print-kubectl prints what to fetch"
                        : $"fetch them with: {clusters[0].Query} | manifestgen verify --live -")], stdout, stderr, env);
        foreach (var input in inputs)
        {
            var eq = input.IndexOf('=', StringComparison.Ordinal);
            var named = eq > 0 && !File.Exists(input) ? clusters.FirstOrDefault(c => c.Spec.Name == input[..eq]) : null;
            if (named is not null) named.Live.Add(input[(eq + 1)..]);
            else if (clusters.Count == 1) clusters[0].Live.Add(input);
            else
                diagnostics.Add(Diagnostic.Of(DiagnosticCodes.ArgumentMismatch, "--live", null,
                    $"--live {input}: a fleet of {clusters.Count} clusters needs to know whose objects these are",
                    $"write --live NAME=FILE, NAME one of {string.Join(", ", clusters.Select(c => c.Spec.Name))}"));
        }
        if (DiagnosticPrinter.HasErrors(diagnostics)) return Invalid(options, diagnostics, stdout, stderr, env);

        var results = new List<(Cluster Cluster, IReadOnlyList<TuningCheck> Checks)>();
        byte[]? stdin = null;
        foreach (var c in clusters)
        {
            try
            {
                var live = LiveObjects.Read(c.Live.Select(Input));
                results.Add((c, Verifier.Check(c.Spec, c.Workspace, live)));
            }
            catch (InvalidInputException e)
            {
                return Invalid(options, e.Diagnostics, stdout, stderr, env);
            }
            catch (IOException e)
            {
                return Invalid(options, [Diagnostic.Of(DiagnosticCodes.TargetMissing, "--live", null, e.Message)], stdout, stderr, env);
            }
        }

        var checks = results.SelectMany(r => r.Checks).ToList();
        var notInEffect = checks.Count(c => c.Status == TuningStatus.NotInEffect);
        var unknown = checks.Where(c => c.Status == TuningStatus.Unknown).ToList();
        var exit = notInEffect > 0 || (options.Strict && unknown.Count > 0) ? ExitCodes.NotInEffect : ExitCodes.Ok;
        string Counts(IReadOnlyList<TuningCheck> list) =>
            $"{list.Count(c => c.Status == TuningStatus.InEffect)} in effect, {list.Count(c => c.Status == TuningStatus.NotInEffect)} not in effect, {list.Count(c => c.Status == TuningStatus.Unknown)} unknown";
        var summary = isFleet ? $"fleet: {clusters.Count} cluster(s), {Counts(checks)}" : $"verify: {Counts(checks)}";
        var rows = results.SelectMany(r => r.Checks.Select(c => (Cluster: r.Cluster.Spec.Name, Check: c))).ToList();
        if (options.Json)
            stdout.Write(Output.JsonReport.Write("verify", exit, diagnostics, [], json =>
            {
                Tunings(json, rows, isFleet);
                if (!isFleet) return;
                json.WriteStartArray("clusters");
                foreach (var (c, list) in results)
                {
                    json.WriteStartObject();
                    json.WriteString("spec", c.SpecPath);
                    json.WriteString("name", c.Spec.Name);
                    json.WriteString("status", Counts(list));
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteString("fleet", summary);
            }));
        else
        {
            stdout.Write(Table(rows, isFleet));
            if (isFleet)
                foreach (var (c, list) in results) stdout.WriteLine($"{c.Label}: {Counts(list)}");
            stdout.WriteLine(summary);
        }
        foreach (var (c, list) in results)
        {
            var missingObjects = list.Where(x => x.Status == TuningStatus.Unknown).Select(u => u.Object.ToString()).Distinct().ToList();
            if (missingObjects.Count > 0)
                stderr.WriteLine($"manifestgen: warning: {(isFleet ? $"{c.Spec.Name}: " : "")}{list.Count(x => x.Status == TuningStatus.Unknown)} tuning(s) could not be checked: the input lacks " +
                                 $"{string.Join(", ", missingObjects)}; fetch every object with: {c.Query}");
        }
        if (env.GitHubActions && env.StepSummaryPath is { } path) File.AppendAllText(path, Markdown(rows, isFleet, summary));
        return exit;

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
