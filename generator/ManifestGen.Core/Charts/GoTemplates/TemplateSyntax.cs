namespace ManifestGen.Charts.GoTemplates;

/// <summary>
/// The parse tree of a Go template (text/template, as Helm renders it), reduced to what decides which values it
/// reads: actions, control structures, named templates and their calls. Text between actions is dropped. A closed
/// family: every node a template holds is one of these.
/// </summary>
public abstract record TemplateNode;

/// <summary><c>{{ pipeline }}</c>: its value is written to the output (unless it declares or assigns a variable).</summary>
public sealed record ActionNode(TemplatePipeline Pipeline) : TemplateNode;

/// <summary><c>{{ if }}</c> and <c>{{ else if }}</c> (an else-if is an <see cref="IfNode"/> alone in <see cref="Else"/>).</summary>
public sealed record IfNode(TemplatePipeline Condition, IReadOnlyList<TemplateNode> Then, IReadOnlyList<TemplateNode> Else) : TemplateNode;

/// <summary><c>{{ with }}</c> and <c>{{ else with }}</c>: dot is the pipeline's value inside <see cref="Then"/>.</summary>
public sealed record WithNode(TemplatePipeline Value, IReadOnlyList<TemplateNode> Then, IReadOnlyList<TemplateNode> Else) : TemplateNode;

/// <summary><c>{{ range }}</c>: dot (and the declared variables) take each element in turn.</summary>
public sealed record RangeNode(TemplatePipeline Over, IReadOnlyList<TemplateNode> Body, IReadOnlyList<TemplateNode> Else) : TemplateNode;

/// <summary><c>{{ template "name" pipeline }}</c> (and the call half of <c>{{ block }}</c>).</summary>
public sealed record TemplateCallNode(string Name, TemplatePipeline? Argument) : TemplateNode;

/// <summary>A whole template: its top-level nodes, and the named templates it defines (<c>define</c>, <c>block</c>).</summary>
public sealed record ParsedTemplate(string Name, IReadOnlyList<TemplateNode> Body, IReadOnlyList<NamedTemplate> Defines);

/// <summary><c>{{ define "name" }} … {{ end }}</c>.</summary>
public sealed record NamedTemplate(string Name, string File, IReadOnlyList<TemplateNode> Body);

/// <summary>
/// <c>$a, $b := command | command</c>. <see cref="Declared"/> is empty when the pipeline declares nothing;
/// <see cref="Assigns"/> is <c>=</c> (an existing variable changes) rather than <c>:=</c>.
/// </summary>
public sealed record TemplatePipeline(IReadOnlyList<string> Declared, bool Assigns, IReadOnlyList<Command> Commands)
{
    public bool Declares => Declared.Count > 0;
}

/// <summary>One command of a pipeline: a function and its arguments, or a lone operand. <see cref="Site"/> tells the
/// commands of one chart apart (a map made by <c>dict</c> at one place is one map to the analysis).</summary>
public sealed record Command(IReadOnlyList<Operand> Operands, int Site);

/// <summary>An operand of a command. A closed family.</summary>
public abstract record Operand;

/// <summary><c>.</c> or <c>.a.b</c>: dot, and a chain of fields below it.</summary>
public sealed record FieldOperand(IReadOnlyList<string> Chain) : Operand;

/// <summary><c>$</c>, <c>$x</c> or <c>$x.a.b</c>.</summary>
public sealed record VariableOperand(string Name, IReadOnlyList<string> Chain) : Operand;

/// <summary><c>(pipeline)</c>, possibly followed by fields: <c>(include "x" . | fromYaml).a</c>.</summary>
public sealed record PipelineOperand(TemplatePipeline Pipeline, IReadOnlyList<string> Chain) : Operand;

/// <summary>A function name (<c>include</c>, <c>toYaml</c>) as the first operand of a command.</summary>
public sealed record FunctionOperand(string Name) : Operand;

/// <summary>A string literal (interpreted or raw).</summary>
public sealed record StringOperand(string Value) : Operand;

/// <summary>A number, a character, <c>true</c>, <c>false</c> or <c>nil</c>: a constant that holds no values.</summary>
public sealed record ConstantOperand(string Text) : Operand;
