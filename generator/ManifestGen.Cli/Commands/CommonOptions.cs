using ManifestGen.Charts;
using CommandLine;
using ManifestGen.Diagnostics;
using ManifestGen.Pipeline;

namespace ManifestGen.Cli.Commands;

/// <summary>Options every verb takes.</summary>
public abstract class CommonOptions
{
    [Option("spec", HelpText = "The tuning spec (manifestgen.io/v1alpha1 ClusterTuning), a folder of specs or a glob (a fleet). Default: cluster-config/tuning.yaml if it exists, else ./tuning.yaml.")]
    public string? SpecOption { get; set; }

    /// <summary>
    /// The spec to run, absolute (the CLI resolves the working folder; Core takes absolute paths): --spec, else the first
    /// default location that exists, else the first (reported missing).
    /// </summary>
    public string Spec => Path.GetFullPath(SpecWritten);

    /// <summary>The same spec as the user wrote it (or the default location found), for messages.</summary>
    public string SpecWritten => SpecOption ?? SpecSet.FindDefault(Directory.GetCurrentDirectory()) ?? SpecSet.DefaultLocations[0];

    /// <summary>Without --spec and with no spec at any default location: the error that names them all, else null.</summary>
    public Diagnostic? MissingDefaultSpec()
    {
        if (SpecOption is not null || SpecSet.FindDefault(Directory.GetCurrentDirectory()) is not null) return null;
        var where = string.Join(" nor ", SpecSet.DefaultLocations.Select(l => l.Contains('/', StringComparison.Ordinal) ? l : "./" + l));
        // Placed at the folder where the search started: the files it looked for do not exist.
        return Diagnostic.Unplaced(DiagnosticCodes.SpecMissing, "./",
            $"no spec: neither {where} exists in {Directory.GetCurrentDirectory()}",
            "pass --spec PATH (a file, a folder of specs or a glob), or write one with manifestgen init");
    }

    [Option("root", HelpText = "Repository root; every path the spec names must stay inside it. Default: the nearest folder above the spec holding .git, else the spec's folder.")]
    public string? Root { get => root; set => root = Full(value); }

    // Path options are made absolute as they are parsed: the working folder is read once, here, never by Core.
    private string? root, templates, charts;

    [Option("templates", HelpText = "Folder with templates that override the built-in ones of the same name.")]
    public string? Templates { get => templates; set => templates = Full(value); }

    [Option("charts", HelpText = "A folder of chart archives (NAME-VERSION.tgz, as helm pull writes them) or unpacked chart folders, used before the built-in chart data.")]
    public string? Charts { get => charts; set => charts = Full(value); }

    [Option("output", Default = "text", HelpText = "text, or json: one machine-readable document with the diagnostics and the changed files.")]
    public string Output { get; set; } = "text";

    public bool Json => string.Equals(Output, "json", StringComparison.Ordinal);

    public GenerateOptions ToGenerateOptions(ChartCatalog catalog, bool reportShared) => new(Spec, Root, Templates, catalog, reportShared);

    /// <summary>A path option, absolute.</summary>
    public static string? Full(string? path) => path is null ? null : Path.GetFullPath(path);
}

[Verb("generate", HelpText = "Write the tuning into the repository's files (in place) and print each file it changed.")]
public sealed class GenerateOptionsVerb : ChartReadingOptions;

[Verb("check", HelpText = "Write nothing; exit 1 and show a diff when committed files differ from what generate would write.")]
public sealed class CheckOptionsVerb : ChartReadingOptions;

[Verb("validate", HelpText = "Check the spec and its target files; print diagnostics only.")]
public sealed class ValidateOptionsVerb : ChartReadingOptions;
