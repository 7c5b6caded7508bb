using ManifestGen.Yaml;

namespace ManifestGen.Tests.Yaml;

/// <summary>
/// <see cref="YamlEditor.TryGet"/>, kyaml's Lookup: "not there" is null, whatever the reason; an ambiguous question is
/// still an error, because no answer to it is right.
/// </summary>
public class YamlLookupTests
{
    private static readonly YamlFile File = YamlFile.Parse("""
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: 2
          containers:
            - name: app
              args: [--a]
            - name: app
            - name: proxy
        ---
        kind: Service
        metadata:
          name: web
        ---
        kind: ConfigMap
        metadata:
          name: &n cm
          labels: {app: *n}

        """);

    [Theory]
    [InlineData("spec.missing")]
    [InlineData("spec.replicas.deeper")]
    [InlineData("spec.containers[name=nowhere]")]
    [InlineData("spec.containers[7]")]
    [InlineData("spec.containers.key")]
    [InlineData("metadata.name.deeper")]
    public void Not_there_is_null(string path) =>
        Assert.Null(YamlEditor.TryGet(File, DocumentSelector.Object("Deployment"), YamlPath.Parse(path)));

    [Fact]
    public void A_document_no_selector_names_is_null_and_what_is_there_is_found()
    {
        Assert.Null(YamlEditor.TryGet(File, DocumentSelector.Object("Secret"), YamlPath.Keys("metadata")));
        Assert.Null(YamlEditor.TryGet(File, DocumentSelector.Object("ConfigMap"), YamlPath.Parse("metadata.labels.app")));
        Assert.Equal("proxy", ((ScalarNode)YamlEditor.TryGet(File, DocumentSelector.Object("Deployment"), YamlPath.Parse("spec.containers[2].name"))!).Value);
    }

    [Fact]
    public void An_ambiguous_question_is_still_an_error()
    {
        Assert.Equal("MG1107", Assert.Throws<YamlEditException>(() => YamlEditor.TryGet(File, DocumentSelector.Object("Deployment"), YamlPath.Parse("spec.containers[name=app]"))).Code.Code);
        Assert.Equal("MG1011", Assert.Throws<YamlEditException>(() => YamlEditor.TryGet(File, DocumentSelector.Only, YamlPath.Keys("kind"))).Code.Code);
    }
}
