using System.Text;
using System.Text.Json;
using ManifestGen.Cli;
using ManifestGen.Tests.Snapshots;
using ManifestGen.Tests.Support;

namespace ManifestGen.Tests.Verify;

/// <summary>
/// <c>manifestgen verify</c> against live objects in the shape <c>kubectl get -o yaml</c> prints (Lists with
/// metadata, managedFields and status): the example cluster with every tuning in effect, and one case per
/// kind of drift, each a small change of that cluster.
/// </summary>
public class VerifyTests
{
    private static readonly string Fixture = File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "ManifestGen.Tests", "Verify", "Live", "in-effect.yaml"));

    /// <summary>The example cluster after generate: what a repository looks like once the tuning is committed.</summary>
    private static TempTree Generated() => new(Path.Combine(GenerateSnapshotTests.CasesDir, "example-cluster", "expected"));

    private static (int Code, string Stdout, string Stderr) Verify(TempTree tree, string live, params string[] extra)
    {
        tree.Write("live.yaml", live);
        var result = CliRunner.Run(tree, "verify", ["--live", tree.PathOf("live.yaml"), .. extra]);
        return (result.ExitCode, result.Stdout, result.Stderr);
    }

    /// <summary>A row of the table with its columns' padding collapsed to " | ".</summary>
    private static string Row(string stdout, string tuning) =>
        System.Text.RegularExpressions.Regex.Replace(stdout.Split('\n').Single(l => l.StartsWith(tuning + "  ", StringComparison.Ordinal)), "  +", " | ");

    private static string Edit(string text, string from, string to)
    {
        Assert.Equal(1, text.Split(from).Length - 1);
        return text.Replace(from, to);
    }

    [Fact]
    public void Every_tuning_in_effect_exits_0()
    {
        using var tree = Generated();
        var (code, stdout, stderr) = Verify(tree, Fixture);
        Assert.True(code == 0, stdout + stderr);
        Assert.EndsWith("verify: 44 in effect, 0 not in effect, 0 unknown\n", stdout);
        // Equal durations in other spellings, and a limit written in bytes.
        Assert.Contains("| in effect | bpf-ct-timeout-regular-tcp=6h0m0s |", Row(stdout, "cilium.conntrack.tcpTimeout"));
        Assert.Contains("| in effect | bpf-ct-timeout-service-tcp=21600s |", Row(stdout, "cilium.conntrack.serviceTcpTimeout"));
        Assert.Contains("| in effect | 10995116277760 | 10Ti |", Row(stdout, "trident.backend.limitVolumeSize"));
        Assert.Contains("(phase Bound)", Row(stdout, "trident.backend.limitVolumeSize"));
        // csi-provisioner has --kube-api-qps=5 and, after it, the policy's --kube-api-qps=50: the last one counts.
        Assert.Contains("| in effect | --kube-api-qps=50 |", Row(stdout, "workload trident-controller: csi-provisioner --kube-api-qps"));
        Assert.Equal("", stderr);
    }

    public static TheoryData<string, string, string, string> Drifts() => new()
    {
        { "a missing cilium-config key", "    bpf-ct-timeout-regular-tcp-fin: 10s\n", "", "cilium.conntrack.tcpFinTimeout|bpf-ct-timeout-regular-tcp-fin absent" },
        { "a DaemonSet mid-rollout", "    updatedNumberScheduled: 3\n", "    updatedNumberScheduled: 1\n", "cilium.agents rolled out|rolling out" },
        { "a table size the chart did not write", "    bpf-ct-global-tcp-max: '524288'\n", "    bpf-ct-global-tcp-max: '262144'\n", "cilium.conntrack.tcpMax|bpf-ct-global-tcp-max=262144" },
        { "a sidecar without the flag", "          - --retry-interval-start=10s\n          - --csi-address=$(ADDRESS)\n          - --kube-api-qps=50\n",
            "          - --retry-interval-start=10s\n          - --csi-address=$(ADDRESS)\n", "workload trident-controller: csi-attacher --kube-api-qps|(flag absent)" },
        { "a flag given twice where the last differs", "          - --kube-api-burst=100\n          image: registry.k8s.io/sig-storage/csi-resizer",
            "          - --kube-api-burst=100\n          - --kube-api-qps=5\n          image: registry.k8s.io/sig-storage/csi-resizer", "workload trident-controller: csi-resizer --kube-api-qps|--kube-api-qps=5" },
        { "a limit the backend does not have", "limitVolumeSize: '10995116277760'", "limitVolumeSize: 5Ti", "trident.backend.limitVolumeSize|5Ti" },
        { "resources the operator reverted", "            requests:\n              cpu: 100m\n", "            requests:\n              cpu: 10m\n", "workload trident-controller: storage-api-server requests.cpu|10m" },
    };

    [Theory]
    [MemberData(nameof(Drifts))]
    public void Each_kind_of_drift_is_not_in_effect_with_the_live_and_wanted_values(string drift, string from, string to, string expected)
    {
        using var tree = Generated();
        var (code, stdout, stderr) = Verify(tree, Edit(Fixture, from, to));
        Assert.True(code == 1, $"{drift}: exit {code}\n{stdout}{stderr}");
        var (tuning, live) = (expected.Split('|')[0], expected.Split('|')[1]);
        Assert.Contains("| NOT in effect | " + live + " |", Row(stdout, tuning));
        Assert.EndsWith("verify: 43 in effect, 1 not in effect, 0 unknown\n", stdout);
    }

    [Fact]
    public void A_QNAP_orchestrator_with_k8sAPIQPS_and_no_flag_on_trident_main_is_not_in_effect()
    {
        using var tree = Generated();
        tree.AddOrchestratorQps();
        var (code, stdout, _) = Verify(tree, Fixture);
        Assert.Equal(1, code);
        var row = Row(stdout, "trident.orchestrator.k8sAPIQPS");
        Assert.Contains("| NOT in effect | trident-main has no --k8s_api_qps | --k8s_api_qps=50 |", row);
        Assert.Contains("sidecars' --kube-api-qps: csi-provisioner 50, csi-attacher 50, csi-resizer 50, csi-snapshotter 50", row);

        var flagged = Edit(Fixture, "          - --metrics\n", "          - --metrics\n          - --k8s_api_qps=50\n");
        Assert.Equal(0, Verify(tree, flagged).Code);
    }

    [Fact]
    public void The_runbook_s_cilium_change_is_not_in_effect()
    {
        // The runbook put bpf.ctTcpTimeout and friends into the HelmRelease and marked them applied; cilium-config
        // never held a bpf-ct-timeout-* key.
        using var tree = new TempTree(RepoPaths.ExampleInput);
        var live = string.Join("", Fixture.Split('\n').Where(l => !l.StartsWith("    bpf-ct-timeout-", StringComparison.Ordinal)).Select(l => l + "\n"))[..^1];
        var (code, stdout, _) = Verify(tree, live);
        Assert.Equal(1, code);
        Assert.Contains("| NOT in effect | bpf-ct-timeout-regular-tcp absent | bpf-ct-timeout-regular-tcp=21600s |", Row(stdout, "spec.values.bpf.ctTcpTimeout (dead key)"));
        Assert.Contains("| NOT in effect | bpf-ct-timeout-regular-any absent |", Row(stdout, "spec.values.bpf.ctAnyTimeout (dead key)"));
        Assert.Contains("| NOT in effect | Cilium has no TCP close timeout |", Row(stdout, "spec.values.bpf.ctTcpTimeoutClose (dead key)"));
        Assert.Contains("| NOT in effect | bpf-ct-timeout-regular-tcp absent | bpf-ct-timeout-regular-tcp=6h |", Row(stdout, "cilium.conntrack.tcpTimeout"));
        Assert.DoesNotContain(stdout.Split('\n'), l => l.Contains("(dead key)", StringComparison.Ordinal) && System.Text.RegularExpressions.Regex.IsMatch(l, "  in effect  "));
    }

    [Fact]
    public void Objects_missing_from_the_input_are_unknown_a_warning_and_exit_0_unless_strict()
    {
        using var tree = Generated();
        var ciliumOnly = Fixture[..Fixture.IndexOf("\n---\n", StringComparison.Ordinal)] + "\n";
        var (code, stdout, stderr) = Verify(tree, ciliumOnly);
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("| unknown | (not in the input) |", Row(stdout, "trident.backend.limitVolumeSize"));
        Assert.Contains("manifestgen: warning: 33 tuning(s) could not be checked: the input lacks TridentBackendConfig trident/qnap-backend, Deployment trident/trident-controller", stderr);
        Assert.Equal(1, Verify(tree, ciliumOnly, "--strict").Code);
    }

    [Fact]
    public void Live_yaml_that_does_not_parse_is_invalid_input()
    {
        using var tree = Generated();
        var (code, _, stderr) = Verify(tree, "items: [unclosed\n");
        Assert.Equal(2, code);
        Assert.Contains("live.yaml:", stderr);
        Assert.Contains("error MG1002", stderr);
    }

    [Fact]
    public void Print_kubectl_names_every_object_and_its_output_is_the_input_verify_reads()
    {
        using var tree = Generated();
        var result = CliRunner.Run(tree, "verify", "--print-kubectl");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("{ kubectl get -n kube-system configmap/cilium-config daemonset/cilium -o yaml; echo ---; " +
                     "kubectl get -n trident tridentbackendconfig/qnap-backend deployment/trident-controller -o yaml; }\n", result.Stdout);
        // The fixture is that command's output (two Lists with --- between them), read from stdin.
        var piped = CliRunner.RunWithStdin(Encoding.UTF8.GetBytes(Fixture), ["verify", "--spec", tree.PathOf("tuning.yaml"), "--root", tree.Root, "--live", "-"]);
        Assert.Equal(0, piped.ExitCode);
    }

    [Fact]
    public void Json_output_lists_every_tuning_and_GitHub_Actions_gets_a_summary_table()
    {
        using var tree = Generated();
        tree.Write("live.yaml", Edit(Fixture, "    updatedNumberScheduled: 3\n", "    updatedNumberScheduled: 2\n"));
        var summary = tree.PathOf("summary.md");
        var stdout = new StringWriter { NewLine = "\n" };
        var code = ManifestGenCli.Run(["verify", "--spec", tree.PathOf("tuning.yaml"), "--root", tree.Root, "--live", tree.PathOf("live.yaml"), "--output", "json"],
            stdout, new StringWriter(), new CliEnvironment(false, false, true, summary));
        Assert.Equal(1, code);
        using var json = JsonDocument.Parse(stdout.ToString());
        Assert.Equal("verify", json.RootElement.GetProperty("command").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("exitCode").GetInt32());
        var tunings = json.RootElement.GetProperty("tunings").EnumerateArray().ToList();
        Assert.Equal(44, tunings.Count);
        var rollout = tunings.Single(t => t.GetProperty("name").GetString() == "cilium.agents rolled out");
        Assert.Equal("not-in-effect", rollout.GetProperty("status").GetString());
        Assert.Equal("rolling out", rollout.GetProperty("live").GetString());
        Assert.Equal("rolled out", rollout.GetProperty("wanted").GetString());
        Assert.Equal("DaemonSet kube-system/cilium", rollout.GetProperty("object").GetString());
        var markdown = File.ReadAllText(summary);
        Assert.Contains("| tuning | status | live | wanted | object |", markdown);
        Assert.Contains("| cilium.agents rolled out | ❌ not in effect | `rolling out` | `rolled out` | DaemonSet kube-system/cilium |", markdown);
    }
}
