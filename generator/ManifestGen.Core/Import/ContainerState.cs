using ManifestGen.Yaml;

namespace ManifestGen.Import;

/// <summary>A container as a runbook leaves it: its args and resources, from the observed object plus the patches.</summary>
public sealed class ContainerState(string name, int index, List<string> args, YamlMap resources)
{
    public string Name { get; } = name;
    public int Index { get; } = index;
    public List<string> Args { get; set; } = args;
    public YamlMap Resources { get; set; } = resources;
    public bool Touched { get; set; }
}
