namespace ManifestGen.HelmPostRenderer;

/// <summary>
/// The kind, name and namespace of a YAML document read from its top-level lines without parsing it:
/// enough to tell whether a workload tuning targets it. A document the cheap reading cannot be sure of
/// (flow style at the top, anchors, tags, quoting it does not follow) says so, and is parsed instead.
/// </summary>
public readonly record struct DocumentHeader(string? Kind, string? Name, string? Namespace, bool Certain)
{
    public static DocumentHeader Read(ReadOnlySpan<char> document)
    {
        string? kind = null, name = null, ns = null;
        var inMetadata = false;
        var metadataIndent = -1;
        var sawKey = false;
        while (document.Length > 0)
        {
            var nl = document.IndexOf('\n');
            var line = nl < 0 ? document : document[..nl];
            document = nl < 0 ? [] : document[(nl + 1)..];
            if (line.Length > 0 && line[^1] == '\r') line = line[..^1];
            if (line.Length > 0 && line[0] == '\uFEFF') line = line[1..];

            var indent = 0;
            while (indent < line.Length && line[indent] == ' ') indent++;
            var body = line[indent..];
            if (body.Length == 0 || body[0] == '#') continue;
            if (indent == 0 && (body.StartsWith("---") || body.StartsWith("...")))
            {
                // A document marker: "--- " followed by content puts a node on the marker line.
                if (body.Length > 3 && body[3..].Trim().Length > 0 && body[3..].TrimStart()[0] != '#') return Unsure;
                continue;
            }
            if (body[0] == '\t') return Unsure;
            // An item of an indentless sequence ("key:" then "- item" at the key's column) belongs to the key above.
            var item = body[0] == '-' && (body.Length == 1 || body[1] == ' ');
            if (indent == 0 && item)
            {
                if (!sawKey) return Unsure; // a document that is a sequence
                continue;
            }
            if (indent == 0)
            {
                sawKey = true;
                inMetadata = false;
                if (!TryKeyValue(body, out var key, out var value, out var certain) || !certain) return Unsure;
                switch (key)
                {
                    case "kind": kind = value; break;
                    case "metadata":
                        if (value is not null) return Unsure; // a flow mapping or an alias
                        inMetadata = true;
                        metadataIndent = -1;
                        break;
                }
                continue;
            }
            if (!inMetadata) continue;
            if (metadataIndent < 0) metadataIndent = indent;
            if (indent != metadataIndent || item) continue;
            if (!TryKeyValue(body, out var k, out var v, out var sure)) return Unsure;
            if (k is "name" or "namespace" && !sure) return Unsure;
            if (k == "name") name = v;
            else if (k == "namespace") ns = v;
        }
        return new DocumentHeader(kind, name, ns, true);
    }

    private static DocumentHeader Unsure => new(null, null, null, false);

    /// <summary>Reads <c>key: value</c>; <paramref name="certain"/> is false for a value the cheap reading cannot decode.</summary>
    private static bool TryKeyValue(ReadOnlySpan<char> body, out string key, out string? value, out bool certain)
    {
        key = "";
        value = null;
        certain = false;
        if (body[0] is '{' or '[' or '&' or '*' or '!' or '?' or '-' or '"' or '\'' or '|' or '>' or '%' or '@' or '`') return false;
        var colon = body.IndexOf(':');
        while (colon >= 0 && colon + 1 < body.Length && body[colon + 1] != ' ') // "a:b" is not a key
        {
            var next = body[(colon + 1)..].IndexOf(':');
            colon = next < 0 ? -1 : colon + 1 + next;
        }
        if (colon <= 0) return false;
        key = body[..colon].TrimEnd().ToString();
        var rest = body[(colon + 1)..];
        var hash = rest.IndexOf(" #");
        if (hash >= 0) rest = rest[..hash];
        rest = rest.Trim();
        certain = true;
        if (rest.Length == 0) return true;
        switch (rest[0])
        {
            case '"':
                if (rest.Length < 2 || rest[^1] != '"' || rest[1..^1].IndexOfAny('\\', '"') >= 0) certain = false;
                else value = rest[1..^1].ToString();
                return true;
            case '\'':
                if (rest.Length < 2 || rest[^1] != '\'' || rest[1..^1].IndexOf('\'') >= 0) certain = false;
                else value = rest[1..^1].ToString();
                return true;
            case '{' or '[' or '&' or '*' or '!' or '|' or '>':
                certain = false;
                return true;
            default:
                value = rest.ToString();
                return true;
        }
    }
}
