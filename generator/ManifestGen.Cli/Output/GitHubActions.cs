using System.Text;
using ManifestGen.Diagnostics;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Cli.Output;

/// <summary>
/// What a run tells GitHub Actions: workflow-command annotations (shown on the pull request's
/// lines) and a Markdown job summary appended to $GITHUB_STEP_SUMMARY.
/// </summary>
public static class GitHubActions
{
    /// <summary>Beyond this the summary's diffs are cut, with a note (GitHub caps a step summary at 1 MiB).</summary>
    public const int SummaryDiffLimit = 64 * 1024;

    /// <param name="line">The line, or null for a folder or a file that does not exist (the annotation names the path only).</param>
    public static string Annotation(string level, string file, int? line, int? column, string message)
    {
        var at = line is null ? "" : $",line={line}" + (column is null ? "" : $",col={column}");
        return $"::{level} file={Escape(file, property: true)}{at}::{Escape(message, property: false)}";
    }

    public static string Annotation(Diagnostic d) =>
        Annotation(d.Severity switch { Severity.Error => "error", Severity.Warning => "warning", _ => "notice" },
            d.File, d.HasPosition ? d.Line : null, d.HasPosition ? d.Column : null, $"{d.Code}: {d.Message}" + (d.Hint is null ? "" : $" (hint: {d.Hint})"));

    /// <summary>The first line of the committed file that the spec would change (1 for a file to create).</summary>
    public static int FirstChangedLine(FileChange change)
    {
        if (change.Before is null || change.After is null) return 1;
        var before = Encoding.UTF8.GetString(change.Before).Split('\n');
        var after = Encoding.UTF8.GetString(change.After).Split('\n');
        var i = 0;
        while (i < before.Length && i < after.Length && before[i] == after[i]) i++;
        return Math.Min(i + 1, Math.Max(before.Length, 1));
    }

    public static string Summary(string title, IReadOnlyList<(FileChange Change, string Diff)> files)
    {
        var sb = new StringBuilder();
        sb.Append("### ").Append(title).Append("\n\n");
        sb.Append("| file | change | lines |\n| --- | --- | --- |\n");
        foreach (var (change, diff) in files)
        {
            var added = diff.Split('\n').Count(l => l.StartsWith('+') && !l.StartsWith("+++", StringComparison.Ordinal));
            var removed = diff.Split('\n').Count(l => l.StartsWith('-') && !l.StartsWith("---", StringComparison.Ordinal));
            sb.Append($"| `{change.RepoPath}` | {(change.IsCreated ? "created" : change.IsDeleted ? "deleted" : "updated")} | +{added} −{removed} |\n");
        }
        sb.Append('\n');
        var budget = SummaryDiffLimit;
        var cut = 0;
        foreach (var (change, diff) in files)
        {
            if (budget <= 0) { cut++; continue; }
            var shown = diff.Length <= budget ? diff : diff[..budget];
            budget -= shown.Length;
            sb.Append("<details><summary><code>").Append(change.RepoPath).Append("</code></summary>\n\n```diff\n").Append(shown.TrimEnd('\n')).Append("\n```\n");
            if (shown.Length < diff.Length) sb.Append($"\n_Diff truncated after {SummaryDiffLimit / 1024} KiB; run `manifestgen check` locally for the rest._\n");
            sb.Append("</details>\n\n");
        }
        if (cut > 0) sb.Append($"_{cut} more file(s) not shown: the summary is limited to {SummaryDiffLimit / 1024} KiB of diff; run `manifestgen check` locally._\n\n");
        return sb.ToString();
    }

    /// <summary>The tunings table of <c>plan</c> (and of <c>check</c>'s summary), as Markdown.</summary>
    public static string PlanSummary(string title, IReadOnlyList<string> header, IReadOnlyList<string[]> rows)
    {
        var sb = new StringBuilder();
        sb.Append("### ").Append(title).Append("\n\n");
        sb.Append("| ").Append(string.Join(" | ", header.Select(h => h.ToLowerInvariant()))).Append(" |\n");
        sb.Append('|').Append(string.Concat(header.Select(_ => " --- |"))).Append('\n');
        foreach (var row in rows) sb.Append("| ").Append(string.Join(" | ", row.Select(Cell))).Append(" |\n");
        return sb.Append('\n').ToString();
    }

    /// <summary>The step summary of <c>lint</c>: a table of the values no chart release reads, each where it is written.</summary>
    public static string LintSummary(string title, IReadOnlyList<Diagnostic> findings)
    {
        var sb = new StringBuilder();
        sb.Append("### ").Append(title).Append("\n\n");
        if (findings.Count == 0) return sb.Append("No value that its chart release does not read.\n\n").ToString();
        sb.Append("| where | finding | what may be meant |\n| --- | --- | --- |\n");
        foreach (var d in findings)
            sb.Append($"| `{d.File}:{d.Line}` | {Cell(d.Message)} | {Cell(d.Hint ?? "")} |\n");
        return sb.Append('\n').ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|").Replace("\n", " ");

    // Workflow commands: data escapes %, CR, LF; properties also ':' and ','.
    private static string Escape(string value, bool property)
    {
        var s = value.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");
        return property ? s.Replace(":", "%3A").Replace(",", "%2C") : s;
    }
}
