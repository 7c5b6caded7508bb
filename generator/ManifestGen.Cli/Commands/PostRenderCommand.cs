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
        string text;
        try
        {
            text = Apply(file, spec.Workloads);
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
        stdout.Write(file.Source.WithText(text).ToBytes());
        stdout.Flush();
        return ExitCodes.Ok;
    }

    /// <summary>
    /// Edits each targeted document on its own and splices it back, so the cost grows with the
    /// stream's length plus the size of the targeted documents, not with their product.
    /// </summary>
    private static string Apply(YamlFile stream, IReadOnlyList<WorkloadTuning> workloads)
    {
        var byTarget = new Dictionary<(string?, string?), List<WorkloadTuning>>();
        foreach (var w in workloads)
            (byTarget.TryGetValue((w.Target.Kind, w.Target.Name), out var list) ? list : byTarget[(w.Target.Kind, w.Target.Name)] = []).Add(w);
        var text = stream.Text;
        var docs = stream.Documents;
        var output = new System.Text.StringBuilder(text.Length + 1024);
        var copied = 0;
        for (var i = 0; i < docs.Count; i++)
        {
            var doc = docs[i];
            if (!byTarget.TryGetValue((doc.Kind, doc.Name), out var candidates)) continue;
            var matching = candidates.Where(w => PodTemplate.Matches(doc, w.Target)).ToList();
            if (matching.Count == 0) continue;
            var end = i + 1 < docs.Count ? docs[i + 1].Start : text.Length;
            var piece = YamlFile.Parse(new SourceText(text[doc.Start..end]));
            var index = piece.Documents.First(d => d.Root is not null).Index;
            try
            {
                foreach (var w in matching) piece = ContainerEditor.Apply(piece, index, w);
            }
            catch (YamlEditException e) when (e.Position is { } at)
            {
                // Positions inside the document, moved to where the document starts in the stream.
                var first = stream.Source.PositionOf(doc.Start);
                var line = at.Line + first.Line - 1;
                var column = at.Line == 1 ? at.Column + first.Column - 1 : at.Column;
                throw new YamlEditException(e.Code, e.Message, new SourcePosition(line, column));
            }
            output.Append(text, copied, doc.Start - copied).Append(piece.Text);
            copied = end;
        }
        return copied == 0 ? text : output.Append(text, copied, text.Length - copied).ToString();
    }
}
