namespace ManifestGen.Import;

/// <summary>
/// One <c>kubectl patch</c> of a runbook: the object it patches, how, the patch text, and where it stands
/// (the runbook offset of <c>kubectl</c>, and the word the patch came from, for positions inside it).
/// </summary>
public sealed record KubectlPatch(
    string Kind,
    string Name,
    string? Namespace,
    PatchType Type,
    string Patch,
    ShellWord? PatchWord,
    int At,
    IReadOnlyList<string> CommentsAbove,
    string? PatchFile)
{
    /// <summary>The runbook offset of a character of the patch text (a patch file's text maps to the command).</summary>
    public int SourceOf(int index) => PatchWord is { } word && PatchFile is null ? word.SourceOf(PatchOffset + index) : At;

    /// <summary>Where the patch starts in its word (after <c>--patch=</c>).</summary>
    public int PatchOffset { get; init; }
}
