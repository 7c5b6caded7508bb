using ManifestGen.Pipeline;
using ManifestGen.Diagnostics;
using CommandLine;
using ManifestGen.Composition;
using ManifestGen.HelmPostRenderer;
using ManifestGen.Workspace;

namespace ManifestGen.Cli.Commands;

[Verb("post-render", HelpText = "Read Kubernetes manifests on stdin and write them to stdout with every workload tuning of the spec applied (Helm's --post-renderer contract).")]
public sealed class PostRenderOptionsVerb : CommonOptions;

/// <summary>
/// <c>manifestgen post-render</c>: applies the spec's workload tunings, by container name, to a
/// manifest stream as it flows (<see cref="StreamingPostRenderer"/>). Documents it does not target pass
/// through byte for byte. A targeted object lacking a named container is an error (non-zero exit), never a
/// silent skip, and so is an empty stream (Helm 4 refuses a post-renderer that writes nothing).
/// </summary>
public static class PostRenderCommand
{
    public static int Run(PostRenderOptionsVerb options, Stream stdin, Stream stdout, TextWriter stderr)
    {
        if (options.MissingDefaultSpec() is { } missing)
        {
            DiagnosticPrinter.Print([missing], stderr);
            return ExitCodes.InvalidInput;
        }
        // Helm runs a post-renderer for one release on one cluster: a fleet has no one answer to which tuning applies.
        if (SpecSet.IsFleet(options.Spec))
        {
            DiagnosticPrinter.Print([Diagnostic.Of(DiagnosticCodes.ArgumentMismatch, options.SpecWritten, null,
                "post-render renders one Helm release for one cluster, and --spec names a fleet", "name the cluster's spec file")], stderr);
            return ExitCodes.InvalidInput;
        }
        var specFull = Path.GetFullPath(options.Spec);
        var root = RepositoryRoot.For(specFull, options.Root);
        var (spec, diagnostics) = SpecLoader.Load(specFull, root);
        if (DiagnosticPrinter.Print(diagnostics, stderr) || spec is null) return ExitCodes.InvalidInput;

        try
        {
            StreamingPostRenderer.Render(stdin, stdout, ComponentList.RenderedEdits(spec));
        }
        catch (PostRenderException e)
        {
            stderr.WriteLine($"<stdin>:{(e.Position is { } at ? at.ToString() : "1:1")}: error {e.Code}: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        stdout.Flush();
        return ExitCodes.Ok;
    }
}
