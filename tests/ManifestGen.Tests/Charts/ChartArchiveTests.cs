using System.Formats.Tar;
using System.Text;
using ManifestGen.Tests.Support;

namespace ManifestGen.Tests.Charts;

/// <summary>
/// A chart archive or folder given with --charts is untrusted input: sizes are bounded, nothing outside it is ever
/// touched (archives are read in memory, never extracted), and a broken one is a located error (exit 2), never a crash.
/// </summary>
public class ChartArchiveTests
{
    private static readonly Dictionary<string, string> Demo = ChartArchive.Minimal("cilium", "1.99.0", "rollOutCiliumPods: false\n", "");

    private static CliRunner.Result LintWith(byte[] archive, string name = "cilium-1.99.0.tgz")
    {
        using var tree = new TempTree();
        tree.Write("repo/hr.yaml", "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: cilium}\nspec:\n  chart: {spec: {chart: cilium, version: 1.99.0}}\n");
        Directory.CreateDirectory(tree.PathOf("charts"));
        File.WriteAllBytes(tree.PathOf("charts/" + name), archive);
        return CliRunner.Run("lint", tree.PathOf("repo"), "--charts", tree.PathOf("charts"));
    }

    private static void Refused(CliRunner.Result run, string why)
    {
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error MG3010: chart refused: " + why, run.Stdout);
        Assert.Contains("charts/cilium-1.99.0.tgz:1:1:", run.Stdout);
        Assert.DoesNotContain("   at ", run.Stdout + run.Stderr);
    }

    [Fact]
    public void A_link_in_the_charts_folder_to_a_chart_folder_elsewhere_is_followed_and_a_link_loop_ends()
    {
        using var tree = new TempTree();
        tree.Write("repo/hr.yaml", "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: cilium}\nspec:\n  chart: {spec: {chart: cilium, version: 1.99.0}}\n  values: {notAKey: 1}\n");
        foreach (var (name, text) in Demo) tree.Write("vendor/cilium/" + name, text);
        Directory.CreateDirectory(tree.PathOf("charts"));
        Directory.CreateSymbolicLink(tree.PathOf("charts/cilium-1.99.0"), tree.PathOf("vendor/cilium"));
        Directory.CreateSymbolicLink(tree.PathOf("charts/loop"), tree.PathOf("charts"));
        var run = CliRunner.Run("lint", tree.PathOf("repo"), "--charts", tree.PathOf("charts"));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("warning MG0009: notAKey is not read by cilium 1.99.0", run.Stdout);
        Assert.DoesNotContain("MG0011", run.Stdout); // 1.99.0 known exactly, through the link
    }

    [Fact]
    public void A_good_archive_is_used_before_the_built_in_data()
    {
        var run = LintWith(ChartArchive.Pack("cilium", Demo));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("lint: 1 HelmRelease(s), 1 checked against their chart", run.Stdout);
        Assert.DoesNotContain("MG0011", run.Stdout); // 1.99.0 is known exactly, from --charts
    }

    [Fact]
    public void A_truncated_archive() => Refused(LintWith(ChartArchive.Pack("cilium", Demo)[..40]), "the archive is broken");

    [Fact]
    public void An_archive_that_is_not_gzip() => Refused(LintWith(Encoding.UTF8.GetBytes("not an archive at all")), "the archive is broken");

    [Fact]
    public void Entries_that_leave_the_chart_folder()
    {
        Refused(LintWith(ChartArchive.Pack([("cilium/Chart.yaml", Encoding.UTF8.GetBytes(Demo["Chart.yaml"]), TarEntryType.RegularFile),
            ("cilium/../../evil.yaml", "x"u8.ToArray(), TarEntryType.RegularFile)])), "the entry 'cilium/../../evil.yaml' leaves the chart's folder");
        Refused(LintWith(ChartArchive.Pack([("/etc/cron.d/x", "x"u8.ToArray(), TarEntryType.RegularFile)])), "the entry '/etc/cron.d/x' leaves the chart's folder");
        Refused(LintWith(ChartArchive.Pack([("cilium/Chart.yaml", Encoding.UTF8.GetBytes(Demo["Chart.yaml"]), TarEntryType.RegularFile),
            ("cilium/templates/link", [], TarEntryType.SymbolicLink)])), "the entry 'cilium/templates/link' is a link");
    }

    [Fact]
    public void An_oversized_archive_and_one_that_unpacks_too_large()
    {
        Refused(LintWith(new byte[17 * 1024 * 1024]), "the archive is larger than 16 MiB");
        // 9 MiB of zeros compress to a few KiB: the limit is on what the entry unpacks to.
        Refused(LintWith(ChartArchive.Pack([("cilium/Chart.yaml", Encoding.UTF8.GetBytes(Demo["Chart.yaml"]), TarEntryType.RegularFile),
            ("cilium/files/big.bin", new byte[9 * 1024 * 1024], TarEntryType.RegularFile)])), "the entry 'cilium/files/big.bin' is larger than 8 MiB");
    }

    [Fact]
    public void An_archive_without_Chart_yaml_or_with_two_top_folders()
    {
        Refused(LintWith(ChartArchive.Pack("cilium", new Dictionary<string, string> { ["values.yaml"] = "a: 1\n" })), "the archive has no cilium/Chart.yaml");
        Refused(LintWith(ChartArchive.Pack([("cilium/Chart.yaml", Encoding.UTF8.GetBytes(Demo["Chart.yaml"]), TarEntryType.RegularFile),
            ("other/values.yaml", "a: 1\n"u8.ToArray(), TarEntryType.RegularFile)])), "the archive holds two top folders (cilium and other)");
    }

    [Fact]
    public void A_broken_values_yaml_is_located_in_the_archive()
    {
        var broken = new Dictionary<string, string>(Demo) { ["values.yaml"] = "a: [1, 2\n" };
        var run = LintWith(ChartArchive.Pack("cilium", broken));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error MG3010: chart refused: values.yaml:", run.Stdout);
    }
}
