using System.Reflection;
using ManifestGen.Diagnostics;
using ManifestGen.Yaml;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace ManifestGen.Templates;

/// <summary>
/// Renders the files the tool owns from Scriban templates: the ones in <c>templates/</c> embedded in
/// the assembly, or a user's copy in <c>--templates DIR</c> when it has a file of that name.
/// Variables must exist (a misspelled member is an error, not an empty string), loops and recursion
/// are bounded, templates cannot include other files, and values reach YAML through <c>yaml</c> only.
/// </summary>
public sealed class TemplateRenderer(string? overrideDir)
{
    private static readonly Assembly Assembly = typeof(TemplateRenderer).Assembly;

    // Parsed templates by source and text: a fleet renders the same few templates thousands of times.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Source, string Text), Template> Parsed = new();

    private int _standardLibraryRenders;

    /// <summary>How many renders reached for Scriban's standard library (the built-in templates must not: see <see cref="TemplateBuiltins"/>).</summary>
    internal int StandardLibraryRenders => Volatile.Read(ref _standardLibraryRenders);

    public string Render(string name, ScriptObject model)
    {
        var (text, source) = Load(name);
        var template = Parsed.GetOrAdd((source, text), key => Template.Parse(key.Text, key.Source));
        if (template.HasErrors)
            throw new InvalidInputException(template.Messages.Select(m => Diagnostic.Of(DiagnosticCodes.Internal, source,
                new SourcePosition(m.Span.Start.Line + 1, m.Span.Start.Column + 1), "template error: " + m.Message)).ToList());
        var builtins = new TemplateBuiltins();
        var context = new TemplateContext(builtins)
        {
            StrictVariables = true,
            LoopLimit = 10_000,
            RecursiveLimit = 64,
            NewLine = "\n",
            TemplateLoader = null,
            EnableRelaxedMemberAccess = false,
        };
        var globals = new ScriptObject();
        globals["yaml"] = new YamlTemplateFunction(Yaml);
        globals["yaml_key"] = new YamlTemplateFunction(v => YamlWriter.FormatKey(Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? ""));
        foreach (var (k, v) in model) globals[k] = v;
        context.PushGlobal(globals);
        try
        {
            return template.Render(context).Replace("\r\n", "\n");
        }
        catch (ScriptRuntimeException e)
        {
            throw new InvalidInputException(Diagnostic.Of(DiagnosticCodes.Internal, source,
                new SourcePosition(e.Span.Start.Line + 1, e.Span.Start.Column + 1), "template error: " + e.OriginalMessage));
        }
        finally
        {
            if (builtins.ReachedStandardLibrary) Interlocked.Increment(ref _standardLibraryRenders);
        }
    }

    /// <summary>The one way a template writes a value into YAML: a scalar in its plainest safe form.</summary>
    public static string Yaml(object? value) => value switch
    {
        null => "null",
        bool b => ScalarFormatter.Format(ScalarValue.Boolean(b)),
        int or long or short or byte => ScalarFormatter.Format(new ScalarValue(ScalarKind.Integer, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!)),
        string s => ScalarFormatter.FormatString(s),
        _ => ScalarFormatter.FormatString(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""),
    };

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Embedded = new();

    private (string Text, string Source) Load(string name)
    {
        if (overrideDir is not null)
        {
            var dir = Path.GetFullPath(overrideDir);
            var full = Path.GetFullPath(Path.Combine(dir, name));
            if (!full.StartsWith(dir + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                throw new InvalidInputException(Diagnostic.Of(DiagnosticCodes.SpecPathOutsideRoot, name, null, "template name leaves the templates folder"));
            if (File.Exists(full)) return (File.ReadAllText(full), full);
        }
        return (Embedded.GetOrAdd(name, n =>
        {
            using var stream = Assembly.GetManifestResourceStream("templates/" + n)
                ?? throw new InvalidOperationException($"embedded template templates/{n} is missing from the build");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }), "templates/" + name);
    }
}
