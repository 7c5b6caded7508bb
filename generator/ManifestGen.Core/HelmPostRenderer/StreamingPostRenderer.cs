using System.Text;
using ManifestGen.Components;
using ManifestGen.Yaml;

namespace ManifestGen.HelmPostRenderer;

/// <summary>
/// Applies the spec's edits of rendered objects (<see cref="IComponent.RenderedEdits"/>: the workload tunings) to a manifest stream as it flows: the stream is cut at its document markers,
/// each document's kind and name are read from its top-level lines (<see cref="DocumentHeader"/>), and only
/// a document a tuning targets is parsed and edited; every other one is written out as the very bytes read.
/// Memory is bounded by the largest document, not by the stream.
/// </summary>
public static class StreamingPostRenderer
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <returns>How many documents were edited.</returns>
    public static int Render(Stream input, Stream output, IReadOnlyList<RenderedEdit> edits)
    {
        var targets = edits.Select(e => (e.Kind, e.Name)).ToHashSet();
        using var reader = new StreamReader(input, StrictUtf8, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
        using var writer = new StreamWriter(output, StrictUtf8, bufferSize: 1 << 16, leaveOpen: true) { AutoFlush = false };
        var document = new StringBuilder();
        var line = new StringBuilder();
        var documentLine = 1; // the stream line the current document starts on
        var lines = 0;
        var edited = 0;
        var anyContent = false;
        // Comment-only documents before the first manifest wait here: a stream without manifests writes nothing.
        var pending = new StringBuilder();
        var buffer = new char[1 << 16];
        int read;
        try
        {
            while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
            {
                var start = 0;
                for (var i = 0; i < read; i++)
                {
                    if (buffer[i] != '\n') continue;
                    line.Append(buffer, start, i - start + 1);
                    start = i + 1;
                    EndOfLine();
                }
                line.Append(buffer, start, read - start);
            }
        }
        catch (DecoderFallbackException)
        {
            throw new PostRenderException(YamlCodes.NotUtf8, "the input is not valid UTF-8", new SourcePosition(lines + 1, 1));
        }
        if (line.Length > 0) EndOfLine();
        if (!anyContent)
            throw new PostRenderException(YamlCodes.EmptyStream,
                "the input holds no manifests: a post-renderer gets the rendered chart on stdin (Helm 4 refuses a post-renderer that writes nothing)");
        Flush();
        writer.Flush();
        return edited;

        void EndOfLine()
        {
            lines++;
            var isMarker = line.Length >= 3 && line[0] == '-' && line[1] == '-' && line[2] == '-' && (line.Length == 3 || line[3] is ' ' or '\t' or '\r' or '\n');
            if (isMarker && document.Length > 0) Flush();
            if (!anyContent && HasContent(line)) anyContent = true;
            document.Append(line);
            line.Clear();
        }

        void Write(string text)
        {
            if (!anyContent)
            {
                pending.Append(text);
                return;
            }
            if (pending.Length > 0)
            {
                writer.Write(pending);
                pending.Clear();
            }
            writer.Write(text);
        }

        void Flush()
        {
            if (document.Length == 0) return;
            var text = document.ToString();
            var header = DocumentHeader.Read(text);
            if (!header.Certain || (header.Kind is not null && header.Name is not null && targets.Contains((header.Kind, header.Name))))
            {
                var result = Edit(text, edits, documentLine);
                if (!ReferenceEquals(result, text)) edited++;
                Write(result);
            }
            else Write(text);
            documentLine = lines + (line.Length > 0 ? 0 : 1);
            document.Clear();
        }
    }

    /// <summary>Whether a line holds YAML content (not blank, not a comment, not a document marker).</summary>
    private static bool HasContent(StringBuilder line)
    {
        if (line.Length >= 3 && ((line[0] == '-' && line[1] == '-' && line[2] == '-') || (line[0] == '.' && line[1] == '.' && line[2] == '.'))
            && (line.Length == 3 || line[3] is ' ' or '\t' or '\r' or '\n'))
        {
            var rest = line.ToString(3, line.Length - 3).Trim();
            return rest.Length > 0 && rest[0] != '#';
        }
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c is ' ' or '\t' or '\r' or '\n' or '\uFEFF') continue;
            return c != '#';
        }
        return false;
    }

    /// <summary>Parses one document and applies the tunings that target it; the text itself when none does.</summary>
    private static string Edit(string text, IReadOnlyList<RenderedEdit> edits, int firstLine)
    {
        YamlFile piece;
        try
        {
            piece = YamlFile.Parse(new SourceText(text));
        }
        catch (YamlEditException e)
        {
            throw Moved(e, firstLine);
        }
        var doc = piece.Documents.FirstOrDefault(d => d.Root is not null);
        if (doc is null) return text;
        var matching = edits.Where(e => e.Matches(doc)).ToList();
        if (matching.Count == 0) return text;
        try
        {
            foreach (var e in matching) piece = e.Apply(piece, doc.Index);
        }
        catch (YamlEditException e)
        {
            throw Moved(e, firstLine);
        }
        catch (RenderedEditRefusedException e)
        {
            throw new PostRenderException(e.Code, e.Message, new SourcePosition(firstLine, 1));
        }
        // The document's own byte-order mark (the stream's first document) is kept aside by the parser: put it back.
        return piece.Source.HasBom ? "\uFEFF" + piece.Text : piece.Text;
    }

    private static PostRenderException Moved(YamlEditException e, int firstLine) =>
        new(e.Code, e.Message, e.Position is { } at ? new SourcePosition(at.Line + firstLine - 1, at.Column) : new SourcePosition(firstLine, 1));
}
