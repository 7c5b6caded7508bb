using System.Text;

namespace ManifestGen.Import;

/// <summary>
/// Splits shell text into commands and words the way a POSIX shell does for the parts runbooks use: single
/// quotes (spanning lines, no escapes inside), double quotes (backslash escapes), backslash-newline
/// continuations, <c>#</c> comments, and <c>;</c>, <c>&amp;&amp;</c>, <c>||</c>, <c>|</c> between commands.
/// Nothing is expanded or run.
/// </summary>
public static class ShellWords
{
    public static IReadOnlyList<ShellCommand> Commands(string text, int offset = 0)
    {
        var commands = new List<ShellCommand>();
        var words = new List<ShellWord>();
        var comments = new List<string>();
        var word = new StringBuilder();
        int? wordStart = null;
        var quoted = new List<(int, int, int)>();
        var i = 0;

        void EndWord()
        {
            if (wordStart is null) return;
            words.Add(new ShellWord(word.ToString(), wordStart.Value + offset, [.. quoted]));
            word.Clear();
            wordStart = null;
            quoted.Clear();
        }

        void EndCommand()
        {
            EndWord();
            if (words.Count > 0) commands.Add(new ShellCommand([.. words], [.. comments]));
            if (words.Count > 0) comments.Clear();
            words.Clear();
        }

        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\'')
            {
                wordStart ??= i;
                var close = text.IndexOf('\'', i + 1);
                if (close < 0) close = text.Length;
                quoted.Add((word.Length, i + 1 + offset, close - i - 1));
                word.Append(text, i + 1, close - i - 1);
                i = close + 1;
                continue;
            }
            if (c == '"')
            {
                wordStart ??= i;
                i++;
                while (i < text.Length && text[i] != '"')
                {
                    if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\' or '$' or '`' or '\n') i++;
                    word.Append(text[i++]);
                }
                i++;
                continue;
            }
            if (c == '\\' && i + 1 < text.Length)
            {
                if (text[i + 1] == '\n') { i += 2; continue; }
                if (text[i + 1] == '\r' && i + 2 < text.Length && text[i + 2] == '\n') { i += 3; continue; }
                wordStart ??= i;
                word.Append(text[i + 1]);
                i += 2;
                continue;
            }
            if (c == '#' && wordStart is null)
            {
                var end = text.IndexOf('\n', i);
                if (end < 0) end = text.Length;
                if (words.Count == 0) comments.Add(text[(i + 1)..end].Trim());
                i = end;
                continue;
            }
            if (c == '\n')
            {
                var blank = wordStart is null && words.Count == 0;
                EndCommand();
                // A blank line ends the comment block above the next command.
                if (blank && i > 0 && LineIsBlank(text, i)) comments.Clear();
                i++;
                continue;
            }
            if (c is ' ' or '\t' or '\r')
            {
                EndWord();
                i++;
                continue;
            }
            if (c is ';' or '|' or '&')
            {
                EndCommand();
                while (i < text.Length && text[i] is ';' or '|' or '&') i++;
                continue;
            }
            wordStart ??= i;
            word.Append(c);
            i++;
        }
        EndCommand();
        return commands;
    }

    private static bool LineIsBlank(string text, int newline)
    {
        var start = text.LastIndexOf('\n', newline - 1) + 1;
        return text[start..newline].Trim().Length == 0;
    }
}
