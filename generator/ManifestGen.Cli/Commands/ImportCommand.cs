using ManifestGen.Diagnostics;
using CommandLine;
using ManifestGen.Composition;
using ManifestGen.Import;

namespace ManifestGen.Cli.Commands;

[Verb("import", HelpText = "Turn a runbook's kubectl patch commands into a ClusterTuning spec, by container name (printed to stdout).")]
public sealed class ImportOptionsVerb
{
    [Value(0, MetaName = "RUNBOOK", Required = true, HelpText = "A Markdown or shell runbook with kubectl patch commands.")]
    public string Runbook { get; set; } = "";

    [Option("observed", Required = true, HelpText = "The live object the commands patch (kubectl get deploy NAME -o yaml > OBJECT.yaml): container indices become names through it.")]
    public string Observed { get; set; } = "";

    [Option("delivery", Default = "kyverno", HelpText = "kyverno (default: a runbook patches live objects an operator usually owns), postRenderer or kustomization.")]
    public string Delivery { get; set; } = "kyverno";
}

/// <summary><c>manifestgen import</c>: the spec on stdout, what was found on stderr; exit 2 when something could not be imported.</summary>
public static class ImportCommand
{
    public static int Run(ImportOptionsVerb options, TextWriter stdout, TextWriter stderr, CliEnvironment env)
    {
        if (ComponentList.UnknownDelivery(options.Delivery) is { } unknown) return DiagnosticPrinter.Refuse(unknown, stdout, stderr, env);
        foreach (var (what, path) in new[] { ("runbook", options.Runbook), ("--observed", options.Observed) })
        {
            if (File.Exists(path)) continue;
            return DiagnosticPrinter.Refuse(Diagnostic.Unplaced(DiagnosticCodes.TargetMissing, path, $"{what} {path}: file not found"), stdout, stderr, env);
        }
        // The working folder is read once, here: Core takes absolute paths.
        var result = RunbookImporter.Import(Path.GetFullPath(options.Runbook), Path.GetFullPath(options.Observed), options.Delivery, Directory.GetCurrentDirectory());
        DiagnosticPrinter.Print(result.Diagnostics, stderr, TextWriter.Null, env);
        if (result.Spec is not null) stdout.Write(result.Spec);
        return result.Spec is null || DiagnosticPrinter.HasErrors(result.Diagnostics) ? ExitCodes.InvalidInput : ExitCodes.Ok;
    }
}
