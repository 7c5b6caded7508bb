using System.Text.Json;
using ManifestGen.Cli.Commands;
using ManifestGen.Pipeline;
using ManifestGen.Yaml;

namespace ManifestGen.Cli.Output;

/// <summary>
/// How every verb reports a fleet (<c>--spec</c> naming a folder or a glob): after its own output, one line a
/// cluster (its spec, its name, what happened to it), then one <c>fleet:</c> line, the last of stdout. In JSON the
/// same as <c>clusters</c> and <c>fleet</c>. A single spec prints neither.
/// </summary>
internal static class FleetReport
{
    /// <summary>What happened to one cluster, in the verb's words ("2 file(s) out of date", "valid").</summary>
    public delegate string Status(GenerationResult cluster, int files, int errors);

    private static int Errors(GenerationResult r) => r.Diagnostics.Concat(r.Lints).Count(d => d.Severity == Severity.Error);

    /// <summary>The files of one cluster the run writes or finds stale: none when the fleet as a whole failed.</summary>
    private static int Files(SpecRuns.Outcome outcome, GenerationResult r) => outcome.Result.Failed ? 0 : r.Changes.Count;

    public static string Label(GenerationResult r) => r.Cluster is null ? r.Spec : $"{r.Spec} ({r.Cluster})";

    public static string Summary(SpecRuns.Outcome outcome, string what)
    {
        var failed = outcome.PerCluster.Count(r => Errors(r) > 0);
        return $"fleet: {outcome.Clusters} cluster(s), {(outcome.Result.Failed ? 0 : outcome.Result.Changes.Count)} file(s) {what}"
               + (failed > 0 ? $", {failed} with errors" : "");
    }

    /// <summary>The cluster lines and the fleet line, for a fleet; nothing for a single spec.</summary>
    public static void Print(SpecRuns.Outcome outcome, TextWriter stdout, Status status, string what)
    {
        if (!outcome.IsFleet) return;
        foreach (var r in outcome.PerCluster)
            stdout.WriteLine($"{Label(r)}: {status(r, Files(outcome, r), Errors(r))}");
        stdout.WriteLine(Summary(outcome, what));
    }

    public static void Json(Utf8JsonWriter json, SpecRuns.Outcome outcome, Status status, string what)
    {
        if (!outcome.IsFleet) return;
        json.WriteStartArray("clusters");
        foreach (var r in outcome.PerCluster)
        {
            json.WriteStartObject();
            json.WriteString("spec", r.Spec);
            if (r.Cluster is null) json.WriteNull("name"); else json.WriteString("name", r.Cluster);
            json.WriteNumber("files", Files(outcome, r));
            json.WriteNumber("errors", Errors(r));
            json.WriteString("status", status(r, Files(outcome, r), Errors(r)));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteString("fleet", Summary(outcome, what));
    }
}
