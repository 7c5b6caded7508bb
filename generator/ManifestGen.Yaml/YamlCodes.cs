
namespace ManifestGen.Yaml;

/// <summary>The codes of the YAML engine (MG1xxx), explained in docs/yaml-engine.md: this assembly's code table.</summary>
public static class YamlCodes
{
    private const string Doc = "docs/yaml-engine.md";
    private static readonly List<DiagnosticCode> all = [];

    /// <summary>Every code of this assembly, in the order defined.</summary>
    public static IReadOnlyList<DiagnosticCode> All => all;

    private static DiagnosticCode Define(string code, string title, Severity severity = Severity.Error)
    {
        var c = new DiagnosticCode(code, severity, title, Doc);
        all.Add(c);
        return c;
    }

    public static readonly DiagnosticCode NotUtf8 = Define("MG1001", "the file is not valid UTF-8");
    public static readonly DiagnosticCode InvalidYaml = Define("MG1002", "invalid YAML");
    public static readonly DiagnosticCode DuplicateKey = Define("MG1003", "a duplicate mapping key");
    public static readonly DiagnosticCode TooDeep = Define("MG1004", "nesting deeper than 512 levels");
    public static readonly DiagnosticCode EmptyStream = Define("MG1005", "post-render read an empty stream (Helm treats empty output as an error)");
    public static readonly DiagnosticCode NoDocumentMatches = Define("MG1010", "no document matches the selector");
    public static readonly DiagnosticCode DocumentsMatch = Define("MG1011", "more than one document matches the selector");
    public static readonly DiagnosticCode WrongNodeType = Define("MG1101", "the path runs into a node of the wrong type");
    public static readonly DiagnosticCode ThroughAlias = Define("MG1102", "an edit through an alias, or inside an anchor aliases share");
    public static readonly DiagnosticCode FlowCollection = Define("MG1103", "an edit a flow collection cannot take faithfully");
    public static readonly DiagnosticCode IntoString = Define("MG1104", "descending into a string (a block holding a template)");
    public static readonly DiagnosticCode NoItemMatches = Define("MG1106", "no item matches [field=value]");
    public static readonly DiagnosticCode ItemsMatch = Define("MG1107", "more than one item matches [field=value]");
    public static readonly DiagnosticCode NotDeletable = Define("MG1108", "a delete of something that is not a mapping key or a sequence item");
    public static readonly DiagnosticCode EmptyDocument = Define("MG1109", "a value created in an empty document");
    public static readonly DiagnosticCode NotLiteralBlock = Define("MG1110", "YAML to edit inside a block scalar that is not a literal block");
    public static readonly DiagnosticCode NotRestorable = Define("MG1111", "a value restored at a path that is no longer a mapping entry");
    public static readonly DiagnosticCode ChangedMore = Define("MG1198", "self-check: an edit changed more than asked (internal error)");
    public static readonly DiagnosticCode DoesNotParse = Define("MG1199", "self-check: an edit would write YAML that does not parse (internal error)");
}
