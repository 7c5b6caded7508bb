using CommandLine;
using ManifestGen.Cli;
using ManifestGen.Cli.Commands;

return ManifestGenCli.Run(args, Console.Out, Console.Error);

namespace ManifestGen.Cli
{
    /// <summary>Entry point, separate from Main so tests can run the CLI in-process.</summary>
    public static class ManifestGenCli
    {
        public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
        {
            var parser = new Parser(settings =>
            {
                settings.HelpWriter = stderr;
                settings.CaseSensitive = true;
                settings.AutoVersion = true;
                settings.AutoHelp = true;
            });
            try
            {
                var result = parser.ParseArguments<GenerateOptionsVerb, CheckOptionsVerb, ValidateOptionsVerb>(args);
                return result.MapResult(
                    (GenerateOptionsVerb o) => GenerateCommand.Run(o, stdout, stderr),
                    (CheckOptionsVerb o) => CheckCommand.Run(o, stdout, stderr),
                    (ValidateOptionsVerb o) => ValidateCommand.Run(o, stdout, stderr),
                    errors => errors.Any(e => e.Tag is ErrorType.HelpRequestedError or ErrorType.VersionRequestedError or ErrorType.HelpVerbRequestedError)
                        ? ExitCodes.Ok
                        : ExitCodes.InvalidInput);
            }
            catch (Exception e)
            {
                stderr.WriteLine($"manifestgen: internal error: {e.Message}");
                if (Environment.GetEnvironmentVariable("MANIFESTGEN_DEBUG") is "1" or "true") stderr.WriteLine(e);
                else stderr.WriteLine("(set MANIFESTGEN_DEBUG=1 for the stack trace; please report it)");
                return ExitCodes.InternalError;
            }
        }
    }
}
