namespace ManifestGen.Tests.Support;

/// <summary>
/// Tests that run a verb in-process from a given current folder (init and import read it, as a user's shell
/// would give it). The current folder belongs to the whole process, so these run alone, after the others.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CurrentFolderCollection
{
    public const string Name = "current folder";

    /// <summary>Runs the CLI with <paramref name="folder"/> as the current folder.</summary>
    public static (int Code, string Stdout, string Stderr) Run(string folder, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var before = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(folder);
        try
        {
            var code = ManifestGen.Cli.ManifestGenCli.Run(args, stdout, stderr);
            return (code, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Directory.SetCurrentDirectory(before);
        }
    }
}
