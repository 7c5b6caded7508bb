using System.Globalization;
using System.Text;
using CommandLine;
using ManifestGen.Composition;
using ManifestGen.Diagnostics;
using ManifestGen.Live;
using ManifestGen.Verify;
using ManifestGen.Workspace;

namespace ManifestGen.Cli.Commands;

[Verb("verify", HelpText = "Read live objects (kubectl get -o yaml) and report, tuning by tuning, whether what the spec asks for is in effect.")]
public sealed class VerifyOptionsVerb : CommonOptions
{
    [Option("live", HelpText = "A file of live objects as `kubectl get ... -o yaml` prints them (a List, or several documents); - for stdin. Repeatable.")]
    public IEnumerable<string> Live { get; set; } = [];

    [Option("strict", HelpText = "Exit 1 when a tuning cannot be checked because its object is not in the input.")]
    public bool Strict { get; set; }

    [Option("print-kubectl", HelpText = "Print the kubectl command that fetches every object verify reads, and exit.")]
    public bool PrintKubectl { get; set; }
}

/// <summary>
/// <c>manifestgen verify</c>: in effect, not in effect (live and wanted shown), or unknown (the object is
/// not in the input). Exit 0 when all are in effect (unknown alone warns, unless --strict), 1 when any is
/// not in effect, 2 on invalid input.
/// </summary>
public static class VerifyCommand
{
    public static int Run(VerifyOptionsVerb options, TextWriter stdout, TextWriter stderr, Func<Stream> stdinBytes, CliEnvironment env)
    {
        var specFull = Path.GetFullPath(options.Spec);
        var root = RepositoryRoot.For(specFull, options.Root);
        var (spec, diagnostics) = SpecLoader.Load(specFull, root);
        if (spec is null) return Invalid(options, diagnostics, stdout, stderr, env);
        var workspace = new RepositoryWorkspace(root);
        var needed = Verifier.Needed(spec, workspace);
        var query = KubectlQuery.For(needed);
        if (options.PrintKubectl)
        {
            stdout.WriteLine(needed.Count == 0 ? "# the spec has no tuning to verify" : query);
            return ExitCodes.Ok;
        }
        var inputs = options.Live.ToList();
        if (inputs.Count == 0)
            return Invalid(options, [Diagnostic.Error(DiagnosticCodes.SpecMissingKey, "--live", null, "verify needs the live objects: --live FILE (or - for stdin)",
                $"fetch them with: {query} | manifestgen verify --live -")], stdout, stderr, env);

        LiveObjects live;
        try
        {
            live = LiveObjects.Read(inputs.Select(Input));
        }
        catch (InvalidInputException e)
        {
            return Invalid(options, e.Diagnostics, stdout, stderr, env);
        }
        catch (IOException e)
        {
            return Invalid(options, [Diagnostic.Error(DiagnosticCodes.TargetMissing, "--live", null, e.Message)], stdout, stderr, env);
        }
        IReadOnlyList<TuningCheck> checks;
        try
        {
            checks = Verifier.Check(spec, workspace, live);
        }
        catch (InvalidInputException e)
        {
            return Invalid(options, e.Diagnostics, stdout, stderr, env);
        }

        var notInEffect = checks.Count(c => c.Status == TuningStatus.NotInEffect);
        var unknown = checks.Where(c => c.Status == TuningStatus.Unknown).ToList();
        var exit = notInEffect > 0 || (options.Strict && unknown.Count > 0) ? ExitCodes.NotInEffect : ExitCodes.Ok;
        var summary = $"verify: {checks.Count(c => c.Status == TuningStatus.InEffect)} in effect, {notInEffect} not in effect, {unknown.Count} unknown";
        if (options.Json) stdout.Write(Output.JsonReport.Write("verify", exit, diagnostics, [], json => Tunings(json, checks)));
        else
        {
            stdout.Write(Table(checks));
            stdout.WriteLine(summary);
        }
        if (unknown.Count > 0)
            stderr.WriteLine($"manifestgen: warning: {unknown.Count} tuning(s) could not be checked: the input lacks " +
                             $"{string.Join(", ", unknown.Select(u => u.Object.ToString()).Distinct())}; fetch every object with: {query}");
        if (env.GitHubActions && env.StepSummaryPath is { } path) File.AppendAllText(path, Markdown(checks, summary));
        return exit;

        (string, byte[]) Input(string name)
        {
            if (name == "-")
            {
                using var stdin = stdinBytes();
                using var buffer = new MemoryStream();
                stdin.CopyTo(buffer);
                return ("(stdin)", buffer.ToArray());
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

    private static string Table(IReadOnlyList<TuningCheck> checks)
    {
        var rows = checks.Select(c => new[] { c.Name, Status(c.Status), c.Live, c.Wanted, c.Object.ToString() + (c.Note is null ? "" : $" ({c.Note})") }).ToList();
        var header = new[] { "TUNING", "STATUS", "LIVE", "WANTED", "OBJECT" };
        // The status column is as wide as its longest word whatever the rows, so the table's shape does not shift between runs.
        var widths = Enumerable.Range(0, 4).Select(i => rows.Select(r => r[i].Length).Append(header[i].Length).Append(i == 1 ? Status(TuningStatus.NotInEffect).Length : 0).Max()).ToList();
        var sb = new StringBuilder();
        foreach (var row in rows.Prepend(header))
        {
            for (var i = 0; i < 4; i++) sb.Append(row[i].PadRight(widths[i] + 2));
            sb.Append(row[4]).Append('\n');
        }
        return sb.ToString();
    }

    private static void Tunings(System.Text.Json.Utf8JsonWriter json, IReadOnlyList<TuningCheck> checks)
    {
        json.WriteStartArray("tunings");
        foreach (var c in checks)
        {
            json.WriteStartObject();
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

    private static string Markdown(IReadOnlyList<TuningCheck> checks, string summary)
    {
        static string Cell(string s) => s.Replace("|", "\\|", StringComparison.Ordinal);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"## manifestgen {summary}\n\n| tuning | status | live | wanted | object |\n| --- | --- | --- | --- | --- |\n");
        foreach (var c in checks)
        {
            var mark = c.Status switch { TuningStatus.InEffect => "✅ in effect", TuningStatus.NotInEffect => "❌ not in effect", _ => "❔ unknown" };
            sb.Append(CultureInfo.InvariantCulture, $"| {Cell(c.Name)} | {mark} | `{Cell(c.Live)}` | `{Cell(c.Wanted)}` | {Cell(c.Object.ToString())} |\n");
        }
        return sb.Append('\n').ToString();
    }
}
