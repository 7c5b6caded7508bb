namespace ManifestGen.Spec;

/// <summary>The JSON Schema of the spec (docs/tuning.schema.json, embedded), for editors and `manifestgen schema`.</summary>
public static class SpecSchema
{
    public static string Text()
    {
        using var stream = typeof(SpecSchema).Assembly.GetManifestResourceStream("schema/tuning.schema.json")
            ?? throw new InvalidOperationException("the embedded schema is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
