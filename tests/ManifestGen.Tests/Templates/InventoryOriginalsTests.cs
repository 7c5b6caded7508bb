using System.Text;
using ManifestGen.Ownership;
using ManifestGen.Templates;
using ManifestGen.Workspace;

namespace ManifestGen.Tests.Templates;

/// <summary>
/// What a value was before the tool took it over is recorded in the inventory as the YAML it is
/// (<c>rollOutCiliumPods: false   # the user's comment</c>), and read back byte for byte; inventories written before
/// (each original a quoted string of its text, starting with its space) are still read the same.
/// </summary>
public class InventoryOriginalsTests
{
    private static readonly DocumentRef Doc = new("HelmRelease", "cilium", "kube-system");

    public static TheoryData<string, string> Originals() => new()
    {
        { " false", "      spec.values.x: false\n" },
        { " false   # restarts are done by hand", "      spec.values.x: false   # restarts are done by hand\n" },
        { " \"21600s\"  # set during the 2024 incident", "      spec.values.x: \"21600s\"  # set during the 2024 incident\n" },
        { " ''", "      spec.values.x: ''\n" },
        { " 2Ti", "      spec.values.x: 2Ti\n" },
        // What YAML cannot hold on one line after a key, and a quoted string that itself starts with a space: quoted text.
        { " |\n  two\n  lines", "      spec.values.x: \" |\\n  two\\n  lines\"\n" },
        { " \" x\"", "      spec.values.x: \" \\\" x\\\"\"\n" },
    };

    [Theory]
    [MemberData(nameof(Originals))]
    public void An_original_is_written_as_the_YAML_it_is_and_read_back_byte_for_byte(string original, string line)
    {
        var entry = new InventoryEntry("cluster-config/a.yaml", Doc, "spec.values.x", null);
        var text = Inventory.Render(new TemplateRenderer(null), "cluster-config/tuning.yaml", "tuning", [entry],
            new Dictionary<InventoryEntry, string> { [entry] = original });
        Assert.Contains(line, text);
        var read = Inventory.Read(Encoding.UTF8.GetBytes(text), "cluster-config/tuning.inventory.yaml");
        Assert.Equal(original, read.Originals.Values.Single());
    }

    [Fact]
    public void An_inventory_written_before_is_read_as_it_was_meant()
    {
        const string before = """
            apiVersion: manifestgen.io/v1alpha1
            kind: Inventory
            metadata:
              name: generated-values
            objects:
              - file: a.yaml
                kind: HelmRelease
                name: cilium
                namespace: kube-system
                paths:
                  - spec.values.rollOutCiliumPods
                  - spec.values.bpf.ctTcpMax
                originals:
                  spec.values.rollOutCiliumPods: " false   # restarts are done by hand"
                  spec.values.bpf.ctTcpMax: " 131072"

            """;
        var read = Inventory.Read(Encoding.UTF8.GetBytes(before), "cluster-config/tuning.inventory.yaml");
        Assert.Equal([" 131072", " false   # restarts are done by hand"], read.Originals.OrderBy(o => o.Key.Path, StringComparer.Ordinal).Select(o => o.Value));
    }
}
