using ManifestGen.Yaml;

namespace ManifestGen.Diagnostics;

/// <summary>
/// One finding, in the shape compilers use: a stable code, a severity, where (file relative to the
/// repository root, 1-based line and column), what, and what to do about it. A diagnostic about a file that does not
/// exist or about a folder has no line: line and column 0, printed as <c>path: error …</c>.
/// </summary>
public sealed record Diagnostic(DiagnosticCode Code, string File, int Line, int Column, string Message, string? Hint = null)
{
    /// <summary>The severity is the code's: a code is reported with one severity, the one its table gives.</summary>
    public Severity Severity => Code.Severity;

    /// <summary>
    /// What a finding is about where that is not its line: the dotted value path of a value finding (MG0009, MG0016,
    /// MG0017). <c>lint --new-from-rev</c> compares findings by it, so a finding that only moved lines is the same.
    /// </summary>
    public string? Subject { get; init; }

    /// <summary>Whether the diagnostic points at a line of a file (not at a folder, nor at a file that does not exist).</summary>
    public bool HasPosition => Line > 0;

    /// <summary>A diagnostic at a place of a file (its start when <paramref name="at"/> is null).</summary>
    public static Diagnostic Of(DiagnosticCode code, string file, SourcePosition? at, string message, string? hint = null) =>
        new(code, file, at?.Line ?? 1, at?.Column ?? 1, message, hint);

    /// <summary>A diagnostic about a folder (shown with a trailing <c>/</c>) or a file that does not exist: no line.</summary>
    public static Diagnostic Unplaced(DiagnosticCode code, string path, string message, string? hint = null) =>
        new(code, path, 0, 0, message, hint);

    /// <summary>A refusal of the YAML engine, placed in the file it concerns.</summary>
    public static Diagnostic FromYaml(YamlEditException e, string file) =>
        Of(e.Code, file, e.Position, e.Message);

    /// <summary><c>file:line:col: error MG2001: message (hint)</c>.</summary>
    public override string ToString()
    {
        var level = Severity switch { Severity.Error => "error", Severity.Warning => "warning", _ => "note" };
        var where = HasPosition ? $"{File}:{Line}:{Column}" : File;
        return $"{where}: {level} {Code}: {Message}" + (Hint is null ? "" : $" (hint: {Hint})");
    }
}
