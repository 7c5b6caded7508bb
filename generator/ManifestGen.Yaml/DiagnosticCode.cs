namespace ManifestGen.Yaml;

public enum Severity { Info, Warning, Error }

/// <summary>
/// One entry of a code table: the stable code (<c>MG0009</c>), the severity it is reported with, a title, and
/// where it is explained. Each assembly keeps one table (<c>YamlCodes</c>, <c>DiagnosticCodes</c>); no code is
/// written anywhere else, and the tests check the tables against each other and against the README.
/// </summary>
public sealed record DiagnosticCode(string Code, Severity Severity, string Title, string ExplainedIn)
{
    public override string ToString() => Code;
}
