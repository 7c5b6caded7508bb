using ManifestGen.Charts;
using ManifestGen.Composition;
using ManifestGen.Lint;
using ManifestGen.Repository;
using ManifestGen.Tests.Lint;
using ManifestGen.Tests.Support;
using ManifestGen.Values;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Tests.Conformance;

/// <summary>
/// The tool's model of what Flux applies (<see cref="FluxApplied"/>), against kustomize itself: for each Flux
/// Kustomization of the lint case <c>flux-applied</c> (a base with overlays patching it by file, inline, by JSON 6902 and
/// from the Flux Kustomization's own <c>spec.patches</c>; a component), kustomize builds what kustomize-controller builds
/// (the folder, with the Kustomization's components and patches added), and every key of each HelmRelease's
/// <c>spec.values</c> must be a key the tool checks, where it checks it, and nothing more.
/// </summary>
public class FluxAppliedConformanceTests
{
    [KubectlFact]
    public void Every_values_key_kustomize_renders_is_one_the_tool_checks_and_no_other()
    {
        using var tree = new TempTree(Path.Combine(LintSnapshotTests.CasesDir, "flux-applied", "input"));
        var workspace = new RepositoryWorkspace(RepositoryRoot.ForFolder(tree.Root, tree.Root));
        var kustomizations = FluxKustomizations.Of(workspace);
        var applied = FluxApplied.Of(workspace, kustomizations);
        var lint = new ChartValuesLint(workspace, new ChartContext(workspace, ChartCatalog.WithCharts(null, naming: ComponentList.ReleaseOfChart)), new ValueSources(workspace));
        Assert.Equal(3, applied.HelmReleases.Count); // the base twice (staging, production), the component's; not the unapplied document
        foreach (var k in kustomizations.All)
        {
            // What kustomize-controller builds: the folder's kustomization, with spec.components and spec.patches added.
            var rendered = YamlFile.Parse(FluxBuild.Render(tree.Root, kustomizations, k)).Documents.Where(d => d.Kind == "HelmRelease").ToList();

            var mine = applied.HelmReleases.Where(a => a.By == k).ToList();
            Assert.Equal(rendered.Count, mine.Count);
            foreach (var a in mine)
            {
                var document = workspace.ReadYaml(a.RepoPath).Documents[a.Index];
                // The rendered document of the same base (a name written as ${APP} is rendered as written: no substitution here).
                var match = Assert.Single(rendered, r => r.Name == document.Name);
                var expected = Keys(YamlValue.At(YamlValue.FromNode(match.Root), "spec", "values"), []).ToHashSet();
                var check = lint.Check(a.RepoPath, document, applied: a, flux: applied);
                // valuesFrom is merged by helm-controller, not kustomize: the inline values and the patches are compared.
                var checkedKeys = check.Sources.Where(s => s.Kind is ValueSourceKind.Inline or ValueSourceKind.Patch)
                    .SelectMany(s => Written(YamlValue.FromNode(s.Find(workspace, YamlPath.Root)), s.KeyPrefix ?? [])).ToHashSet();
                Assert.True(expected.SetEquals(checkedKeys),
                    $"{k.Name} ({k.File}), HelmRelease {document.Name}: kustomize renders [{string.Join(", ", expected.Order())}], the tool checks [{string.Join(", ", checkedKeys.Order())}]");
            }
        }
    }

    /// <summary>Every key path of a values mapping below <paramref name="prefix"/> (a list or scalar ends a path).</summary>
    private static IEnumerable<string> Keys(YamlValue? values, IReadOnlyList<string> prefix)
    {
        if (values is not YamlMap map) yield break;
        foreach (var (key, value) in map.Entries)
        {
            yield return string.Join('.', [.. prefix, key]);
            foreach (var below in Keys(value, [.. prefix, key])) yield return below;
        }
    }

    /// <summary>The key paths a source's prefix writes (each level of a JSON 6902 operation's path), then its values'.</summary>
    private static IEnumerable<string> Written(YamlValue? values, IReadOnlyList<string> prefix) =>
        Enumerable.Range(1, prefix.Count).Select(n => string.Join('.', prefix.Take(n))).Concat(Keys(values, prefix));
}
