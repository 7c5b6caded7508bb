using ManifestGen.Tests.Support;
using ManifestGen.Yaml;
using Xunit.Abstractions;

namespace ManifestGen.Tests.Yaml;

/// <summary>
/// Real Flux repositories' YAML (../shared/corpus): every document of every file takes a no-op edit
/// byte-identically and a new annotation as added lines only, parsing back to the old data plus that key.
/// </summary>
public class CorpusRoundTripTests(ITestOutputHelper output)
{
    [SharedFact]
    public void Every_corpus_document_round_trips_and_takes_a_new_annotation()
    {
        var corpus = Path.Combine(RepoPaths.RequireShared(), "corpus");
        var files = Directory.EnumerateFiles(corpus, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
        int documents = 0, edits = 0;
        var skipped = new List<string>();
        var failures = new List<string>();
        foreach (var path in files)
        {
            var name = Path.GetRelativePath(corpus, path);
            var bytes = File.ReadAllBytes(path);
            YamlFile file;
            try
            {
                file = YamlFile.Parse(bytes);
            }
            catch (YamlEditException e)
            {
                failures.Add($"{name}:{e.Position}: {e.Message}");
                continue;
            }
            foreach (var doc in file.Documents)
            {
                if (doc.Root is not MappingNode root)
                {
                    if (doc.Root is not null) skipped.Add($"{name} document {doc.Index}: not a mapping");
                    continue;
                }
                documents++;
                var select = DocumentSelector.At(doc.Index);
                try
                {
                    // (1) a no-op edit: set the first scalar to the value it has.
                    var first = root.Entries.FirstOrDefault(e => e.Value is ScalarNode);
                    if (first is not null)
                    {
                        edits++;
                        var same = YamlEditor.Apply(file, new SetScalar(select, YamlPath.Keys(first.KeyText!), ((ScalarNode)first.Value).ToValue()));
                        if (!same.Source.ToBytes().SequenceEqual(bytes)) failures.Add($"{name} document {doc.Index}: no-op edit changed bytes");
                    }
                    // (2) + (3) a new key: only added lines; the engine's self-check compares the data.
                    if (YamlEditor.Get(file, select, "metadata.annotations.example") is not null) continue;
                    edits++;
                    var edited = YamlEditor.Apply(file, new SetScalar(select, "metadata.annotations.example", ScalarValue.String("manifestgen")));
                    if (!YamlEditorPropertyTests.OnlyOneRegionChanged(file.Text, edited.Text, onlyAdded: true))
                        failures.Add($"{name} document {doc.Index}: the edit changed existing lines");
                    var expected = YamlValue.FromNode(root) is YamlMap m ? SetExample(m) : null;
                    if (expected is null || !YamlValue.FromNode(edited.Documents[doc.Index].Root).DeepEquals(expected))
                        failures.Add($"{name} document {doc.Index}: data differs from the old data plus the annotation");
                }
                catch (YamlEditException e) when (e.Code.Code is "MG1102" or "MG1103" or "MG1104" or "MG1101")
                {
                    skipped.Add($"{name} document {doc.Index}: {e.Code} {e.Message}");
                }
                catch (YamlEditException e)
                {
                    failures.Add($"{name} document {doc.Index}: {e.Code} {e.Message}");
                }
            }
        }
        output.WriteLine($"corpus: {files.Count} files, {documents} documents, {edits} edits, {failures.Count} failures, {skipped.Count} skipped");
        foreach (var s in skipped) output.WriteLine("skipped: " + s);
        foreach (var f in failures) output.WriteLine("FAILED: " + f);
        Console.WriteLine($"corpus: {files.Count} files, {documents} documents, {edits} edits, {failures.Count} failures, {skipped.Count} skipped");
        Assert.True(files.Count > 100, $"the corpus looks incomplete: {files.Count} files");
        Assert.Empty(failures);
        // Refusals are skips only in a bounded share (5 of 3,235 documents today, each listed above): an engine that
        // refused every edit would otherwise pass.
        Assert.True(skipped.Count <= documents / 100, $"{skipped.Count} of {documents} documents skipped");
        Assert.True(edits >= documents, $"{edits} edits for {documents} documents");
    }

    private static YamlMap SetExample(YamlMap root)
    {
        var metadata = root.Get("metadata") as YamlMap ?? YamlMap.Empty;
        var annotations = metadata.Get("annotations") as YamlMap ?? YamlMap.Empty;
        return Add(root, "metadata", Add(metadata, "annotations", Add(annotations, "example", YamlValue.Scalar("manifestgen"))));
    }

    /// <summary>A key set as the editor sets it: in place, where it sorts in a mapping whose keys are in order, else at the end.</summary>
    private static YamlMap Add(YamlMap map, string key, YamlValue value) =>
        map.Get(key) is null && MappingOrder.IsOrdered(map.Entries.Select(e => (string?)e.Key).ToList()) ? map.WithInOrder(key, value) : map.With(key, value);
}
