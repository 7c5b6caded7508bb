using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace ManifestGen.Templates;

/// <summary>
/// A one-argument template function written against Scriban's interface rather than imported from a
/// delegate: the delegate import reflects over the method, which trimming and NativeAOT cannot keep.
/// </summary>
internal sealed class YamlTemplateFunction(Func<object?, string> body) : IScriptCustomFunction
{
    public int RequiredParameterCount => 1;
    public int ParameterCount => 1;
    public ScriptVarParamKind VarParamKind => ScriptVarParamKind.None;
    public Type ReturnType => typeof(string);

    public ScriptParameterInfo GetParameterInfo(int index) => new(typeof(object), "value");

    public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
    {
        if (arguments.Count != 1)
            throw new ScriptRuntimeException(callerContext?.Span ?? default, $"expects one argument, not {arguments.Count}");
        return body(arguments[0]);
    }

    public ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        new(Invoke(context, callerContext, arguments, blockStatement));
}
