using System.Text.RegularExpressions;
using k8s.Models;
using ManifestGen.Diagnostics;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Spec;

/// <summary>
/// Typed reads from the spec's node tree that report, rather than throw, what is wrong and where:
/// unknown keys (with the nearest valid one), wrong types, missing required keys.
/// </summary>
internal sealed partial class SpecReader(YamlFile file, string repoPath, DiagnosticBag bag, string specDir, RepositoryRoot root)
{

    public RepositoryRoot Root => root;

    public SpecLocation At(YamlNode node) => new(repoPath, file.Source.PositionOf(node.ContentStart));
    public SpecLocation At(MappingEntry entry) => new(repoPath, file.Source.PositionOf(entry.Key.ContentStart));

    public int ErrorCount { get; private set; }

    public void Error(DiagnosticCode code, YamlNode node, string message, string? hint = null)
    {
        ErrorCount++;
        bag.Add(Diagnostic.Of(code, repoPath, file.Source.PositionOf(node.ContentStart), message, hint));
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

    public void Keys(MappingNode map, string path, params string[] allowed) => Keys(map, path, allowed, explain: null);

    /// <param name="explain">What to say of an unknown key that asks for something the component does not have
    /// (null: a spelling of a valid key is suggested).</param>
    public void Keys(MappingNode map, string path, IReadOnlyList<string> allowed, Func<string, string?>? explain)
    {
        foreach (var entry in map.Entries)
        {
            var key = entry.KeyText ?? "";
            if (allowed.Contains(key, StringComparer.Ordinal)) continue;
            var near = NameSuggester.Nearest(key, allowed);
            Error(DiagnosticCodes.SpecUnknownKey, entry.Key, $"unknown key '{key}' in {path}",
                explain?.Invoke(key) ?? (near is not null ? $"did you mean '{near}'?" : $"valid keys: {string.Join(", ", allowed)}"));
        }
    }

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

    /// <summary>A string that must be one of <paramref name="valid"/>; null (after an error naming the nearest) when it is not.</summary>
    public string? OneOf(MappingNode map, string key, string path, IReadOnlyList<string> valid, bool required = false)
    {
        var value = String(map, key, path, required);
        if (value is null || valid.Contains(value, StringComparer.Ordinal)) return value;
        var near = NameSuggester.Nearest(value, valid);
        Error(DiagnosticCodes.SpecBadValue, map.Find(key)!.Value, $"{path}.{key} '{value}' is not one of {string.Join(", ", valid)}",
            near is not null ? $"did you mean '{near}'?" : null);
        return null;
    }

    /// <summary>A path the spec names at <paramref name="key"/>, resolved and confined to the repository; null after an error.</summary>
    public (string Written, string Full, YamlNode Node)? Resolve(MappingNode map, string key, string path)
    {
        var written = String(map, key, path, required: true);
        if (written is null) return null;
        var node = map.Find(key)!.Value;
        var full = root.Resolve(specDir, written, out var why);
        if (full is null)
        {
            Error(DiagnosticCodes.SpecPathOutsideRoot, node, $"{path}.{key}: '{written}' is refused: {why}");
            return null;
        }
        return (written, full, node);
    }

    /// <summary>A file the spec names, which must exist; null after an error.</summary>
    public TargetFile? Target(MappingNode map, string key, string path)
    {
        if (Resolve(map, key, path) is not var (written, full, node)) return null;
        if (!File.Exists(full))
        {
            Error(DiagnosticCodes.TargetMissing, node, $"{path}.{key}: file not found: {written}", "paths are relative to the spec's folder");
            return null;
        }
        return new TargetFile(written, root.Relative(full), At(node));
    }

    /// <summary>
    /// Kubernetes quantities under <c>requests</c> or <c>limits</c>: in the canonical form the schema states (no sign,
    /// no spaces, no exponent), then checked with Kubernetes' own parser.
    /// </summary>
    public void Quantities(MappingNode resources, string key, string path, List<KeyValuePair<string, string>> into)
    {
        if (Map(resources.Find(key)?.Value, $"{path}.resources.{key}") is not { } m) return;
        foreach (var q in m.Entries)
        {
            var resource = q.KeyText ?? "";
            var text = q.Value is ScalarNode sn ? sn.Value : "";
            try
            {
                if (!CanonicalQuantity().IsMatch(text)) throw new FormatException("not canonical");
                var quantity = new ResourceQuantity(text);
                if (quantity.ToDecimal() < 0) throw new FormatException("negative");
                into.Add(new(resource, text));
            }
            catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
            {
                var hint = ByteSuffix().IsMatch(text) ? $"Kubernetes writes bytes as {text[..^1].ToUpperInvariant().Replace("K", "k")} (powers of 1000) or {text[..^2]}{char.ToUpperInvariant(text[^2])}i (powers of 1024)" : null;
                Error(DiagnosticCodes.SpecBadQuantity, q.Value, $"{path}.resources.{key}.{resource}: '{text}' is not a Kubernetes quantity", hint);
            }
        }
    }

    /// <summary>The pattern of docs/tuning.schema.json's quantities (SpecShapeTests holds the two to the same line).</summary>
    [GeneratedRegex("^[0-9]+(\\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$")]
    private static partial Regex CanonicalQuantity();

    [GeneratedRegex("^[0-9]+[kKMGTPE]B$")]
    private static partial Regex ByteSuffix();

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
