using System.Text;

namespace ManifestGen.Charts.GoTemplates;

/// <summary>A template that does not parse as Go's text/template parses it (Helm would refuse to render it too).</summary>
public sealed class TemplateSyntaxException(string message) : Exception(message);

/// <summary>
/// Parses Go templates as text/template does (actions between <c>{{</c> and <c>}}</c>, trim markers, comments,
/// <c>if</c>/<c>else if</c>/<c>with</c>/<c>else with</c>/<c>range</c>/<c>define</c>/<c>block</c>/<c>template</c>),
/// keeping only the actions. Templates are untrusted input: nesting is bounded, and a template that does not parse
/// is a <see cref="TemplateSyntaxException"/>, never a crash or a hang.
/// </summary>
public sealed class TemplateParser
{
    /// <summary>Deeper nesting of blocks or parentheses than any real chart has.</summary>
    public const int MaxDepth = 200;

    private readonly string file;
    private readonly List<List<Token>> actions = [];
    private readonly List<NamedTemplate> defines = [];
    private int next;
    private int site;

    private TemplateParser(string file, string text, int firstSite)
    {
        this.file = file;
        site = firstSite;
        foreach (var body in Actions(text)) actions.Add(new Lexer(body).Tokens());
    }

    /// <param name="file">The template's path in its chart, for messages and for <see cref="NamedTemplate.File"/>.</param>
    /// <param name="firstSite">The number of the first command (<see cref="Command.Site"/>) of this template.</param>
    public static ParsedTemplate Parse(string file, string text, ref int firstSite)
    {
        var parser = new TemplateParser(file, text, firstSite);
        var body = parser.List(0, out var end);
        if (end is not null) throw new TemplateSyntaxException($"{file}: unexpected {{{{{end}}}}}");
        firstSite = parser.site;
        return new ParsedTemplate(file, body, parser.defines);
    }

    // ----- the action list: structure -----

    /// <summary>Nodes up to an <c>end</c> or <c>else</c> (returned in <paramref name="terminator"/>: "end", "else"), or the end of the text (null).</summary>
    private List<TemplateNode> List(int depth, out string? terminator) => List(depth, out terminator, out _);

    private List<TemplateNode> List(int depth, out string? terminator, out List<Token> terminatorRest)
    {
        if (depth > MaxDepth) throw new TemplateSyntaxException($"{file}: blocks nest deeper than {MaxDepth}");
        var nodes = new List<TemplateNode>();
        terminatorRest = [];
        while (next < actions.Count)
        {
            var tokens = actions[next++];
            if (tokens.Count == 0) continue;
            var keyword = tokens[0].Type == TokenType.Identifier ? tokens[0].Text : null;
            var rest = tokens.Skip(1).ToList();
            switch (keyword)
            {
                case "end":
                    terminator = "end";
                    return nodes;
                case "else":
                    terminator = "else";
                    terminatorRest = rest;
                    return nodes;
                case "if":
                    nodes.Add(If(ParsePipeline(rest, depth), depth));
                    break;
                case "with":
                    nodes.Add(With(ParsePipeline(rest, depth), depth));
                    break;
                case "range":
                {
                    var over = ParsePipeline(rest, depth);
                    var body = List(depth + 1, out var t);
                    var otherwise = t == "else" ? Closed(depth) : Expect(t, []);
                    nodes.Add(new RangeNode(over, body, otherwise));
                    break;
                }
                case "define":
                {
                    var name = NameOf(rest, "define");
                    var body = List(depth + 1, out var t);
                    Expect(t, body);
                    defines.Add(new NamedTemplate(name, file, body));
                    break;
                }
                case "block":
                {
                    var name = NameOf(rest, "block");
                    var argument = rest.Count > 1 ? ParsePipeline(rest.Skip(1).ToList(), depth) : null;
                    var body = List(depth + 1, out var t);
                    Expect(t, body);
                    defines.Add(new NamedTemplate(name, file, body));
                    nodes.Add(new TemplateCallNode(name, argument));
                    break;
                }
                case "template":
                {
                    var name = NameOf(rest, "template");
                    nodes.Add(new TemplateCallNode(name, rest.Count > 1 ? ParsePipeline(rest.Skip(1).ToList(), depth) : null));
                    break;
                }
                case "break":
                case "continue":
                    break;
                default:
                    nodes.Add(new ActionNode(ParsePipeline(tokens, depth)));
                    break;
            }
        }
        terminator = null;
        return nodes;
    }

    /// <summary>An if, with its else and else-if chain (an else-if is an if alone in the else branch, sharing the one end).</summary>
    private IfNode If(TemplatePipeline condition, int depth)
    {
        var then = List(depth + 1, out var t, out var rest);
        if (t != "else") return new IfNode(condition, Expect(t, then), []);
        if (rest.Count > 0 && rest[0] is { Type: TokenType.Identifier, Text: "if" })
            return new IfNode(condition, then, [If(ParsePipeline(rest.Skip(1).ToList(), depth), depth + 1)]);
        return new IfNode(condition, then, Closed(depth));
    }

    private WithNode With(TemplatePipeline value, int depth)
    {
        var then = List(depth + 1, out var t, out var rest);
        if (t != "else") return new WithNode(value, Expect(t, then), []);
        if (rest.Count > 0 && rest[0] is { Type: TokenType.Identifier, Text: "with" })
            return new WithNode(value, then, [With(ParsePipeline(rest.Skip(1).ToList(), depth), depth + 1)]);
        return new WithNode(value, then, Closed(depth));
    }

    /// <summary>An else branch, up to its end.</summary>
    private List<TemplateNode> Closed(int depth)
    {
        var nodes = List(depth + 1, out var t);
        if (t != "end") throw new TemplateSyntaxException($"{file}: an else branch ends with {t ?? "the end of the template"}, not {{{{end}}}}");
        return nodes;
    }

    private List<TemplateNode> Expect(string? terminator, List<TemplateNode> nodes) =>
        terminator == "end" ? nodes : throw new TemplateSyntaxException($"{file}: a block is not closed with {{{{end}}}}");

    private string NameOf(List<Token> rest, string keyword) =>
        rest.Count > 0 && rest[0].Type == TokenType.String ? rest[0].Text
            : throw new TemplateSyntaxException($"{file}: {keyword} without a quoted name");

    // ----- pipelines, commands, operands -----

    private TemplatePipeline ParsePipeline(List<Token> tokens, int depth)
    {
        if (depth > MaxDepth) throw new TemplateSyntaxException($"{file}: parentheses nest deeper than {MaxDepth}");
        var declared = new List<string>();
        var assigns = false;
        var op = tokens.FindIndex(t => t.Type is TokenType.Declare or TokenType.Assign);
        if (op > 0 && tokens.Take(op).All(t => t.Type is TokenType.Variable or TokenType.Comma)
            && tokens.Take(op).Where(t => t.Type == TokenType.Variable).All(t => !t.Text.Contains('.')))
        {
            declared.AddRange(tokens.Take(op).Where(t => t.Type == TokenType.Variable).Select(t => t.Text));
            assigns = tokens[op].Type == TokenType.Assign;
            tokens = tokens.Skip(op + 1).ToList();
        }
        var commands = new List<Command>();
        foreach (var part in Split(tokens)) commands.Add(new Command(Operands(part, depth), site++));
        return new TemplatePipeline(declared, assigns, commands);
    }

    private List<Operand> Operands(List<Token> tokens, int depth)
    {
        var operands = new List<Operand>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            switch (t.Type)
            {
                case TokenType.Open:
                {
                    var level = 1;
                    var j = i + 1;
                    for (; j < tokens.Count && level > 0; j++)
                    {
                        if (tokens[j].Type == TokenType.Open) level++;
                        else if (tokens[j].Type == TokenType.Close) level--;
                    }
                    if (level != 0) throw new TemplateSyntaxException($"{file}: unclosed parenthesis");
                    var inner = ParsePipeline(tokens.GetRange(i + 1, j - i - 2), depth + 1);
                    IReadOnlyList<string> chain = [];
                    if (j < tokens.Count && tokens[j].Type == TokenType.Chain)
                    {
                        chain = Fields(tokens[j].Text);
                        j++;
                    }
                    operands.Add(new PipelineOperand(inner, chain));
                    i = j - 1;
                    break;
                }
                case TokenType.Close:
                    throw new TemplateSyntaxException($"{file}: unexpected right parenthesis");
                case TokenType.Field:
                    operands.Add(new FieldOperand(Fields(t.Text)));
                    break;
                case TokenType.Variable:
                {
                    var dot = t.Text.IndexOf('.');
                    operands.Add(dot < 0 ? new VariableOperand(t.Text, []) : new VariableOperand(t.Text[..dot], Fields(t.Text[dot..])));
                    break;
                }
                case TokenType.String:
                    operands.Add(new StringOperand(t.Text));
                    break;
                case TokenType.Identifier:
                    operands.Add(t.Text is "true" or "false" or "nil" ? new ConstantOperand(t.Text) : new FunctionOperand(t.Text));
                    break;
                default:
                    operands.Add(new ConstantOperand(t.Text));
                    break;
            }
        }
        return operands;
    }

    private static List<string> Fields(string chain) => chain.Split('.', StringSplitOptions.RemoveEmptyEntries).ToList();

    private static IEnumerable<List<Token>> Split(List<Token> tokens)
    {
        var current = new List<Token>();
        var depth = 0;
        foreach (var t in tokens)
        {
            if (t.Type == TokenType.Open) depth++;
            if (t.Type == TokenType.Close) depth--;
            if (t.Type == TokenType.Pipe && depth == 0)
            {
                yield return current;
                current = [];
                continue;
            }
            current.Add(t);
        }
        yield return current;
    }

    // ----- the text: actions between delimiters -----

    /// <summary>The body of each action, trim markers taken off, comments dropped.</summary>
    private IEnumerable<string> Actions(string text)
    {
        var pos = 0;
        while (true)
        {
            var open = text.IndexOf("{{", pos, StringComparison.Ordinal);
            if (open < 0) yield break;
            var i = open + 2;
            if (i + 1 < text.Length && text[i] == '-' && IsSpace(text[i + 1])) i += 2;
            while (i < text.Length && IsSpace(text[i])) i++;
            if (i + 1 < text.Length && text[i] == '/' && text[i + 1] == '*')
            {
                var close = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (close < 0) throw new TemplateSyntaxException($"{file}: unclosed comment");
                var after = close + 2;
                while (after < text.Length && IsSpace(text[after])) after++;
                if (after < text.Length && text[after] == '-') after++;
                if (after + 1 >= text.Length || text[after] != '}' || text[after + 1] != '}')
                    throw new TemplateSyntaxException($"{file}: comment ends before the closing delimiter");
                pos = after + 2;
                continue;
            }
            var start = i;
            // The closing delimiter, outside strings, raw strings and characters.
            while (i < text.Length)
            {
                var c = text[i];
                if (c is '"' or '\'')
                {
                    i++;
                    while (i < text.Length && text[i] != c && text[i] != '\n') i += text[i] == '\\' ? 2 : 1;
                    i++;
                    continue;
                }
                if (c == '`')
                {
                    var close = text.IndexOf('`', i + 1);
                    if (close < 0) throw new TemplateSyntaxException($"{file}: unclosed raw string");
                    i = close + 1;
                    continue;
                }
                if (c == '}' && i + 1 < text.Length && text[i + 1] == '}') break;
                i++;
            }
            if (i >= text.Length) throw new TemplateSyntaxException($"{file}: unclosed action");
            pos = i + 2;
            var end = i;
            if (end - 2 >= start && text[end - 1] == '-' && IsSpace(text[end - 2])) end--;
            yield return text[start..Math.Max(start, end)];
        }
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\n';

    // ----- tokens of one action -----

    private enum TokenType { Identifier, Field, Chain, Variable, String, Constant, Open, Close, Pipe, Comma, Declare, Assign }

    private readonly record struct Token(TokenType Type, string Text);

    private sealed class Lexer(string text)
    {
        public List<Token> Tokens()
        {
            var tokens = new List<Token>();
            var i = 0;
            while (i < text.Length)
            {
                var c = text[i];
                if (IsSpace(c)) { i++; continue; }
                switch (c)
                {
                    case '(': tokens.Add(new Token(TokenType.Open, "(")); i++; continue;
                    case ')':
                        tokens.Add(new Token(TokenType.Close, ")"));
                        i++;
                        if (i + 1 < text.Length && text[i] == '.' && IsNameStart(text[i + 1]))
                        {
                            var start = i;
                            i = Chain(i);
                            tokens.Add(new Token(TokenType.Chain, text[start..i]));
                        }
                        continue;
                    case '|': tokens.Add(new Token(TokenType.Pipe, "|")); i++; continue;
                    case ',': tokens.Add(new Token(TokenType.Comma, ",")); i++; continue;
                    case ':' when i + 1 < text.Length && text[i + 1] == '=': tokens.Add(new Token(TokenType.Declare, ":=")); i += 2; continue;
                    case '=': tokens.Add(new Token(TokenType.Assign, "=")); i++; continue;
                    case '"':
                    {
                        var sb = new StringBuilder();
                        i++;
                        while (i < text.Length && text[i] != '"')
                        {
                            if (text[i] == '\\' && i + 1 < text.Length)
                            {
                                i++;
                                sb.Append(text[i] switch { 'n' => '\n', 't' => '\t', 'r' => '\r', var e => e });
                            }
                            else sb.Append(text[i]);
                            i++;
                        }
                        i++;
                        tokens.Add(new Token(TokenType.String, sb.ToString()));
                        continue;
                    }
                    case '`':
                    {
                        var close = text.IndexOf('`', i + 1);
                        var end = close < 0 ? text.Length : close;
                        tokens.Add(new Token(TokenType.String, text[(i + 1)..end]));
                        i = end + 1;
                        continue;
                    }
                    case '\'':
                    {
                        var start = i++;
                        while (i < text.Length && text[i] != '\'') i += text[i] == '\\' ? 2 : 1;
                        i = Math.Min(text.Length, i + 1);
                        tokens.Add(new Token(TokenType.Constant, text[start..i]));
                        continue;
                    }
                    case '.':
                    {
                        var start = i;
                        if (i + 1 < text.Length && IsNameStart(text[i + 1])) i = Chain(i);
                        else if (i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))
                        {
                            // .5 is a number
                            i++;
                            while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '.' or '_')) i++;
                            tokens.Add(new Token(TokenType.Constant, text[start..i]));
                            continue;
                        }
                        else i++;
                        tokens.Add(new Token(TokenType.Field, text[start..i]));
                        continue;
                    }
                    case '$':
                    {
                        var start = i++;
                        while (i < text.Length && IsNamePart(text[i])) i++;
                        if (i + 1 < text.Length && text[i] == '.' && IsNameStart(text[i + 1])) i = Chain(i);
                        tokens.Add(new Token(TokenType.Variable, text[start..i]));
                        continue;
                    }
                }
                if (IsNameStart(c))
                {
                    var start = i;
                    while (i < text.Length && IsNamePart(text[i])) i++;
                    tokens.Add(new Token(TokenType.Identifier, text[start..i]));
                    // A field chain right after a niladic function or a method: ignore the chain's keys, they are not values.
                    if (i + 1 < text.Length && text[i] == '.' && IsNameStart(text[i + 1])) i = Chain(i);
                    continue;
                }
                if (char.IsAsciiDigit(c) || c is '-' or '+')
                {
                    var start = i++;
                    while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '.' or '_' or '+' or '-')) i++;
                    tokens.Add(new Token(TokenType.Constant, text[start..i]));
                    continue;
                }
                // Anything else holds no values (Go would refuse some of it; Helm too).
                tokens.Add(new Token(TokenType.Constant, c.ToString()));
                i++;
            }
            return tokens;
        }

        /// <summary>The end of a field chain <c>.a.b.c</c> starting at <paramref name="i"/> (a dot).</summary>
        private int Chain(int i)
        {
            while (i + 1 < text.Length && text[i] == '.' && IsNameStart(text[i + 1]))
            {
                i++;
                while (i < text.Length && IsNamePart(text[i])) i++;
            }
            return i;
        }

        private static bool IsNameStart(char c) => char.IsLetter(c) || c == '_';
        private static bool IsNamePart(char c) => char.IsLetterOrDigit(c) || c == '_';
    }
}
