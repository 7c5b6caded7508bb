using System.Formats.Tar;
using System.Text;
using ManifestGen.Charts;
using ManifestGen.Charts.Analysis;
using ManifestGen.Diagnostics;
using ManifestGen.Tests.Support;

namespace ManifestGen.Tests.Charts;

/// <summary>
/// A chart with dependencies, loaded as Helm loads it: each dependency's values under its alias or name, an
/// application subchart's templates reading its subtree and the global handed down, a library's templates reading
/// whatever context they are handed, conditions and tags read, import-values held by the parent, a dependency the
/// package lacks unknown (with a note). Dependencies come as folders or archives, at any depth, within the limits of
/// the whole tree.
/// </summary>
public class DependencyTests
{
    private static readonly string Parent = """
        apiVersion: v2
        name: parent
        version: 1.0.0
        dependencies:
          - name: sub
            alias: app
            version: 1.x
            condition: app.enabled,global.appEnabled
            tags: [frontend]
          - name: lib
            version: 2.0.0
          - name: data
            version: 0.1.0
            import-values:
              - settings
              - child: defaults.db
                parent: database
          - name: absent
            version: 3.0.0
        """;

    private static Dictionary<string, byte[]> Files(params (string Path, string Text)[] files) =>
        files.ToDictionary(f => f.Path, f => Encoding.UTF8.GetBytes(f.Text));

    private static Dictionary<string, byte[]> SubFiles => Files(
        ("Chart.yaml", "apiVersion: v2\nname: sub\nversion: 1.4.0\n"),
        ("values.yaml", "replicas: 1\nglobal:\n  region: eu\n"),
        ("templates/deployment.yaml", "replicas: {{ .Values.replicas }}\nregion: {{ .Values.global.region }}{{ if .Values.probe }}{{ .Values.probe.path }}{{ end }}"));

    private static Dictionary<string, byte[]> LibFiles => Files(
        ("Chart.yaml", "apiVersion: v2\nname: lib\nversion: 2.0.0\ntype: library\n"),
        ("values.yaml", "libDefault: true\n"),
        ("templates/_name.tpl", "{{ define \"lib.name\" }}{{ .Values.nameOverride | default .Chart.Name }}{{ end }}"),
        ("templates/rendered.yaml", "{{ .Values.neverRendered }}"));

    private static Dictionary<string, byte[]> DataFiles => Files(
        ("Chart.yaml", "apiVersion: v2\nname: data\nversion: 0.1.0\n"),
        ("values.yaml", "exports:\n  settings:\n    timeout: 30\ndefaults:\n  db:\n    host: localhost\n"),
        ("templates/x.yaml", "{{ .Values.defaults.db.host }}"));

    private static Dictionary<string, byte[]> ParentFiles(Func<string, Dictionary<string, byte[]>, IEnumerable<KeyValuePair<string, byte[]>>> place)
    {
        var files = Files(
            ("Chart.yaml", Parent),
            ("values.yaml", "app:\n  replicas: 2\n"),
            ("templates/config.yaml", "name: {{ include \"lib.name\" . }}\nextra: {{ .Values.app.extra }}\ntimeout: {{ .Values.timeout }}\ndb: {{ .Values.database.host }}"));
        foreach (var (name, chart) in new[] { ("sub", SubFiles), ("lib", LibFiles), ("data", DataFiles) })
            foreach (var (path, bytes) in place(name, chart)) files[path] = bytes;
        return files;
    }

    /// <summary>Each dependency as a folder under charts/.</summary>
    private static IEnumerable<KeyValuePair<string, byte[]>> AsFolder(string name, Dictionary<string, byte[]> chart) =>
        chart.Select(f => new KeyValuePair<string, byte[]>($"charts/{name}/{f.Key}", f.Value));

    /// <summary>Each dependency as an archive under charts/.</summary>
    private static IEnumerable<KeyValuePair<string, byte[]>> AsArchive(string name, Dictionary<string, byte[]> chart) =>
        [new($"charts/{name}-1.0.0.tgz", Pack(name, chart))];

    private static byte[] Pack(string top, Dictionary<string, byte[]> files) =>
        ChartArchive.Pack(files.Select(f => ($"{top}/{f.Key}", f.Value, TarEntryType.RegularFile)));

    private static (ValueTree Tree, ChartMetadata Metadata) Analyze(Dictionary<string, byte[]> files)
    {
        var (metadata, tree) = ChartAnalyzer.Analyze(ChartFiles.ReadArchive(Pack("parent", files), "parent-1.0.0.tgz"));
        return (tree, metadata);
    }

    private static bool Reads(ValueTree tree, string path) => ChartAnalyzerTests.Reads(tree, path);

    public static TheoryData<string> Layouts() => ["folders", "archives"];

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Dependencies_are_read_under_their_alias_with_globals_conditions_tags_libraries_and_imports(string layout)
    {
        var (tree, metadata) = Analyze(ParentFiles(layout == "folders" ? AsFolder : AsArchive));
        Assert.Equal("parent", metadata.Name);
        // An application subchart reads its subtree: under its alias, not its name.
        Assert.True(Reads(tree, "app.replicas"));
        Assert.False(Reads(tree, "app.replicass"));
        Assert.True(Reads(tree, "app.probe.path"));
        Assert.False(Reads(tree, "app.probe.port"));
        Assert.False(Reads(tree, "sub"));
        Assert.True(Reads(tree, "app.extra"));             // the parent reads a key under the subchart's
        // The global a subchart reads is read at the top, where the parent hands it down, and under the subchart.
        Assert.True(Reads(tree, "global.region"));
        Assert.True(Reads(tree, "app.global.region"));
        Assert.False(Reads(tree, "global.zone"));
        // Conditions (each of a list) and tags are read, whether or not they turn the dependency on.
        Assert.True(Reads(tree, "app.enabled"));
        Assert.True(Reads(tree, "global.appEnabled"));
        Assert.True(Reads(tree, "tags.frontend"));
        // A library's named templates read the context they are handed: the parent's values.
        Assert.True(Reads(tree, "nameOverride"));
        Assert.True(Reads(tree, "lib.libDefault"));        // its values.yaml is coalesced under its name too
        Assert.False(Reads(tree, "neverRendered"));        // a library's templates are never rendered
        Assert.False(Reads(tree, "lib.neverRendered"));
        // import-values: the exports form and the child/parent form put the dependency's defaults in the parent.
        Assert.True(Reads(tree, "timeout"));
        Assert.True(Reads(tree, "database.host"));
        Assert.True(Reads(tree, "data.defaults.db.host"));
        // A dependency the package lacks: nothing below its key is reported, and a note says so.
        Assert.True(Reads(tree, "absent.anything.at.all"));
        Assert.Contains(tree.Notes, n => n.Contains("absent 3.0.0", StringComparison.Ordinal) && n.Contains("not checked", StringComparison.Ordinal));
    }

    [Fact]
    public void A_dependency_Chart_yaml_does_not_list_is_kept_under_its_own_name()
    {
        var files = ParentFiles(AsFolder);
        files["Chart.yaml"] = Encoding.UTF8.GetBytes("apiVersion: v2\nname: parent\nversion: 1.0.0\n");
        var (tree, _) = Analyze(files);
        Assert.True(Reads(tree, "sub.replicas"));
        Assert.False(Reads(tree, "sub.replicass"));
        Assert.False(Reads(tree, "app.probe")); // nothing of the subchart is under the alias Chart.yaml no longer names
        Assert.Empty(tree.Notes);
    }

    [Fact]
    public void An_archive_inside_a_chart_folder_and_a_folder_inside_an_archive()
    {
        using var tree = new TempTree();
        // A folder chart whose dependency is an archive.
        var folder = tree.PathOf("parent");
        foreach (var (path, bytes) in ParentFiles((name, chart) => name == "sub" ? AsArchive(name, chart) : AsFolder(name, chart)))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder, path))!);
            File.WriteAllBytes(Path.Combine(folder, path), bytes);
        }
        var fromFolder = ChartAnalyzer.Analyze(ChartFiles.Read(folder, "parent")).Tree;
        Assert.True(Reads(fromFolder, "app.replicas"));
        Assert.False(Reads(fromFolder, "app.replicass"));
        // An archive whose dependency is a folder inside it, which holds an archive of its own.
        var inner = SubFiles;
        inner["charts/deep-1.0.0.tgz"] = Pack("deep", Files(("Chart.yaml", "apiVersion: v2\nname: deep\nversion: 1.0.0\n"),
            ("templates/x.yaml", "{{ .Values.depth }}")));
        var files = ParentFiles(AsFolder);
        foreach (var (path, bytes) in inner) files[$"charts/sub/{path}"] = bytes;
        var (nested, _) = Analyze(files);
        Assert.True(Reads(nested, "app.deep.depth"));
        Assert.False(Reads(nested, "app.deep.width"));
    }

    [Fact]
    public void Dependencies_nested_past_the_limit_are_a_located_error_never_a_hang()
    {
        var chart = Pack("c11", Files(("Chart.yaml", "apiVersion: v2\nname: c11\nversion: 1.0.0\n")));
        for (var i = 10; i >= 0; i--)
            chart = Pack($"c{i}", new Dictionary<string, byte[]>
            {
                ["Chart.yaml"] = Encoding.UTF8.GetBytes($"apiVersion: v2\nname: c{i}\nversion: 1.0.0\n"),
                [$"charts/c{i + 1}-1.0.0.tgz"] = chart,
            });
        var error = Assert.Throws<InvalidInputException>(() => ChartAnalyzer.Analyze(ChartFiles.ReadArchive(chart, "c0-1.0.0.tgz")));
        var d = Assert.Single(error.Diagnostics);
        Assert.Equal(DiagnosticCodes.ChartUnreadable.Code, d.Code.Code);
        Assert.Contains("c0-1.0.0.tgz: charts/c1-1.0.0.tgz: charts/c2-1.0.0.tgz", d.File);
        Assert.Contains("nest deeper than 10", d.Message);
    }

    [Fact]
    public void Dependencies_count_toward_the_limits_of_the_archive_that_holds_them()
    {
        // Two dependencies of 12,000 files each: each within the limit alone, together past it.
        Dictionary<string, byte[]> Many(string name) => Enumerable.Range(0, 12_000)
            .ToDictionary(i => $"files/{i}.txt", _ => new byte[] { (byte)'x' })
            .Append(new KeyValuePair<string, byte[]>("Chart.yaml", Encoding.UTF8.GetBytes($"apiVersion: v2\nname: {name}\nversion: 1.0.0\n")))
            .ToDictionary();
        var one = Files(("Chart.yaml", "apiVersion: v2\nname: parent\nversion: 1.0.0\n"));
        one["charts/a-1.0.0.tgz"] = Pack("a", Many("a"));
        ChartAnalyzer.Analyze(ChartFiles.ReadArchive(Pack("parent", one), "one.tgz"));
        one["charts/b-1.0.0.tgz"] = Pack("b", Many("b"));
        var error = Assert.Throws<InvalidInputException>(() => ChartAnalyzer.Analyze(ChartFiles.ReadArchive(Pack("parent", one), "two.tgz")));
        Assert.Contains("more than 20000 entries", error.Diagnostics[0].Message);
    }
}
