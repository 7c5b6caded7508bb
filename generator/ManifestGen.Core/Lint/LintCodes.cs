namespace ManifestGen.Lint;

/// <summary>The lint codes of <c>validate</c>: stable, one per finding about the target files.</summary>
public static class LintCodes
{
    /// <summary>A <c>bpf.ct*Timeout*</c> key in Cilium values: no chart has it, it does nothing.</summary>
    public const string DeadCiliumKey = "MG0001";
    /// <summary>A conntrack timeout in <c>extraConfig</c> without a unit: Cilium reads nanoseconds.</summary>
    public const string BareTimeout = "MG0002";
    /// <summary>Conntrack tuning without <c>rollOutCiliumPods</c>: agents keep the old settings until restarted.</summary>
    public const string ConntrackWithoutRollout = "MG0003";
    /// <summary><c>TridentOrchestrator.k8sAPIQPS</c> and sidecar <c>--kube-api-qps</c> flags on the same controller.</summary>
    public const string QpsSetTwice = "MG0004";
    /// <summary>A HelmRelease on <c>v2beta1</c>/<c>v2beta2</c>.</summary>
    public const string OldHelmReleaseApi = "MG0005";
    /// <summary><c>patchesStrategicMerge</c>/<c>patchesJson6902</c> in a post-renderer: removed from helm.toolkit.fluxcd.io/v2.</summary>
    public const string RemovedPatchFields = "MG0006";
    /// <summary><c>k8sAPIQPS</c> on QNAP's build (Trident 24.06): stored by the CRD, ignored by the operator.</summary>
    public const string QnapIgnoresK8sApiQps = "MG0007";
    /// <summary>NetApp's trident-operator chart before 100.2510.0: its k8sAPIQPS value did not reach the operator.</summary>
    public const string NetAppChartBeforeValues = "MG0008";
}
