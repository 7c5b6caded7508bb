
namespace ManifestGen.Import;

/// <summary>
/// One word of a shell command: its text after quote removal, where it starts in the runbook, and the runs of it
/// that were single-quoted (word index, runbook offset, length), whose characters map back one to one.
/// </summary>
public sealed record ShellWord(string Text, int Start, IReadOnlyList<(int At, int Source, int Length)> Quoted)
{
    /// <summary>The runbook offset of a character of the word (inside a single-quoted run), else the word's start.</summary>
    public int SourceOf(int index)
    {
        foreach (var (at, source, length) in Quoted)
            if (index >= at && index < at + length) return source + (index - at);
        return Start;
    }
}
