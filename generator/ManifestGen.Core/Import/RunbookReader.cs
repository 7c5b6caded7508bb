using System.Text.RegularExpressions;
using ManifestGen.Diagnostics;
using ManifestGen.Yaml;

namespace ManifestGen.Import;

/// <summary>
/// Finds every <c>kubectl patch</c> of a Deployment, StatefulSet or DaemonSet in a runbook: Markdown (the
/// shell in its fenced code blocks) or shell text. It reads the usual spellings: <c>deployment NAME</c> or
/// <c>deploy/NAME</c>, <c>-n</c>/<c>--namespace</c> before or after, <c>--type json|merge|strategic</c> (with
/// <c>=</c> or a space), <c>-p</c>/<c>--patch</c> with quoted JSON over several lines, <c>--patch-file FILE</c>
/// (relative to the runbook's folder, else the current folder), and line continuations.
/// </summary>
public static partial class RunbookReader
{
    private static readonly Dictionary<string, string> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["deployment"] = "Deployment", ["deployments"] = "Deployment", ["deploy"] = "Deployment",
        ["statefulset"] = "StatefulSet", ["statefulsets"] = "StatefulSet", ["sts"] = "StatefulSet",
        ["daemonset"] = "DaemonSet", ["daemonsets"] = "DaemonSet", ["ds"] = "DaemonSet",
    };

    /// <summary>kubectl flags that take a value as the next word (others are switches).</summary>
    private static readonly HashSet<string> ValueFlags =
    [
        "-n", "--namespace", "--type", "-p", "--patch", "--patch-file", "--context", "--kubeconfig", "--cluster", "--user",
        "-o", "--output", "--field-manager", "--subresource", "-s", "--server", "--token", "--as", "-l", "--selector", "-f", "--filename",
    ];

    public static IReadOnlyList<KubectlPatch> Read(string runbookPath, string text, string currentFolder, SourceText source, string display, List<Diagnostic> diagnostics)
    {
        var patches = new List<KubectlPatch>();
        foreach (var (start, end) in ShellRegions(runbookPath, text))
        {
            foreach (var command in ShellWords.Commands(text[start..end], start))
            {
                var words = command.Words;
                var kubectl = words.ToList().FindIndex(w => w.Text == "kubectl" || w.Text.EndsWith("/kubectl", StringComparison.Ordinal));
                if (kubectl < 0 || !words.Skip(kubectl + 1).Any(w => w.Text == "patch")) continue;
                if (Parse(words.Skip(kubectl).ToList(), command.CommentsAbove, runbookPath, currentFolder, source, display, diagnostics) is { } patch)
                    patches.Add(patch);
            }
        }
        return patches;
    }

    /// <summary>The spans to read as shell: a Markdown file's fenced code blocks, or the whole text.</summary>
    private static IEnumerable<(int Start, int End)> ShellRegions(string path, string text)
    {
        var markdown = path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase)
                       || Fence().IsMatch(text);
        if (!markdown)
        {
            yield return (0, text.Length);
            yield break;
        }
        foreach (Match open in Fence().Matches(text))
        {
            var marker = open.Groups[1].Value;
            var bodyStart = open.Index + open.Length;
            var close = new Regex($@"^[ \t]*{Regex.Escape(marker[..1])}{{{marker.Length},}}[ \t]*\r?$", RegexOptions.Multiline).Match(text, bodyStart);
            var bodyEnd = close.Success ? close.Index : text.Length;
            var info = open.Groups[2].Value.Trim().ToLowerInvariant();
            if (info.Length == 0 || info is "sh" or "bash" or "shell" or "console" or "zsh" or "shell-session") yield return (bodyStart, bodyEnd);
        }
    }

    [GeneratedRegex(@"^[ \t]*(`{3,}|~{3,})([^\n`]*)\r?\n", RegexOptions.Multiline)]
    private static partial Regex Fence();

    private static KubectlPatch? Parse(List<ShellWord> words, IReadOnlyList<string> comments, string runbookPath, string currentFolder,
        SourceText source, string display, List<Diagnostic> diagnostics)
    {
        var at = words[0].Start;
        string? ns = null, type = null, patchFile = null;
        ShellWord? patchWord = null;
        var patchOffset = 0;
        var positional = new List<string>();
        var seenVerb = false;
        for (var i = 1; i < words.Count; i++)
        {
            var w = words[i].Text;
            if (!seenVerb && w == "patch") { seenVerb = true; continue; }
            if (w.StartsWith('-') && w.Length > 1)
            {
                var eq = w.IndexOf('=');
                var flag = eq > 0 ? w[..eq] : w;
                string? value = null;
                var valueWord = words[i];
                var valueOffset = eq + 1;
                if (eq > 0) value = w[(eq + 1)..];
                else if (flag.Length > 2 && flag[1] != '-' && ValueFlags.Contains(flag[..2]))
                {
                    (flag, value, valueOffset) = (flag[..2], flag[2..], 2); // -ntrident, -p'[...]'
                }
                else if (ValueFlags.Contains(flag) && i + 1 < words.Count)
                {
                    value = words[++i].Text;
                    valueWord = words[i];
                    valueOffset = 0;
                }
                switch (flag)
                {
                    case "-n" or "--namespace": ns = value; break;
                    case "--type": type = value; break;
                    case "-p" or "--patch": patchWord = valueWord; patchOffset = valueOffset; break;
                    case "--patch-file": patchFile = value; break;
                    case "-f" or "--filename":
                        diagnostics.Add(Diagnostic.Of(DiagnosticCodes.RunbookPatchSkipped, display, source.PositionOf(at),
                            "this kubectl patch names its object by a file (-f); import reads patches that name the object (deployment NAME)"));
                        return null;
                }
                continue;
            }
            if (seenVerb) positional.Add(w);
        }

        string? kindWord = null, name = null;
        if (positional.Count >= 1 && positional[0].Contains('/'))
            (kindWord, name) = (positional[0][..positional[0].IndexOf('/')], positional[0][(positional[0].IndexOf('/') + 1)..]);
        else if (positional.Count >= 2) (kindWord, name) = (positional[0], positional[1]);
        kindWord = kindWord?.Split('.')[0]; // deployment.apps
        if (kindWord is null || name is null)
        {
            diagnostics.Add(Diagnostic.Of(DiagnosticCodes.RunbookPatchSkipped, display, source.PositionOf(at), "this kubectl patch names no object (KIND NAME or KIND/NAME); it is not imported"));
            return null;
        }
        if (!Kinds.TryGetValue(kindWord, out var kind))
        {
            diagnostics.Add(Diagnostic.Of(DiagnosticCodes.RunbookPatchSkipped, display, source.PositionOf(at),
                $"this kubectl patch changes a {kindWord} ({name}); import turns patches of Deployments, StatefulSets and DaemonSets into workload tunings, so it is not imported",
                "tune it by hand, or with the spec's other sections"));
            return null;
        }
        var patchType = (type ?? "strategic").ToLowerInvariant() switch
        {
            "json" => PatchType.Json,
            "merge" => PatchType.Merge,
            "strategic" => PatchType.Strategic,
            var other => (PatchType?)null,
        };
        if (patchType is null)
        {
            diagnostics.Add(Diagnostic.Of(DiagnosticCodes.RunbookPatchUnreadable, display, source.PositionOf(at), $"--type {type} is not json, merge or strategic"));
            return null;
        }

        string patch;
        if (patchFile is not null)
        {
            var candidates = new[] { Path.Combine(Path.GetDirectoryName(Path.GetFullPath(runbookPath)) ?? ".", patchFile), Path.Combine(currentFolder, patchFile) };
            var found = candidates.FirstOrDefault(File.Exists);
            if (found is null)
            {
                diagnostics.Add(Diagnostic.Of(DiagnosticCodes.RunbookPatchUnreadable, display, source.PositionOf(at),
                    $"--patch-file {patchFile} is in neither the runbook's folder nor the current folder"));
                return null;
            }
            patch = File.ReadAllText(found);
        }
        else if (patchWord is not null) patch = patchWord.Text[patchOffset..];
        else
        {
            diagnostics.Add(Diagnostic.Of(DiagnosticCodes.RunbookPatchUnreadable, display, source.PositionOf(at), "this kubectl patch has no -p/--patch or --patch-file"));
            return null;
        }
        return new KubectlPatch(kind, name, ns, patchType.Value, patch, patchWord, at, comments, patchFile) { PatchOffset = patchOffset };
    }
}
