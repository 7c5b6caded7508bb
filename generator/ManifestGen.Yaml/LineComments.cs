using System.Text.RegularExpressions;

namespace ManifestGen.Yaml;

/// <summary>
/// An end-of-line comment that a person edited around a marker: <c># managed by me by manifestgen</c> still says
/// whose line it is, but no longer says it exactly. It gets the marker back once, after the person's own text.
/// </summary>
internal static partial class LineComments
{
    /// <summary>
    /// The rest of a line (after a value) with its comment rewritten: the words of <paramref name="marker"/> that run
    /// up to <paramref name="keyword"/> taken out, what is left kept, the marker after it. Null when the rest holds
    /// no comment with the keyword.
    /// </summary>
    public static string? Restore(string rest, string marker, string keyword)
    {
        var hash = CommentStart(rest);
        if (hash < 0) return null;
        var comment = rest[(hash + 1)..];
        if (!comment.Contains(keyword, StringComparison.OrdinalIgnoreCase)) return null;
        // "managed by me by manifestgen": the marker's words directly before the keyword go with it ("by manifestgen").
        var words = marker.Split(' ', StringSplitOptions.RemoveEmptyEntries).TakeWhile(w => !w.Equals(keyword, StringComparison.OrdinalIgnoreCase));
        var pattern = $@"(?:\b(?:{string.Join("|", words.Select(Regex.Escape))})\s+)*{Regex.Escape(keyword)}\b";
        var left = Regex.Replace(comment, pattern, " ", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        left = Spaces().Replace(left, " ").Trim().Trim(':', '-', ',', ';', '.', '!', '(', ')').Trim();
        return rest[..hash].TrimEnd() + (left.Length == 0 ? "" : " # " + left) + " # " + marker;
    }

    /// <summary>Where the comment of a line's rest starts (a '#' at its start or after a space), or -1.</summary>
    private static int CommentStart(string rest)
    {
        for (var i = 0; i < rest.Length; i++)
            if (rest[i] == '#' && (i == 0 || char.IsWhiteSpace(rest[i - 1]))) return i;
        return -1;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
