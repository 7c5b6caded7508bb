using Scriban;
using Scriban.Functions;
using Scriban.Parsing;
using Scriban.Runtime;

namespace ManifestGen.Templates;

/// <summary>
/// The builtin scope of every template context: empty until a template names something it does not
/// define, and only then Scriban's standard library (<c>string</c>, <c>array</c>, <c>math</c> ...).
/// Scriban builds that library by reflecting over a few hundred CLR methods, once per process: in the
/// native build that was over half of the instructions of a whole <c>check</c> of the example
/// (bench/RESULTS.md). The built-in templates use no builtin, so they never pay for it; a user's
/// template in <c>--templates</c> that calls <c>string.upcase</c> still works as it always did.
/// </summary>
internal sealed class TemplateBuiltins : ScriptObject
{
    private ScriptObject? _standardLibrary;

    /// <summary>Whether a template in this context reached for Scriban's standard library.</summary>
    public bool ReachedStandardLibrary => _standardLibrary is not null;

    private ScriptObject StandardLibrary => _standardLibrary ??= new BuiltinFunctions();

    public override bool Contains(string member) => base.Contains(member) || StandardLibrary.Contains(member);

    public override bool TryGetValue(TemplateContext? context, SourceSpan span, string member, out object? value) =>
        base.TryGetValue(context, span, member, out value) || StandardLibrary.TryGetValue(context, span, member, out value);
}
