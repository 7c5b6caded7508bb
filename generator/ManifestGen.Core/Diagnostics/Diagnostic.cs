using ManifestGen.Yaml;

namespace ManifestGen.Diagnostics;

/// <summary>
/// One finding, in the shape compilers use: a stable code, a severity, where (file relative to the
/// repository root, 1-based line and column), what, and what to do about it.
/// </summary>
public sealed record Diagnostic(string Code, Severity Severity, string File, int Line, int Column, string Message, string? Hint = null)
{
    public static Diagnostic Error(string code, string file, SourcePosition? at, string message, string? hint = null) =>
        new(code, Severity.Error, file, at?.Line ?? 1, at?.Column ?? 1, message, hint);

    public static Diagnostic Warning(string code, string file, SourcePosition? at, string message, string? hint = null) =>
        new(code, Severity.Warning, file, at?.Line ?? 1, at?.Column ?? 1, message, hint);

    public static Diagnostic Info(string code, string file, SourcePosition? at, string message, string? hint = null) =>
        new(code, Severity.Info, file, at?.Line ?? 1, at?.Column ?? 1, message, hint);

    /// <summary>A refusal of the YAML engine, placed in the file it concerns.</summary>
    public static Diagnostic FromYaml(YamlEditException e, string file) =>
        Error(e.Code, file, e.Position, e.Message);

    /// <summary><c>file:line:col: error MG2001: message (hint)</c>.</summary>
    public override string ToString()
    {
        var level = Severity switch { Severity.Error => "error", Severity.Warning => "warning", _ => "note" };
        return $"{File}:{Line}:{Column}: {level} {Code}: {Message}" + (Hint is null ? "" : $" (hint: {Hint})");
    }
}
