using System.Text;

namespace ManifestGen.Charts;

/// <summary>
/// What a chart's templates read of its values: every <c>.Values.a.b</c> reference, followed through variables
/// (<c>$socketLB := .Values.socketLB</c>, then <c>$socketLB.hostNamespaceOnly</c>), <c>with</c> (inside
/// <c>with .Values.x</c>, <c>.y</c> is <c>x.y</c>), <c>index</c>/<c>get</c>/<c>hasKey</c>/<c>dig</c> with literal
/// keys, and the pass-through functions (<c>default</c>, <c>coalesce</c>, <c>or</c>, <c>ternary</c>). A subtree
/// handed whole to a function that reads all of it (<c>toYaml</c>, <c>include</c>, <c>tpl</c>, <c>merge</c>, a
/// <c>dict</c> argument) or iterated with <c>range</c> is <see cref="Whole"/>: every key below it is read.
/// It is a reader of Go's template syntax for this question only: it never renders anything.
/// </summary>
public sealed class TemplateReads
{
    private readonly HashSet<string> seen = new(StringComparer.Ordinal);
    private readonly HashSet<string> wholeSeen = new(StringComparer.Ordinal);

    /// <summary>Paths the templates read (each a list of keys below <c>.Values</c>).</summary>
    public List<string[]> Read { get; } = [];

    /// <summary>Paths whose whole subtree the templates read.</summary>
    public List<string[]> Whole { get; } = [];

    internal void AddRead(string[] path)
    {
        if (path.Length > 0 && seen.Add(string.Join('\u0001', path))) Read.Add(path);
    }

    internal void AddWhole(string[] path)
    {
        if (path.Length > 0 && wholeSeen.Add(string.Join('\u0001', path))) Whole.Add(path);
    }

    /// <summary>Adds what one template file reads.</summary>
    public void Scan(string text) => new Scanner(text, this).Run();

    // Functions that read the whole of a values subtree they are given.
    private static readonly HashSet<string> ReadsWhole = new(StringComparer.Ordinal)
    {
        "toYaml", "toJson", "toPrettyJson", "toRawJson", "mustToJson", "mustToPrettyJson", "mustToRawJson", "fromYaml",
        "include", "tpl", "template", "merge", "mergeOverwrite", "mustMerge", "mustMergeOverwrite", "deepCopy", "mustDeepCopy",
        "omit", "pick", "keys", "values", "dict", "toString", "quote", "squote", "printf", "print", "println", "toStrings",
        "b64enc", "sha256sum", "sha1sum", "adler32sum", "nindent", "indent", "trim", "upper", "lower",
    };

    // Functions that return one of their arguments.
    private static readonly HashSet<string> PassThrough = new(StringComparer.Ordinal)
    {
        "default", "coalesce", "or", "and", "ternary", "required", "first", "last", "mustFirst", "mustLast", "set", "unset", "fail",
    };

    /// <summary>An abstract value: the root context, a place in the values, or something else.</summary>
    private readonly record struct Value(Kind Kind, string[] Path, string? Literal = null)
    {
        public static readonly Value Unknown = new(Kind.Unknown, []);
        public static readonly Value Top = new(Kind.Top, []);
        public static Value String(string s) => new(Kind.Unknown, [], s);
    }

    private enum Kind { Unknown, Top, Values }

    private sealed class Scanner(string text, TemplateReads reads)
    {
        private int pos;
        private readonly Stack<(string Block, List<Value> Dot, List<Value> OuterDot)> blocks = new();
        private Dictionary<string, List<Value>> vars = new(StringComparer.Ordinal);
        private List<Value> dot = [Value.Top];

        public void Run()
        {
            while (NextAction() is { } action)
            {
                try
                {
                    Action(action);
                }
                catch (FormatException)
                {
                    // An action this reader cannot follow reads nothing it can name; the rest of the file still counts.
                }
            }
        }

        /// <summary>The text between the next <c>{{</c> and its <c>}}</c>, trim markers and comments removed.</summary>
        private string? NextAction()
        {
            while (true)
            {
                var open = text.IndexOf("{{", pos, StringComparison.Ordinal);
                if (open < 0) return null;
                var i = open + 2;
                if (i < text.Length && text[i] == '-' && i + 1 < text.Length && char.IsWhiteSpace(text[i + 1])) i++;
                var start = i;
                // Find the closing braces outside strings.
                while (i < text.Length)
                {
                    var c = text[i];
                    if (c == '"' || c == '\'')
                    {
                        i++;
                        while (i < text.Length && text[i] != c) i += text[i] == '\\' ? 2 : 1;
                        i++;
                        continue;
                    }
                    if (c == '`')
                    {
                        var close = text.IndexOf('`', i + 1);
                        i = close < 0 ? text.Length : close + 1;
                        continue;
                    }
                    if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
                    {
                        var close = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                        i = close < 0 ? text.Length : close + 2;
                        continue;
                    }
                    if (c == '}' && i + 1 < text.Length && text[i + 1] == '}') break;
                    i++;
                }
                if (i >= text.Length) return null;
                pos = i + 2;
                var end = i;
                if (end - 1 >= start && text[end - 1] == '-' && end - 2 >= start && char.IsWhiteSpace(text[end - 2])) end--;
                var body = text[start..Math.Max(start, end)].Trim();
                if (body.StartsWith("/*", StringComparison.Ordinal)) continue;
                return body;
            }
        }

        private void Action(string body)
        {
            var tokens = new Lexer(body).Tokens();
            if (tokens.Count == 0) return;
            var first = tokens[0];
            var rest = tokens.Skip(1).ToList();
            switch (first.Type == TokenType.Identifier ? first.Text : "")
            {
                case "if":
                    Push("if", dot);
                    Pipeline(rest);
                    return;
                case "with":
                    var value = Pipeline(rest);
                    Push("with", value.Count == 0 ? [Value.Unknown] : value);
                    return;
                case "range":
                    foreach (var v in Pipeline(rest, declaresRange: true))
                        if (v.Kind == Kind.Values) reads.AddWhole(v.Path);
                    Push("range", [Value.Unknown]);
                    return;
                case "define":
                    Push("define", [Value.Top]);
                    vars = new Dictionary<string, List<Value>>(StringComparer.Ordinal);
                    return;
                case "block":
                    WholeOf(Pipeline(rest.Skip(1).ToList()));
                    Push("define", [Value.Top]);
                    return;
                case "template":
                    WholeOf(Pipeline(rest.Skip(1).ToList()));
                    return;
                case "else":
                    if (blocks.Count == 0) return;
                    var (block, _, outer) = blocks.Pop();
                    if (rest.Count > 0 && rest[0].Type == TokenType.Identifier && rest[0].Text == "with")
                    {
                        blocks.Push((block, outer, outer));
                        dot = outer;
                        var next = Pipeline(rest.Skip(1).ToList());
                        blocks.Pop();
                        blocks.Push((block, next, outer));
                        dot = next.Count == 0 ? [Value.Unknown] : next;
                        return;
                    }
                    blocks.Push((block, outer, outer));
                    dot = outer;
                    if (rest.Count > 0 && rest[0].Type == TokenType.Identifier && rest[0].Text == "if") Pipeline(rest.Skip(1).ToList());
                    return;
                case "end":
                    if (blocks.Count == 0) return;
                    var popped = blocks.Pop();
                    dot = popped.OuterDot;
                    if (popped.Block == "define") vars = new Dictionary<string, List<Value>>(StringComparer.Ordinal);
                    return;
                case "break":
                case "continue":
                    return;
                default:
                    Pipeline(tokens);
                    return;
            }
        }

        private void Push(string block, List<Value> newDot)
        {
            blocks.Push((block, newDot, dot));
            dot = newDot;
        }

        private void WholeOf(List<Value> values)
        {
            foreach (var v in values)
                if (v.Kind == Kind.Values) reads.AddWhole(v.Path);
        }

        /// <summary>Evaluates a pipeline (with its optional declaration) and returns what it may stand for.</summary>
        private List<Value> Pipeline(List<Token> tokens, bool declaresRange = false)
        {
            var declared = new List<string>();
            var assign = false;
            var opIndex = tokens.FindIndex(t => t.Type is TokenType.Declare or TokenType.Assign);
            if (opIndex > 0 && tokens.Take(opIndex).All(t => t.Type is TokenType.Variable or TokenType.Comma))
            {
                declared.AddRange(tokens.Take(opIndex).Where(t => t.Type == TokenType.Variable).Select(t => t.Text));
                assign = tokens[opIndex].Type == TokenType.Assign;
                tokens = tokens.Skip(opIndex + 1).ToList();
            }
            var result = new List<Value>();
            var input = (List<Value>?)null;
            foreach (var command in Split(tokens, TokenType.Pipe))
            {
                result = Command(command, input);
                input = result;
            }
            if (declared.Count > 0)
            {
                // range $k, $v := X: the variables are a key and an element, not X itself.
                var bound = declaresRange ? [Value.Unknown] : result;
                foreach (var name in declared)
                {
                    if (assign && vars.TryGetValue(name, out var old)) vars[name] = [.. old, .. bound];
                    else vars[name] = bound;
                }
            }
            return result;
        }

        private List<Value> Command(List<Token> tokens, List<Value>? input)
        {
            if (tokens.Count == 0) return input ?? [];
            var operands = Operands(tokens);
            if (operands.Count == 0) return [];
            if (operands[0].Function is { } function)
            {
                var args = operands.Skip(1).Select(o => o.Values).ToList();
                if (input is not null) args.Add(input);
                return Call(function, args, operands.Skip(1).Select(o => o.Literal).Concat(input is null ? [] : [(string?)null]).ToList());
            }
            // A lone operand (a field chain or a variable), possibly receiving a pipeline: its value.
            return operands[0].Values;
        }

        private List<Value> Call(string function, List<List<Value>> args, List<string?> literals)
        {
            switch (function)
            {
                case "index":
                case "get":
                    if (args.Count == 0) return [Value.Unknown];
                    var keys = literals.Skip(1).ToList();
                    var baseValues = args[0];
                    if (keys.Count == 0) return baseValues;
                    if (keys.Any(k => k is null))
                    {
                        // A key computed at render time: any key below may be read.
                        WholeOf(baseValues);
                        return [Value.Unknown];
                    }
                    return Follow(baseValues, keys!);
                case "hasKey":
                    if (args.Count >= 2 && literals[1] is { } key) Follow(args[0], [key]);
                    return [Value.Unknown];
                case "dig":
                    // dig "a" "b" DEFAULT DICT
                    if (args.Count >= 3 && literals.Take(args.Count - 2).All(l => l is not null))
                        Follow(args[^1], literals.Take(args.Count - 2).Select(l => l!).ToList());
                    else if (args.Count > 0) WholeOf(args[^1]);
                    return [Value.Unknown];
                case "pluck":
                    if (args.Count >= 2 && literals[0] is { } pluckKey)
                        foreach (var d in args.Skip(1)) Follow(d, [pluckKey]);
                    return [Value.Unknown];
            }
            if (ReadsWhole.Contains(function))
            {
                foreach (var a in args) WholeOf(a);
                return [Value.Unknown];
            }
            if (PassThrough.Contains(function))
            {
                var union = args.SelectMany(a => a).Where(v => v.Kind != Kind.Unknown).ToList();
                return union.Count == 0 ? [Value.Unknown] : union;
            }
            return [Value.Unknown];
        }

        /// <summary>Each value followed by literal keys; every place reached counts as read.</summary>
        private List<Value> Follow(List<Value> values, IReadOnlyList<string> keys)
        {
            var result = new List<Value>();
            foreach (var v in values)
            {
                var current = v;
                foreach (var key in keys) current = Field(current, key);
                result.Add(current);
            }
            return result;
        }

        private Value Field(Value value, string name)
        {
            switch (value.Kind)
            {
                case Kind.Values:
                    var path = new string[value.Path.Length + 1];
                    value.Path.CopyTo(path, 0);
                    path[^1] = name;
                    reads.AddRead(path);
                    return new Value(Kind.Values, path);
                default:
                    // .Values of the root, or of whatever a helper was handed ($root, .root, a dict): the chart's values.
                    return name == "Values" ? new Value(Kind.Values, []) : Value.Unknown;
            }
        }

        private sealed record Operand(List<Value> Values, string? Function = null, string? Literal = null);

        private List<Operand> Operands(List<Token> tokens)
        {
            var result = new List<Operand>();
            var i = 0;
            while (i < tokens.Count)
            {
                var t = tokens[i];
                switch (t.Type)
                {
                    case TokenType.Open:
                        var depth = 1;
                        var j = i + 1;
                        while (j < tokens.Count && depth > 0)
                        {
                            if (tokens[j].Type == TokenType.Open) depth++;
                            else if (tokens[j].Type == TokenType.Close) depth--;
                            j++;
                        }
                        var inner = Pipeline(tokens.Skip(i + 1).Take(Math.Max(0, j - i - 2)).ToList());
                        i = j;
                        // (expr).field.chain
                        if (i < tokens.Count && tokens[i].Type == TokenType.Field)
                        {
                            inner = inner.Select(v => FieldChain(v, tokens[i].Text)).ToList();
                            i++;
                        }
                        result.Add(new Operand(inner));
                        continue;
                    case TokenType.Field:
                        result.Add(new Operand(t.Text == "." ? dot : dot.Select(v => FieldChain(v, t.Text)).ToList()));
                        break;
                    case TokenType.Variable:
                        var (name, chain) = SplitVariable(t.Text);
                        var bound = name == "$" ? [Value.Top] : vars.GetValueOrDefault(name) ?? [Value.Unknown];
                        result.Add(new Operand(chain.Length == 0 ? bound : bound.Select(v => FieldChain(v, chain)).ToList()));
                        break;
                    case TokenType.String:
                        result.Add(new Operand([Value.String(t.Text)], Literal: t.Text));
                        break;
                    case TokenType.Identifier:
                        if (t.Text is "true" or "false" or "nil") result.Add(new Operand([Value.Unknown]));
                        else result.Add(new Operand([Value.Unknown], Function: result.Count == 0 ? t.Text : null));
                        break;
                    default:
                        result.Add(new Operand([Value.Unknown]));
                        break;
                }
                i++;
            }
            return result;
        }

        private Value FieldChain(Value start, string chain)
        {
            var current = start;
            foreach (var name in chain.Split('.', StringSplitOptions.RemoveEmptyEntries)) current = Field(current, name);
            return current;
        }

        private static (string Name, string Chain) SplitVariable(string text)
        {
            var dotAt = text.IndexOf('.');
            return dotAt < 0 ? (text, "") : (text[..dotAt], text[dotAt..]);
        }

        private static IEnumerable<List<Token>> Split(List<Token> tokens, TokenType separator)
        {
            var current = new List<Token>();
            var depth = 0;
            foreach (var t in tokens)
            {
                if (t.Type == TokenType.Open) depth++;
                if (t.Type == TokenType.Close) depth--;
                if (t.Type == separator && depth == 0)
                {
                    yield return current;
                    current = [];
                    continue;
                }
                current.Add(t);
            }
            yield return current;
        }
    }

    private enum TokenType { Identifier, Field, Variable, String, Number, Open, Close, Pipe, Comma, Declare, Assign, Other }

    private readonly record struct Token(TokenType Type, string Text);

    /// <summary>Go template action tokens: fields (<c>.a.b</c>), variables (<c>$x.a</c>), strings, parentheses, pipes.</summary>
    private sealed class Lexer(string text)
    {
        public List<Token> Tokens()
        {
            var tokens = new List<Token>();
            var i = 0;
            while (i < text.Length)
            {
                var c = text[i];
                if (char.IsWhiteSpace(c)) { i++; continue; }
                switch (c)
                {
                    case '(': tokens.Add(new Token(TokenType.Open, "(")); i++; continue;
                    case ')':
                        tokens.Add(new Token(TokenType.Close, ")"));
                        i++;
                        if (i < text.Length && text[i] == '.' && i + 1 < text.Length && IsNameStart(text[i + 1]))
                        {
                            var start = i;
                            i = Chain(i);
                            tokens.Add(new Token(TokenType.Field, text[start..i]));
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
                            if (text[i] == '\\' && i + 1 < text.Length) { i++; sb.Append(text[i] switch { 'n' => '\n', 't' => '\t', var e => e }); }
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
                        var close = text.IndexOf('\'', i + 1);
                        i = close < 0 ? text.Length : close + 1;
                        tokens.Add(new Token(TokenType.Other, "'"));
                        continue;
                    }
                    case '.':
                    {
                        var start = i;
                        if (i + 1 < text.Length && IsNameStart(text[i + 1])) i = Chain(i);
                        else i++;
                        tokens.Add(new Token(TokenType.Field, text[start..i]));
                        continue;
                    }
                    case '$':
                    {
                        var start = i;
                        i++;
                        while (i < text.Length && IsNamePart(text[i])) i++;
                        if (i < text.Length && text[i] == '.' && i + 1 < text.Length && IsNameStart(text[i + 1])) i = Chain(i);
                        tokens.Add(new Token(TokenType.Variable, text[start..i]));
                        continue;
                    }
                }
                if (IsNameStart(c))
                {
                    var start = i;
                    while (i < text.Length && IsNamePart(text[i])) i++;
                    tokens.Add(new Token(TokenType.Identifier, text[start..i]));
                    continue;
                }
                if (char.IsAsciiDigit(c) || c is '-' or '+')
                {
                    var start = i;
                    i++;
                    while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '.' or '_' or '+' or '-')) i++;
                    tokens.Add(new Token(TokenType.Number, text[start..i]));
                    continue;
                }
                tokens.Add(new Token(TokenType.Other, c.ToString()));
                i++;
            }
            return tokens;
        }

        /// <summary>The end of a field chain <c>.a.b.c</c> starting at <paramref name="i"/> (a dot).</summary>
        private int Chain(int i)
        {
            while (i < text.Length && text[i] == '.' && i + 1 < text.Length && IsNameStart(text[i + 1]))
            {
                i++;
                while (i < text.Length && IsNamePart(text[i])) i++;
            }
            return i;
        }

        private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_';
        private static bool IsNamePart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
    }
}
