using YamlDotNet.Core;

namespace ManifestGen.Yaml;

/// <summary>
/// A parsed YAML file: its exact source text and, for each document, a node tree whose nodes
/// know their spans in that text. Immutable: an edit produces a new <see cref="YamlFile"/>.
/// </summary>
public sealed class YamlFile
{
    /// <summary>Deeper nesting than this is refused: no Kubernetes object needs it, and it bounds recursion.</summary>
    public const int MaxDepth = 512;

    private YamlFile(SourceText source, IReadOnlyList<YamlDocumentNode> documents)
    {
        Source = source;
        Documents = documents;
    }

    public SourceText Source { get; }
    public IReadOnlyList<YamlDocumentNode> Documents { get; }
    public string Text => Source.Text;

    public static YamlFile Parse(string text) => Parse(new SourceText(text));
    public static YamlFile Parse(byte[] bytes) => Parse(SourceText.FromBytes(bytes));

    public static YamlFile Parse(SourceText source)
    {
        var progress = new YamlTreeBuilder.Progress();
        try
        {
            return new YamlFile(source, YamlTreeBuilder.Build(source, progress));
        }
        catch (YamlException e)
        {
            throw Invalid(e, source);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            // YamlDotNet's scanner sometimes fails this way on broken input when it keeps comments;
            // the plain scanner then gives the real error and its position.
            try
            {
                var parser = new Parser(new StringReader(source.Text));
                while (parser.MoveNext()) { }
            }
            catch (YamlException inner)
            {
                throw Invalid(inner, source);
            }
            catch (Exception again) when (again is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
            {
                // Both scanners fail without a position: name the place after the last event read.
            }
            throw new YamlEditException(YamlCodes.InvalidYaml, "invalid YAML after this point (unterminated flow collection or quote?)",
                source.PositionOf(progress.LastEnd));
        }
    }

    private static YamlEditException Invalid(YamlException e, SourceText source)
    {
        var message = Trim(e.InnerException is YamlException inner ? inner.Message : e.Message);
        var at = new SourcePosition((int)e.Start.Line, (int)e.Start.Column);
        // YamlDotNet places a tab error at the start of the enclosing mapping; point at the tab itself.
        if (message.Contains("tab", StringComparison.OrdinalIgnoreCase) && FirstIndentingTab(source) is { } tab) at = tab;
        return new YamlEditException(YamlCodes.InvalidYaml, "invalid YAML: " + message, at);
    }

    private static SourcePosition? FirstIndentingTab(SourceText source)
    {
        for (var line = 0; line < source.LineCount; line++)
        {
            var text = source.LineText(line);
            var i = 0;
            while (i < text.Length && text[i] == ' ') i++;
            if (i < text.Length && text[i] == '\t') return new SourcePosition(line + 1, i + 1);
        }
        return null;
    }

    /// <summary>The same file with new text (same BOM), parsed again.</summary>
    public YamlFile WithText(string text) => Parse(Source.WithText(text));

    private static string Trim(string message)
    {
        // YamlDotNet prefixes messages with "(Line: 1, Col: 2, Idx: 3) - (...): "; we give the position ourselves.
        var i = message.LastIndexOf("): ", StringComparison.Ordinal);
        return i >= 0 && message.StartsWith("(Line", StringComparison.Ordinal) ? message[(i + 3)..] : message;
    }

}
