using ManifestGen.Yaml;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace ManifestGen.Tests.Support;

/// <summary>
/// Validates objects against the openAPIV3Schema of a real CRD (../shared/schemas). Strict in the
/// manner of kubeconform -strict: an object schema that lists properties and does not preserve
/// unknown fields rejects fields it does not list, so a misspelled key fails instead of being pruned.
/// </summary>
public sealed class CrdSchema
{
    private readonly JsonSchema schema;

    private CrdSchema(JsonSchema schema) => this.schema = schema;

    public static CrdSchema Load(string crdFileName, string version)
    {
        var path = Path.Combine(RepoPaths.RequireShared(), "schemas", crdFileName);
        var crd = (YamlMap)YamlValue.Parse(File.ReadAllText(path));
        var versions = (YamlSeq)((YamlMap)crd.Get("spec")!).Get("versions")!;
        var match = versions.Items.OfType<YamlMap>().Single(v => ((YamlScalar)v.Get("name")!).Value.Text == version);
        var openApi = ((YamlMap)match.Get("schema")!).Get("openAPIV3Schema")!;
        var json = (JObject)ToJson(openApi);
        Tighten(json);
        return new CrdSchema(JsonSchema.FromJsonAsync(json.ToString()).GetAwaiter().GetResult());
    }

    /// <summary>The validation errors for one object, as "path: kind" lines; empty when valid.</summary>
    public IReadOnlyList<string> Validate(YamlValue obj) => Flatten(schema.Validate(ToJson(obj))).ToList();

    // Errors inside array items and sub-schemas come nested; list the innermost ones with their paths.
    public static IEnumerable<string> Flatten(IEnumerable<NJsonSchema.Validation.ValidationError> errors)
    {
        foreach (var e in errors)
        {
            if (e is NJsonSchema.Validation.ChildSchemaValidationError child && child.Errors.Count > 0)
            {
                foreach (var inner in Flatten(child.Errors.SelectMany(kv => kv.Value))) yield return inner;
            }
            else yield return $"{e.Path}: {e.Kind}{(e.Property is null ? "" : $" ({e.Property})")}";
        }
    }

    public static JToken ToJson(YamlValue value) => value switch
    {
        YamlMap m => new JObject(m.Entries.Select(e => new JProperty(e.Key, ToJson(e.Value)))),
        YamlSeq q => new JArray(q.Items.Select(ToJson)),
        YamlCommented c => ToJson(c.Inner),
        YamlScalar { Value.Kind: ScalarKind.Integer } s => new JValue(long.Parse(s.Value.Canonical, System.Globalization.CultureInfo.InvariantCulture)),
        YamlScalar { Value.Kind: ScalarKind.Float } s => new JValue(double.Parse(s.Value.Text, System.Globalization.CultureInfo.InvariantCulture)),
        YamlScalar { Value.Kind: ScalarKind.Boolean } s => new JValue(s.Value.Canonical == "true"),
        YamlScalar { Value.Kind: ScalarKind.Null } => JValue.CreateNull(),
        YamlScalar s => new JValue(s.Value.Text),
        _ => throw new InvalidOperationException(value.GetType().Name),
    };

    private static void Tighten(JToken token)
    {
        if (token is JObject obj)
        {
            var preserves = obj["x-kubernetes-preserve-unknown-fields"]?.Value<bool>() == true;
            if (obj["properties"] is JObject && obj["additionalProperties"] is null && !preserves)
                obj["additionalProperties"] = false;
            foreach (var p in obj.Properties()) Tighten(p.Value);
        }
        else if (token is JArray arr)
        {
            foreach (var item in arr) Tighten(item);
        }
    }
}
