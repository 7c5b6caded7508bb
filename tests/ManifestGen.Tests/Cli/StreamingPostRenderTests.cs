using System.Text;
using ManifestGen.HelmPostRenderer;
using ManifestGen.Tests.Support;
using ManifestGen.Yaml;
using Xunit.Abstractions;

namespace ManifestGen.Tests.Cli;

/// <summary>
/// post-render at stream speed: documents are told apart by their top-level lines, only targeted ones are
/// parsed. The cheap reading must agree with the parser on every document of the shared corpus, and a
/// stream of all of them, with nothing targeted, must come out as the very bytes that went in.
/// </summary>
public class StreamingPostRenderTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\n", "Deployment", "web", "shop")]
    [InlineData("# Source: chart/templates/d.yaml\nkind: \"Deployment\"\nspec:\n  replicas: 1\nmetadata:\n  labels:\n    name: not-this\n  name: 'web' # the name\n", "Deployment", "web", null)]
    [InlineData("---\r\nkind: DaemonSet\r\nmetadata:\r\n    namespace: kube-system\r\n    name: cilium\r\n", "DaemonSet", "cilium", "kube-system")]
    [InlineData("\uFEFF--- # first\nkind: Job\nmetadata:\n  annotations:\n    note: |\n      name: inside a block\n  name: migrate\n", "Job", "migrate", null)]
    [InlineData("# only a comment\n", null, null, null)]
    public void The_header_is_read_from_the_top_level_lines(string text, string? kind, string? name, string? ns)
    {
        var header = DocumentHeader.Read(text);
        Assert.True(header.Certain);
        Assert.Equal((kind, name, ns), (header.Kind, header.Name, header.Namespace));
    }

    [Theory]
    [InlineData("{kind: Deployment, metadata: {name: web}}\n")]
    [InlineData("kind: Deployment\nmetadata: {name: web}\n")]
    [InlineData("kind: Deployment\nmetadata:\n  name: \"w\\u0065b\"\n")]
    [InlineData("--- !!map\nkind: Deployment\n")]
    [InlineData("kind: &k Deployment\n")]
    public void A_header_it_cannot_be_sure_of_sends_the_document_to_the_parser(string text) =>
        Assert.False(DocumentHeader.Read(text).Certain);

    [SharedFact]
    public void The_cheap_reading_agrees_with_the_parser_on_every_corpus_document_and_untargeted_streams_pass_through()
    {
        var corpus = Path.Combine(RepoPaths.RequireShared(), "corpus");
        int documents = 0, certain = 0;
        var stream = new StringBuilder();
        foreach (var path in Directory.EnumerateFiles(corpus, "*.y*ml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(path);
            YamlFile file;
            try
            {
                file = YamlFile.Parse(text);
            }
            catch (YamlEditException)
            {
                continue;
            }
            for (var i = 0; i < file.Documents.Count; i++)
            {
                var doc = file.Documents[i];
                var end = i + 1 < file.Documents.Count ? file.Documents[i + 1].Start : file.Text.Length;
                var header = DocumentHeader.Read(file.Text.AsSpan(doc.Start, end - doc.Start));
                documents++;
                if (!header.Certain) continue;
                certain++;
                Assert.True((doc.Kind, doc.Name, doc.Namespace) == (header.Kind, header.Name, header.Namespace),
                    $"{Path.GetRelativePath(corpus, path)} document {i}: read {header}, parsed ({doc.Kind}, {doc.Name}, {doc.Namespace})");
            }
            stream.Append("---\n").Append(text.TrimStart('\uFEFF')).Append(text.EndsWith('\n') ? "" : "\n");
        }
        output.WriteLine($"{documents} corpus documents, {certain} read without parsing");
        Assert.True(certain > documents * 9 / 10, $"only {certain} of {documents} read without parsing");

        var bytes = Encoding.UTF8.GetBytes(stream.ToString());
        using var input = new MemoryStream(bytes);
        using var rendered = new MemoryStream();
        Assert.Equal(0, StreamingPostRenderer.Render(input, rendered, []));
        Assert.True(bytes.AsSpan().SequenceEqual(rendered.ToArray()), "an untargeted stream did not come out byte for byte");
    }

    [Fact]
    public void An_empty_stream_is_an_error_that_says_why()
    {
        using var tree = new TempTree(RepoPaths.ExampleInput);
        foreach (var input in new[] { "", "\n# nothing rendered\n---\n" })
        {
            var (code, stdout, stderr) = CliRunner.RunWithStdin(Encoding.UTF8.GetBytes(input), ["post-render", "--spec", tree.PathOf("tuning.yaml"), "--root", tree.Root]);
            Assert.Equal(2, code);
            Assert.Empty(stdout);
            Assert.Contains("error MG1005: the input holds no manifests", stderr);
        }
    }

    [Fact]
    public void A_broken_document_nothing_targets_passes_through_and_a_targeted_one_is_refused_at_its_stream_line()
    {
        using var tree = new TempTree(RepoPaths.ExampleInput);
        var observed = File.ReadAllText(tree.PathOf("observed/trident-controller.yaml"));
        var broken = "---\nkind: ConfigMap\nmetadata:\n  name: other\ndata:\n  a: [unclosed\n";
        var (code, stdout, stderr) = CliRunner.RunWithStdin(Encoding.UTF8.GetBytes(broken + "---\n" + observed), ["post-render", "--spec", tree.PathOf("tuning.yaml"), "--root", tree.Root]);
        Assert.True(code == 0, stderr);
        Assert.StartsWith(broken, Encoding.UTF8.GetString(stdout));
        Assert.Contains("--kube-api-qps=50", Encoding.UTF8.GetString(stdout));

        var missing = observed.Replace("- name: csi-attacher", "- name: csi-attacher-renamed");
        var refused = CliRunner.RunWithStdin(Encoding.UTF8.GetBytes(broken + "---\n" + missing), ["post-render", "--spec", tree.PathOf("tuning.yaml"), "--root", tree.Root]);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("<stdin>:7:1: error MG3005: Deployment trident/trident-controller has no container named csi-attacher", refused.Stderr);
    }
}
