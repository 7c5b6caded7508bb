using System.Text;
using ManifestGen.Pipeline;
using ManifestGen.Tests.Support;
using ManifestGen.Yaml;
using Xunit.Abstractions;

namespace ManifestGen.Tests.Reliability;

/// <summary>
/// Mutated YAML, seeded from the real corpus and from the example spec, fed to the editor and to the
/// whole generate pipeline: a fixed number of inputs from a fixed seed, so every run tries the same inputs and a
/// failure names one that can be replayed. The only allowed outcomes are success or a diagnostic: never an
/// unhandled exception, never a hang (each input has a time limit).
/// </summary>
public class FuzzTests(ITestOutputHelper output)
{
    private const int CorpusInputs = 4000;
    private const int PipelineInputs = 400;
    private static readonly TimeSpan PerInput = TimeSpan.FromSeconds(5);
    private const string Noise = ":-[]{}#&*!|>'\"%@`,?\t\n \r\\~";

    /// <summary>Flip, delete, duplicate or insert: the edits a careless hand or a bad merge makes.</summary>
    private static byte[] Mutate(byte[] input, Random rnd)
    {
        var bytes = input.ToList();
        var count = rnd.Next(1, 6);
        for (var m = 0; m < count && bytes.Count > 0; m++)
        {
            var at = rnd.Next(bytes.Count);
            switch (rnd.Next(6))
            {
                case 0: bytes[at] = (byte)Noise[rnd.Next(Noise.Length)]; break;
                case 1: bytes.RemoveRange(at, Math.Min(rnd.Next(1, 40), bytes.Count - at)); break;
                case 2: bytes.InsertRange(at, Encoding.UTF8.GetBytes(new string(Noise[rnd.Next(Noise.Length)], rnd.Next(1, 4)))); break;
                case 3: bytes.InsertRange(at, bytes.GetRange(at, Math.Min(rnd.Next(1, 80), bytes.Count - at))); break;
                case 4: bytes[at] = (byte)rnd.Next(256); break;
                default: bytes.RemoveRange(at, bytes.Count - at); break;
            }
        }
        return [.. bytes];
    }

    private static void WithinLimit(string what, Action action)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try { action(); }
            catch (Exception e) { failure = e; }
        }, maxStackSize: 16 * 1024 * 1024);
        thread.Start();
        if (!thread.Join(PerInput)) Assert.Fail($"{what}: no answer within {PerInput.TotalSeconds} s (a hang)");
        if (failure is not null) Assert.Fail($"{what}: {failure.GetType().Name}: {failure.Message}\n{failure.StackTrace}");
    }

    [SharedFact]
    public void Mutated_corpus_files_give_an_edit_or_a_diagnostic()
    {
        var corpus = Directory.EnumerateFiles(Path.Combine(RepoPaths.RequireShared(), "corpus"), "*.yaml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal).ToList();
        var rnd = new Random(20261124);
        int inputs = 0, edited = 0, refused = 0;
        while (inputs < CorpusInputs)
        {
            var source = corpus[rnd.Next(corpus.Count)];
            var bytes = Mutate(File.ReadAllBytes(source), rnd);
            inputs++;
            WithinLimit($"{Path.GetFileName(source)} mutated (input {inputs})", () =>
            {
                try
                {
                    var file = YamlFile.Parse(bytes);
                    foreach (var doc in file.Documents.Where(d => d.Root is MappingNode))
                        file = YamlEditor.Apply(file, new SetScalar(DocumentSelector.At(doc.Index), "metadata.annotations.fuzz", ScalarValue.String("x")));
                    Interlocked.Increment(ref edited);
                }
                catch (YamlEditException e)
                {
                    // A refusal points at a real place of the input: a line it has (or the one after its last), a column on it.
                    // YAML breaks lines at CR, LF and CRLF alike (the noise inserts bare CRs).
                    var lines = System.Text.RegularExpressions.Regex.Split(Encoding.UTF8.GetString(bytes), "\r\n|\r|\n").Length;
                    Assert.True(e.Position is { Line: >= 1, Column: >= 1 } p && p.Line <= lines + 1, $"{e.Code}: {e.Message} at {e.Position} in {lines} lines");
                    Interlocked.Increment(ref refused);
                }
            });
        }
        output.WriteLine($"fuzz corpus: {inputs} inputs, {edited} edited, {refused} refused with a diagnostic, 0 crashes");
        // Both answers in real shares: an engine that refused every edit, or accepted every mutation, fails here.
        Assert.InRange(edited, CorpusInputs / 4, CorpusInputs - CorpusInputs / 10);
        Assert.InRange(refused, CorpusInputs / 10, CorpusInputs - CorpusInputs / 4);
    }

    [Fact]
    public void Mutated_specs_and_targets_give_a_result_or_diagnostics()
    {
        var example = RepoPaths.ExampleInput;
        var files = new[] { "tuning.yaml", "kubernetes/apps/kube-system/cilium/app/helmrelease.yaml", "observed/trident-controller.yaml",
            "kubernetes/apps/storage/qnap-csi-plugin/app/kustomization.yaml" };
        using var tree = new TempTree(example);
        var originals = files.ToDictionary(f => f, f => File.ReadAllBytes(tree.PathOf(f)));
        var rnd = new Random(7);
        int inputs = 0, generated = 0, diagnosed = 0;
        while (inputs < PipelineInputs)
        {
            var target = files[rnd.Next(files.Length)];
            foreach (var (f, b) in originals) File.WriteAllBytes(tree.PathOf(f), b);
            File.WriteAllBytes(tree.PathOf(target), Mutate(originals[target], rnd));
            inputs++;
            WithinLimit($"mutated {target} (input {inputs})", () =>
            {
                var result = Generator.Run(new GenerateOptions(tree.PathOf("tuning.yaml"), tree.Root));
                if (result.Failed)
                {
                    // Each error is placed: in a file that is there, on a line it has; or (no line) at a folder or a missing file.
                    Assert.All(result.Diagnostics.Where(d => d.Severity == Severity.Error && d.HasPosition), d =>
                    {
                        var path = tree.PathOf(d.File);
                        Assert.True(File.Exists(path), $"{d}: no such file");
                        var lines = System.Text.RegularExpressions.Regex.Split(File.ReadAllText(path), "\r\n|\r|\n").Length;
                        Assert.True(d.Line <= lines + 1 && d.Column >= 1, $"{d}: past the end of the file ({lines} lines)");
                    });
                    Interlocked.Increment(ref diagnosed);
                }
                else Interlocked.Increment(ref generated);
            });
        }
        output.WriteLine($"fuzz pipeline: {inputs} inputs, {generated} generated, {diagnosed} refused with diagnostics, 0 crashes");
        Assert.InRange(generated, PipelineInputs / 10, PipelineInputs - PipelineInputs / 10);
        Assert.InRange(diagnosed, PipelineInputs / 10, PipelineInputs - PipelineInputs / 10);
    }
}
