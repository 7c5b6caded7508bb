using ManifestGen.Diagnostics;
using ManifestGen.Yaml;

namespace ManifestGen.Spec;

/// <summary>
/// Typed reads from the spec's node tree that report, rather than throw, what is wrong and where:
/// unknown keys (with the nearest valid one), wrong types, missing required keys.
/// </summary>
internal sealed class SpecReader(YamlFile file, string repoPath, DiagnosticBag bag)
{
    public string RepoPath => repoPath;

    public SpecLocation At(YamlNode node) => new(repoPath, file.Source.PositionOf(node.ContentStart));
    public SpecLocation At(MappingEntry entry) => new(repoPath, file.Source.PositionOf(entry.Key.ContentStart));

    public int ErrorCount { get; private set; }

    public void Error(string code, YamlNode node, string message, string? hint = null)
    {
        ErrorCount++;
        bag.Add(Diagnostic.Error(code, repoPath, file.Source.PositionOf(node.ContentStart), message, hint));
    }

    /// <summary>The mapping at <paramref name="node"/>; null (after an error) when it is something else; null silently when absent or null.</summary>
    public MappingNode? Map(YamlNode? node, string path)
    {
        switch (node)
        {
            case null:
            case ScalarNode s when s.ToValue().Kind == ScalarKind.Null:
                return null;
            case MappingNode m:
                return m;
            default:
                Error(DiagnosticCodes.SpecWrongType, node, $"{path} must be a mapping, not a {YamlLocatorName(node)}");
                return null;
        }
    }

    public void Keys(MappingNode map, string path, params string[] allowed)
    {
        foreach (var entry in map.Entries)
        {
            var key = entry.KeyText ?? "";
            if (allowed.Contains(key, StringComparer.Ordinal)) continue;
            var near = NameSuggester.Nearest(key, allowed);
            Error(DiagnosticCodes.SpecUnknownKey, entry.Key, $"unknown key '{key}' in {path}",
                near is not null ? $"did you mean '{near}'?" : $"valid keys: {string.Join(", ", allowed)}");
        }
    }

    public MappingEntry? Entry(MappingNode map, string key) => map.Find(key);

    public ScalarValue? Scalar(MappingNode map, string key, string path, bool required)
    {
        var entry = map.Find(key);
        if (entry is null)
        {
            if (required) Error(DiagnosticCodes.SpecMissingKey, map, $"{path}.{key} is required");
            return null;
        }
        if (entry.Value is not ScalarNode s)
        {
            Error(DiagnosticCodes.SpecWrongType, entry.Value, $"{path}.{key} must be a scalar, not a {YamlLocatorName(entry.Value)}");
            return null;
        }
        var value = s.ToValue();
        if (value.Kind == ScalarKind.Null)
        {
            if (required) Error(DiagnosticCodes.SpecMissingKey, entry.Key, $"{path}.{key} has no value");
            return null;
        }
        return value;
    }

    public string? String(MappingNode map, string key, string path, bool required = false)
    {
        var value = Scalar(map, key, path, required);
        if (value is null) return null;
        if (value.Kind != ScalarKind.String)
        {
            Error(DiagnosticCodes.SpecWrongType, map.Find(key)!.Value, $"{path}.{key} must be a string, not {Describe(value)}",
                $"quote it: \"{value.Text}\"");
            return null;
        }
        return value.Text;
    }

    public long? Integer(MappingNode map, string key, string path, long min = long.MinValue, long max = long.MaxValue)
    {
        var value = Scalar(map, key, path, required: false);
        if (value is null) return null;
        var node = map.Find(key)!.Value;
        if (value.Kind != ScalarKind.Integer || !long.TryParse(value.Canonical, out var n))
        {
            Error(DiagnosticCodes.SpecWrongType, node, $"{path}.{key} must be a whole number, not {Describe(value)}");
            return null;
        }
        if (n < min || n > max)
        {
            Error(DiagnosticCodes.SpecBadValue, node, $"{path}.{key} must be between {min} and {max}, not {n}");
            return null;
        }
        return n;
    }

    public bool? Bool(MappingNode map, string key, string path)
    {
        var value = Scalar(map, key, path, required: false);
        if (value is null) return null;
        if (value.Kind != ScalarKind.Boolean)
        {
            Error(DiagnosticCodes.SpecWrongType, map.Find(key)!.Value, $"{path}.{key} must be true or false, not {Describe(value)}");
            return null;
        }
        return ScalarResolver.IsTrue(value.Text);
    }

    private static string Describe(ScalarValue v) => v.Kind switch
    {
        ScalarKind.String => $"the string \"{v.Text}\"",
        _ => $"the {v.Kind.ToString().ToLowerInvariant()} {v.Text}",
    };

    private static string YamlLocatorName(YamlNode node) => node switch
    {
        MappingNode => "mapping",
        SequenceNode => "sequence",
        AliasNode => "alias",
        _ => "scalar",
    };
}
