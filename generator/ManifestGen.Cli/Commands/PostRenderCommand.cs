using CommandLine;
using ManifestGen.Modules.Workloads;
using ManifestGen.Spec;
using ManifestGen.Yaml;

namespace ManifestGen.Cli.Commands;

[Verb("post-render", HelpText = "Read Kubernetes manifests on stdin and write them to stdout with every workload tuning of the spec applied (Helm's --post-renderer contract).")]
public sealed class PostRenderOptionsVerb : CommonOptions;

/// <summary>
/// <c>manifestgen post-render</c>: applies the spec's workload tunings, by container name, to a
/// manifest stream. Documents it does not target pass through byte for byte. A targeted object
/// lacking a named container is an error (non-zero exit), never a silent skip.
/// </summary>
public static class PostRenderCommand
{
    public static int Run(PostRenderOptionsVerb options, Stream stdin, Stream stdout, TextWriter stderr)
    {
        var specFull = Path.GetFullPath(options.Spec);
        var root = RepositoryRoot.For(specFull, options.Root);
        var (spec, diagnostics) = SpecLoader.Load(specFull, root);
        if (DiagnosticPrinter.Print(diagnostics, stderr) || spec is null) return ExitCodes.InvalidInput;

        using var buffer = new MemoryStream();
        stdin.CopyTo(buffer);
        var bytes = buffer.ToArray();
        YamlFile file;
        try
        {
            file = YamlFile.Parse(bytes);
        }
        catch (YamlEditException e)
        {
            stderr.WriteLine($"<stdin>:{e.Position}: error {e.Code}: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        try
        {
            foreach (var workload in spec.Workloads)
            {
                // Indices are stable: edits change documents in place, never their number.
                foreach (var index in file.Documents.Where(d => PodTemplate.Matches(d, workload.Target)).Select(d => d.Index).ToList())
                    file = ContainerEditor.Apply(file, index, workload);
            }
        }
        catch (WorkloadMismatchException e)
        {
            stderr.WriteLine($"<stdin>: error MG3005: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (YamlEditException e)
        {
            stderr.WriteLine($"<stdin>:{e.Position}: error {e.Code}: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        // Untouched text re-encodes to the very bytes read (BOM and line endings included).
        stdout.Write(file.Source.ToBytes());
        stdout.Flush();
        return ExitCodes.Ok;
    }
}
