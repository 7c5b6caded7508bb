using System.Text.RegularExpressions;
using ManifestGen.Tests.Support;

namespace ManifestGen.Tests.Layout;

/// <summary>
/// The layout of generator/ManifestGen.Core as a rule, not a wish: a folder is a namespace, and the graph of which
/// namespace uses which (read from the using directives, which the build keeps minimal with IDE0005, and from any
/// fully qualified name) has no cycle. Parts (the repository model, charts, editing, ownership, values, live objects)
/// use no component module and no driver; a component module uses parts only (Trident also uses Workloads: its CSI
/// controller is a workload); drivers (the verbs' engines) may use anything but each other in a cycle. And outside
/// Modules/, only the one list of components (Composition/ComponentList.cs) names a component's types or constants:
/// parts, drivers and the CLI reach components through the contract (Components/IComponent). docs/architecture.md
/// draws the same picture.
/// </summary>
public partial class NamespaceGraphTests
{
    private const string Prefix = "ManifestGen.";

    /// <summary>The engines behind the verbs: they compose parts and modules and nothing builds on them.</summary>
    private static readonly string[] Drivers = ["Composition", "Pipeline", "Lint", "Verify", "Init", "Import", "HelmPostRenderer"];

    /// <summary>The one dependency between component modules, and why it exists (see the class comment).</summary>
    private static readonly (string From, string To)[] ModuleEdges = [("Modules.Trident", "Modules.Workloads")];

    [GeneratedRegex(@"^namespace (ManifestGen[\w.]*);", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();

    [GeneratedRegex(@"^using (ManifestGen[\w.]*);", RegexOptions.Multiline)]
    private static partial Regex UsingLine();

    [GeneratedRegex(@"(?<![\w.""])ManifestGen\.((?:Modules\.)?[A-Z]\w*)\.[A-Z]")]
    private static partial Regex QualifiedName();

    private static Dictionary<string, HashSet<string>> Graph()
    {
        var core = Path.Combine(RepoPaths.Root, "generator", "ManifestGen.Core");
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(core, file);
            if (relative.StartsWith("obj", StringComparison.Ordinal) || relative.StartsWith("bin", StringComparison.Ordinal)) continue;
            var text = File.ReadAllText(file);
            var ns = NamespaceLine().Match(text);
            Assert.True(ns.Success, $"{relative} declares no file-scoped namespace");
            var from = ns.Groups[1].Value[Prefix.Length..];
            var folder = Path.GetDirectoryName(relative)!.Replace(Path.DirectorySeparatorChar, '.');
            Assert.True(from == folder, $"{relative} is in namespace {ns.Groups[1].Value}, its folder says {Prefix}{folder}");
            if (!graph.TryGetValue(from, out var uses)) graph[from] = uses = new HashSet<string>(StringComparer.Ordinal);
            var used = UsingLine().Matches(text).Select(m => m.Groups[1].Value[Prefix.Length..])
                .Concat(QualifiedName().Matches(text).Select(m => m.Groups[1].Value));
            foreach (var to in used)
                if (to != from && !to.StartsWith("Yaml", StringComparison.Ordinal) && !to.StartsWith(from + ".", StringComparison.Ordinal))
                    uses.Add(to);
        }
        return graph;
    }

    private static bool IsDriver(string ns) => Drivers.Contains(ns);
    private static bool IsModule(string ns) => ns.StartsWith("Modules.", StringComparison.Ordinal);

    [Fact]
    public void The_namespaces_use_each_other_without_a_cycle()
    {
        var graph = Graph();
        var cycles = new List<string>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new Stack<string>();
        void Visit(string node)
        {
            state[node] = 1;
            path.Push(node);
            foreach (var next in graph.GetValueOrDefault(node) ?? [])
            {
                if (state.GetValueOrDefault(next) == 1)
                    cycles.Add(string.Join(" -> ", path.Reverse().SkipWhile(n => n != next).Append(next)));
                else if (state.GetValueOrDefault(next) == 0)
                    Visit(next);
            }
            path.Pop();
            state[node] = 2;
        }
        foreach (var node in graph.Keys.Order(StringComparer.Ordinal))
            if (state.GetValueOrDefault(node) == 0) Visit(node);
        Assert.True(cycles.Count == 0, "namespace cycles:\n" + string.Join("\n", cycles));
    }

    [Fact]
    public void Parts_use_no_module_and_no_driver_and_modules_use_no_driver()
    {
        var wrong = new List<string>();
        foreach (var (from, uses) in Graph().OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (IsDriver(from)) continue;
            foreach (var to in uses.Order(StringComparer.Ordinal))
            {
                if (IsDriver(to))
                    wrong.Add($"{from} uses the driver {to}");
                else if (IsModule(to) && !ModuleEdges.Contains((from, to)))
                    wrong.Add(IsModule(from) ? $"the module {from} uses the module {to}" : $"the part {from} uses the module {to}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>The one file outside Modules/ that names components: the list every driver loops over.</summary>
    private const string ComponentListFile = "ManifestGen.Core/Composition/ComponentList.cs";

    [GeneratedRegex(@"^using (ManifestGen\.Modules\.\w+)|(?<![\w.""])(ManifestGen\.Modules\.\w+)\.", RegexOptions.Multiline)]
    private static partial Regex ModuleReference();

    /// <summary>Every file of Core and the CLI outside Modules/ that names a component module, with the modules it names.</summary>
    private static SortedDictionary<string, SortedSet<string>> ModuleReferencesOutsideModules()
    {
        var generator = Path.Combine(RepoPaths.Root, "generator");
        var found = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var project in new[] { "ManifestGen.Core", "ManifestGen.Cli" })
            foreach (var file in Directory.EnumerateFiles(Path.Combine(generator, project), "*.cs", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(generator, file).Replace(Path.DirectorySeparatorChar, '/');
                var inProject = relative[(project.Length + 1)..];
                if (inProject.StartsWith("obj/", StringComparison.Ordinal) || inProject.StartsWith("bin/", StringComparison.Ordinal)
                    || inProject.StartsWith("Modules/", StringComparison.Ordinal)) continue;
                var named = ModuleReference().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).ToList();
                if (named.Count > 0) found[relative] = new SortedSet<string>(named, StringComparer.Ordinal);
            }
        return found;
    }

    [Fact]
    public void Outside_the_modules_only_the_component_list_names_a_component()
    {
        var found = ModuleReferencesOutsideModules();
        // Not blind: the list does name every module (each folder under Modules/).
        var modules = Directory.GetDirectories(Path.Combine(RepoPaths.Root, "generator", "ManifestGen.Core", "Modules"))
            .Select(d => "ManifestGen.Modules." + Path.GetFileName(d)).Order(StringComparer.Ordinal).ToList();
        Assert.Contains("ManifestGen.Modules.Cilium", modules);
        Assert.Equal(modules, found.GetValueOrDefault(ComponentListFile) ?? []);
        var wrong = found.Where(f => f.Key != ComponentListFile).Select(f => $"{f.Key} names {string.Join(", ", f.Value)}").ToList();
        Assert.True(wrong.Count == 0, "only the component list may name a component; reach it through IComponent instead:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void Every_component_is_in_the_list()
    {
        // A component left out of the list compiles and passes everything else: verify would then just say nothing about it.
        var components = typeof(ManifestGen.Composition.ComponentList).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(ManifestGen.Components.IComponent).IsAssignableFrom(t)).Select(t => t.FullName).Order(StringComparer.Ordinal).ToList();
        var listed = ManifestGen.Composition.ComponentList.All.Select(c => c.GetType().FullName).Order(StringComparer.Ordinal).ToList();
        Assert.Contains(typeof(ManifestGen.Modules.Cilium.CiliumComponent).FullName, components);
        Assert.Equal(components, listed);
        Assert.Equal(listed.Count, ManifestGen.Composition.ComponentList.All.Select(c => c.Section).Distinct().Count());
    }

    [Fact]
    public void The_graph_reads_the_real_sources()
    {
        // A guard on the two tests above: an empty or blind graph would pass them.
        var graph = Graph();
        Assert.Contains("Modules.Cilium", graph.Keys);
        Assert.Contains("Charts", graph["Modules.Cilium"]);
        Assert.Contains("Modules.Workloads", graph["Modules.Trident"]);
        Assert.Contains("Composition", graph["Pipeline"]);
    }
}
