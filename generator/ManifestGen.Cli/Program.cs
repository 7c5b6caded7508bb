using System.Diagnostics.CodeAnalysis;
using CommandLine;
using ManifestGen.Cli;
using ManifestGen.Cli.Commands;

return ManifestGenCli.Run(args, Console.Out, Console.Error, Console.OpenStandardInput, Console.OpenStandardOutput, CliEnvironment.FromProcess());

namespace ManifestGen.Cli
{
    /// <summary>Entry point, separate from Main so tests can run the CLI in-process.</summary>
    public static class ManifestGenCli
    {
        public static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
            Run(args, stdout, stderr, () => Stream.Null, () => Stream.Null, CliEnvironment.None);

        public static int Run(string[] args, TextWriter stdout, TextWriter stderr, CliEnvironment env) =>
            Run(args, stdout, stderr, () => Stream.Null, () => Stream.Null, env);

        /// <summary>The byte streams serve post-render, whose output must keep the input's bytes (BOM, CRLF).</summary>
        // CommandLineParser sets options through reflection; keep the option types whole when trimming (NativeAOT).
        [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(GenerateOptionsVerb))]
        [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(CheckOptionsVerb))]
        [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(ValidateOptionsVerb))]
        [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(PlanOptionsVerb))]
        [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(PostRenderOptionsVerb))]
        [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(SchemaOptionsVerb))]
        [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(VerifyOptionsVerb))]
        [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(ImportOptionsVerb))]
        [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(InitOptionsVerb))]
        [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(ChartDataOptionsVerb))]
        [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(LintOptionsVerb))]
        [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(CommonOptions))]
        public static int Run(string[] args, TextWriter stdout, TextWriter stderr, Func<Stream> stdinBytes, Func<Stream> stdoutBytes, CliEnvironment env)
        {
            // Help and version go to stdout (they are the output asked for); usage errors go to stderr.
            var helpText = new StringWriter();
            var parser = new Parser(settings =>
            {
                settings.HelpWriter = helpText;
                settings.CaseSensitive = true;
                settings.AutoVersion = true;
                settings.AutoHelp = true;
                settings.AllowMultiInstance = true; // verify --live A --live B
            });
            try
            {
                var result = parser.ParseArguments<GenerateOptionsVerb, CheckOptionsVerb, ValidateOptionsVerb, PlanOptionsVerb, PostRenderOptionsVerb, SchemaOptionsVerb, VerifyOptionsVerb, ImportOptionsVerb, InitOptionsVerb, ChartDataOptionsVerb, LintOptionsVerb>(args);
                return result.MapResult(
                    (GenerateOptionsVerb o) => GenerateCommand.Run(o, stdout, stderr, env),
                    (CheckOptionsVerb o) => CheckCommand.Run(o, stdout, stderr, env),
                    (ValidateOptionsVerb o) => ValidateCommand.Run(o, stdout, stderr, env),
                    (PlanOptionsVerb o) => PlanCommand.Run(o, stdout, stderr, env),
                    (SchemaOptionsVerb _) => SchemaCommand.Run(stdout),
                    (VerifyOptionsVerb o) => VerifyCommand.Run(o, stdout, stderr, stdinBytes, env),
                    (ImportOptionsVerb o) => ImportCommand.Run(o, stdout, stderr, env),
                    (InitOptionsVerb o) => InitCommand.Run(o, stdout, stderr, env),
                    (ChartDataOptionsVerb o) => ChartDataCommand.Run(o, stdout, stderr, env),
                    (LintOptionsVerb o) => LintCommand.Run(o, stdout, stderr, env),
                    (PostRenderOptionsVerb o) => RunPostRender(o, stdout, stderr, stdinBytes, stdoutBytes),
                    errors =>
                    {
                        var asked = errors.All(e => e.Tag is ErrorType.HelpRequestedError or ErrorType.VersionRequestedError or ErrorType.HelpVerbRequestedError);
                        (asked ? stdout : stderr).Write(helpText.ToString());
                        return asked ? ExitCodes.Ok : ExitCodes.InvalidInput;
                    });
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                stderr.WriteLine($"manifestgen: internal error: {e.Message}");
                if (Environment.GetEnvironmentVariable("MANIFESTGEN_DEBUG") is "1" or "true") stderr.WriteLine(e);
                else stderr.WriteLine("(set MANIFESTGEN_DEBUG=1 for the stack trace; please report it)");
                return ExitCodes.InternalError;
            }
        }
    
        private static int RunPostRender(PostRenderOptionsVerb o, TextWriter stdout, TextWriter stderr, Func<Stream> stdinBytes, Func<Stream> stdoutBytes)
        {
            stdout.Flush();
            using var input = stdinBytes();
            using var output = stdoutBytes();
            return PostRenderCommand.Run(o, input, output, stderr);
        }
    }
}
