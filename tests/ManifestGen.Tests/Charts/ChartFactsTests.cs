using ManifestGen.Charts;
using ManifestGen.Modules.Cilium;
using ManifestGen.Modules.Trident;

namespace ManifestGen.Tests.Charts;

/// <summary>
/// The facts the tool once wrote by hand, as the built-in chart data (generated from the real charts) states them.
/// If a regenerated release changes one of these, the data shows it here first.
/// </summary>
public class ChartFactsTests
{
    private static IReadOnlyList<string> ReadBy(string chart, string path) =>
        ChartCatalog.BuiltIn.ReadersOf(chart, path.Split('.')).Select(r => r.Id).Order().Select(v => v.Text).ToList();

    private static string Range(IReadOnlyList<string> ids) => ids.Count == 0 ? "none" : $"{ids[0]}..{ids[^1]} ({ids.Count})";

    [Fact]
    public void No_Cilium_release_reads_a_dead_conntrack_key()
    {
        foreach (var dead in CiliumFacts.DeadKeys) Assert.Empty(ReadBy("cilium", dead.ValuesPath.ToString()));
        Assert.Equal(118, ChartCatalog.BuiltIn.Releases("cilium").Count);
    }

    [Fact]
    public void Cilium_keys_come_and_go_within_minor_series()
    {
        Assert.Equal("1.13.0..1.16.19 (78)", Range(ReadBy("cilium", "bgp.enabled")));
        Assert.Equal("1.13.0..1.17.5 (84)", Range(ReadBy("cilium", "externalIPs.enabled")));
        Assert.Empty(ReadBy("cilium", "cgroup.automount.enabled"));
        Assert.Equal(118, ReadBy("cilium", "cgroup.autoMount.enabled").Count);
        Assert.Equal(118, ReadBy("cilium", "bandwidthManager.bbr").Count);
        Assert.Empty(ReadBy("cilium", "bbr"));
        Assert.Equal(118, ReadBy("cilium", "loadBalancer.algorithm").Count); // read by templates though values.yaml lacks it
        // conntrackGCMaxInterval: 1.13.8 and 1.14.3 on, as the chart's history has it.
        var gcMax = ReadBy("cilium", "conntrackGCMaxInterval");
        Assert.Equal("1.13.8", gcMax[0]);
        Assert.DoesNotContain("1.14.2", gcMax);
        Assert.Contains("1.14.3", gcMax);
        Assert.Equal(118, ReadBy("cilium", "conntrackGCInterval").Count);
        foreach (var setting in CiliumFacts.Conntrack.Where(c => c.SpecKey != "gcMaxInterval"))
            Assert.Equal(118, ReadBy("cilium", setting.ValuesPath.ToString()).Count);
        Assert.Equal(107, gcMax.Count); // every release but 1.13.0 to 1.13.7 and 1.14.0 to 1.14.2
        Assert.Equal(118, ReadBy("cilium", CiliumFacts.RollOutPods.ToString()).Count);
    }

    [Fact]
    public void NetApp_k8sAPIQPS_from_100_2410_0_and_controller_resources_from_100_2510_0()
    {
        Assert.Equal("100.2410.0", ReadBy(TridentFacts.NetAppChart, TridentFacts.K8sApiQps.ToString())[0]);
        foreach (var container in TridentFacts.ControllerContainers)
            Assert.Equal("100.2510.0", ReadBy(TridentFacts.NetAppChart, TridentFacts.ControllerResource(container, "limits", "cpu").ToString())[0]);
        Assert.Empty(ReadBy("trident", TridentFacts.K8sApiQps.ToString())); // QNAP's chart never had it
        var defaultOf2510 = ChartCatalog.BuiltIn.Releases(TridentFacts.NetAppChart).First(k => k.Release.Id.Text == "100.2510.0");
        Assert.Equal("0", defaultOf2510.Tree.Check(["k8sAPIQPS"]).Default);
    }
}
