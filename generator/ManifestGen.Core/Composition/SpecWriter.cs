using ManifestGen.Components;
using ManifestGen.Yaml;

namespace ManifestGen.Composition;

/// <summary>
/// The one writer of specs (<c>init</c> and <c>import</c> use it): a <see cref="ClusterTuningSpec"/> as the YAML the
/// loader reads back into the same model, each section written by its component, after header comment lines.
/// </summary>
public static class SpecWriter
{
    /// <param name="header">Comment lines (without <c>#</c>) that open the file.</param>
    public static string Write(ClusterTuningSpec spec, IEnumerable<string> header)
    {
        var specDir = Path.GetDirectoryName(spec.SpecRepoPath)?.Replace('\\', '/') ?? "";
        string Relative(string repoPath) => Path.GetRelativePath(specDir.Length == 0 ? "." : specDir, repoPath).Replace('\\', '/');
        // Each component writes its own section, in the list's order (the order the loader reads them).
        var sections = ComponentList.All.Select(c => (c.Section, Value: c.Write(spec, Relative)))
            .Where(s => s.Value is not null).Select(s => new KeyValuePair<string, YamlValue>(s.Section, s.Value!)).ToList();
        var document = new YamlMap(
        [
            new("apiVersion", YamlValue.Scalar(SpecLoader.ApiVersion)),
            new("kind", YamlValue.Scalar(SpecLoader.Kind)),
            new("metadata", new YamlMap([new("name", YamlValue.Scalar(spec.Name))])),
            new("spec", new YamlMap(sections)),
        ]);
        return string.Concat(header.Select(h => "# " + h + "\n")) + YamlWriter.Document(document);
    }
}
