
namespace ManifestGen.Import;

/// <summary>A command line of a runbook: its words, and the full-line comments directly above it.</summary>
public sealed record ShellCommand(IReadOnlyList<ShellWord> Words, IReadOnlyList<string> CommentsAbove);
