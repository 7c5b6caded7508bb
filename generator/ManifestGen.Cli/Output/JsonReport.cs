using System.Text;
using System.Text.Json;
using ManifestGen.Diagnostics;
using ManifestGen.Workspace;

namespace ManifestGen.Cli.Output;

/// <summary>
/// <c>--output json</c>: one document with the command, its exit code, the diagnostics and the changed
/// files (with their diffs), written with Utf8JsonWriter (no reflection, stable key order).
/// </summary>
public static class JsonReport
{
    public static string Write(string command, int exitCode, IEnumerable<Diagnostic> diagnostics,
        IEnumerable<(FileChange Change, string Diff)> files, Action<Utf8JsonWriter>? extra = null)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("command", command);
            json.WriteNumber("exitCode", exitCode);
            json.WriteStartArray("diagnostics");
            foreach (var d in diagnostics)
            {
                json.WriteStartObject();
                json.WriteString("code", d.Code.Code);
                json.WriteString("severity", d.Severity.ToString().ToLowerInvariant());
                json.WriteString("file", d.File);
                json.WriteNumber("line", d.Line);
                json.WriteNumber("column", d.Column);
                json.WriteString("message", d.Message);
                if (d.Hint is null) json.WriteNull("hint");
                else json.WriteString("hint", d.Hint);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("changedFiles");
            foreach (var (change, diff) in files)
            {
                json.WriteStartObject();
                json.WriteString("path", change.RepoPath);
                json.WriteString("status", change.IsCreated ? "created" : change.IsDeleted ? "deleted" : "updated");
                json.WriteString("diff", diff);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            extra?.Invoke(json);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n") + "\n";
    }
}
