using CommandLine;
using ManifestGen.Spec;

namespace ManifestGen.Cli.Commands;

[Verb("schema", HelpText = "Print the JSON Schema of the spec (the file docs/tuning.schema.json), for editors and CI.")]
public sealed class SchemaOptionsVerb;

public static class SchemaCommand
{
    public static int Run(TextWriter stdout)
    {
        stdout.Write(SpecSchema.Text());
        return ExitCodes.Ok;
    }
}
