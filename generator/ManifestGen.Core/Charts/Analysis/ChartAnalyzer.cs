using ManifestGen.Charts.GoTemplates;

namespace ManifestGen.Charts.Analysis;

/// <summary>
/// One chart release's value tree, from the chart itself, loaded as Helm loads it: every chart of the tree (the
/// chart, its dependencies under <c>charts/</c>, theirs) has its <c>values.yaml</c>, commented keys and schema placed
/// under its key in the root's values (<c>&lt;alias or name&gt;.</c>), and the templates of the whole tree are analysed
/// together (<see cref="ValueFlow"/>): a subchart's templates read its subtree and the <c>global</c> handed down, a
/// library's named templates read whatever context they are handed. Conditions and tags are read; <c>import-values</c>
/// makes the parent hold what it imports. A key any chart of the tree reads is read, whether or not a condition
/// enables that chart. A dependency Chart.yaml declares but the package lacks is unknown below its key, with a note.
/// </summary>
public static class ChartAnalyzer
{
    /// <summary>Changes whenever a change here can change a tree: a tree cached beside a fetched archive is kept only
    /// for the same version.</summary>
    public const int Version = 2;

    /// <summary>One chart of the tree, where Helm puts it.</summary>
    private sealed record Instance(LoadedChart Chart, string[] Prefix, int Parent, ChartDependency? Declared, string RootName);

    public static (ChartMetadata Metadata, ValueTree Tree) Analyze(ChartFiles files)
    {
        var loaded = LoadedChart.Load(files);
        var root = new ValueNode();
        var notes = new List<string>();
        var instances = new List<Instance> { new(loaded, [], -1, null, loaded.Metadata.Name) };
        var reads = new List<string[]>();
        var aliases = new List<(string[] Parent, string[] Child)>();
        for (var i = 0; i < instances.Count; i++) Place(instances, i, root, notes, reads, aliases);

        foreach (var instance in instances)
        {
            if (instance.Chart.Files.Text("values.yaml") is { } values)
                ValuesFileReader.Add(root.At(instance.Prefix), values, $"{instance.Chart.Source}: values.yaml");
        }
        foreach (var instance in instances)
            SchemaReader.Apply(loaded, instance.Chart, root.At(instance.Prefix));
        Import(instances, root);

        var flow = Templates(instances, aliases);
        foreach (var path in reads.Concat(flow.Reads)) root.At(path).Evidence |= ValueEvidence.Read;
        foreach (var path in flow.Wholes) root.At(path).Evidence |= ValueEvidence.Whole;
        if (flow.GaveUp is { } why)
        {
            notes.Add($"the analysis of its templates stopped ({why}): none of its values are reported");
            root.Evidence |= ValueEvidence.Unknown;
        }
        MarkKubernetesTyped(root);
        return (loaded.Metadata, new ValueTree(root.Freeze(), notes));
    }

    /// <summary>
    /// The charts below one, as Helm's <c>processDependencyEnabled</c> arranges them: a Chart.yaml entry takes the
    /// first loaded chart of its name whose version its range allows, under its alias (two aliases, two copies); a
    /// loaded chart no entry takes stays, under its own name; an entry no loaded chart meets is missing.
    /// </summary>
    private static void Place(List<Instance> instances, int index, ValueNode root, List<string> notes, List<string[]> reads,
        List<(string[] Parent, string[] Child)> aliases)
    {
        var (chart, prefix, _, _, rootName) = instances[index];
        var declared = chart.Metadata.Dependencies;
        var loaded = chart.Subcharts;
        bool Takes(ChartDependency d, LoadedChart c) =>
            c.Metadata.Name == d.Name
            && (VersionConstraint.TryParse(string.IsNullOrWhiteSpace(d.Version) ? "*" : d.Version, out _)?.IsSatisfiedBy(c.Metadata.Version) ?? false);
        foreach (var sub in loaded)
            if (declared is null || !declared.Any(d => Takes(d, sub)))
                instances.Add(new Instance(sub, [.. prefix, sub.Metadata.Name], index, null, rootName));
        if (declared is null) return;
        foreach (var dependency in declared)
        {
            var subPrefix = (string[])[.. prefix, dependency.Key];
            if (loaded.FirstOrDefault(c => Takes(dependency, c)) is { } sub)
                instances.Add(new Instance(sub, subPrefix, index, dependency, rootName));
            else if (!instances.Any(i => i.Parent == index && i.Prefix.SequenceEqual(subPrefix)))
            {
                root.At(subPrefix).Evidence |= ValueEvidence.Unknown;
                notes.Add($"{chart.Metadata.Name} declares the dependency {dependency.Name} {dependency.Version} but its package does not hold it: " +
                          $"the values under {YamlKeys(subPrefix)} are not checked");
            }
            // Whether a dependency is on: read whatever its condition and tags name, on or off.
            foreach (var condition in (dependency.Condition ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                reads.Add([.. prefix, .. condition.Split('.')]);
            foreach (var tag in dependency.Tags) reads.Add(["tags", tag]);
            // import-values: a parent read of what it imports reads the dependency's values too.
            foreach (var import in dependency.Imports)
                aliases.Add(([.. prefix, .. Split(import.Parent)], [.. subPrefix, .. Split(import.Child)]));
        }
    }

    private static string[] Split(string path) => path.Split('.', StringSplitOptions.RemoveEmptyEntries);

    private static string YamlKeys(string[] path) => string.Join('.', path);

    /// <summary>import-values: the parent holds the defaults it imports, as keys of its own values.</summary>
    private static void Import(List<Instance> instances, ValueNode root)
    {
        foreach (var instance in instances)
        {
            if (instance.Declared is not { Imports.Count: > 0 } dependency) continue;
            if (instance.Chart.Files.Text("values.yaml") is not { } values) continue;
            var parentPrefix = instances[instance.Parent].Prefix;
            foreach (var import in dependency.Imports)
                if (ValuesFileReader.MappingAt(values, Split(import.Child)) is { } map)
                    ValuesFileReader.AddMapping(root.At([.. parentPrefix, .. Split(import.Parent)]), map);
        }
    }

    /// <summary>The templates of the whole tree, parsed once a chart, and what they read.</summary>
    private static ValueFlowResult Templates(List<Instance> instances, List<(string[] Parent, string[] Child)> aliases)
    {
        var site = 0;
        var parsed = new Dictionary<LoadedChart, (List<ParsedTemplate> Rendered, List<(NamedTemplate Define, string Path)> Defines)>();
        var scopes = new List<TemplateScope>();
        string? broken = null;
        foreach (var instance in instances)
        {
            if (!parsed.TryGetValue(instance.Chart, out var chart))
            {
                chart = ([], []);
                foreach (var (path, bytes) in instance.Chart.OwnFiles.OrderBy(f => f.Key, StringComparer.Ordinal))
                {
                    var isTemplate = path.StartsWith("templates/", StringComparison.Ordinal);
                    var text = ChartFiles.Decode(bytes);
                    if (!text.Contains("{{", StringComparison.Ordinal)) continue;
                    // A file outside templates/ that reads values is rendered with tpl (.Files.Get …): read it as a template.
                    if (!isTemplate && !text.Contains(".Values", StringComparison.Ordinal)) continue;
                    ParsedTemplate template;
                    try
                    {
                        template = TemplateParser.Parse(path, text, ref site);
                    }
                    catch (TemplateSyntaxException e)
                    {
                        // Helm cannot render a chart whose template does not parse; a file outside templates/ was only a guess.
                        if (isTemplate) broken ??= $"{instance.Chart.Source}: {e.Message}";
                        continue;
                    }
                    var fullPath = ChartPath(instance) + "/" + path;
                    chart.Defines.AddRange(template.Defines.Select(d => (d, fullPath)));
                    // A template file is a named template too, by its path: include (print $.Template.BasePath "/x.yaml") renders it.
                    if (isTemplate) chart.Defines.Add((new NamedTemplate(fullPath, path, template.Body), fullPath));
                    var rendered = !instance.Chart.Metadata.IsLibrary && (!isTemplate || !Path.GetFileName(path).StartsWith('_'));
                    if (rendered) chart.Rendered.Add(template);
                }
                parsed[instance.Chart] = chart;
            }
            scopes.Add(new TemplateScope(instance.Prefix, instance.Parent, chart.Rendered, ChartPath(instance) + "/templates"));
        }
        if (broken is not null) return new ValueFlowResult([], [], $"a template does not parse: {broken}");
        // One template set for the tree: a name defined twice is the definition of the shallowest file (the parent's
        // over a dependency's), then of the first path in order, as Helm's engine parses them.
        var defines = parsed.Values.SelectMany(p => p.Defines)
            .GroupBy(d => d.Define.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(d => d.Path.Count(c => c == '/')).ThenBy(d => d.Path, StringComparer.Ordinal).First().Define, StringComparer.Ordinal);
        return ValueFlow.Analyze(scopes, defines, aliases);
    }

    /// <summary>A chart's path in the tree as Helm names its templates: the root's name, then <c>charts/KEY</c> a level.</summary>
    private static string ChartPath(Instance instance) => string.Join("/charts/", instance.Prefix.Prepend(instance.RootName));

    private static readonly HashSet<string> KubernetesTypedNames = new(StringComparer.Ordinal)
    {
        "nodeSelector", "affinity", "tolerations", "annotations", "labels", "updateStrategy", "lifecycle",
        "dnsConfig", "topologySpreadConstraints", "securityContext", "podSecurityContext", "containerSecurityContext",
    };

    private static readonly string[] KubernetesTypedSuffixes = ["Annotations", "Labels", "SecurityContext", "Probe", "NodeSelector", "Affinity", "Tolerations"];

    private static readonly HashSet<string> ResourceKeys = new(StringComparer.Ordinal) { "requests", "limits", "claims" };

    /// <summary>
    /// Fields whose type is a Kubernetes one (a node selector, affinity, security context, probe, annotations or
    /// labels) take whatever Kubernetes takes, even where the chart's default shows a few keys. <c>resources</c> is one
    /// only when it looks like a container's (requests, limits, claims): NetApp's <c>resources.controller</c> is not.
    /// </summary>
    private static void MarkKubernetesTyped(ValueNode node)
    {
        foreach (var (key, child) in node.Children)
        {
            if (child.Children.Count > 0 && IsKubernetesTyped(key, child)) child.Evidence |= ValueEvidence.KubernetesTyped;
            else MarkKubernetesTyped(child);
        }
    }

    private static bool IsKubernetesTyped(string key, ValueNode node)
    {
        if (key == "resources") return node.Children.Keys.All(ResourceKeys.Contains);
        return KubernetesTypedNames.Contains(key) || KubernetesTypedSuffixes.Any(s => key.EndsWith(s, StringComparison.Ordinal) && key.Length > s.Length);
    }
}
