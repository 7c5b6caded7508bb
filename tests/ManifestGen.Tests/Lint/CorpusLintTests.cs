using System.Text.RegularExpressions;
using ManifestGen.Charts;
using ManifestGen.Lint;
using ManifestGen.Tests.Support;

namespace ManifestGen.Tests.Lint;

/// <summary>
/// <c>lint</c> on every HelmRelease of the shared corpus whose chart the tool knows: each MG0009 it finds is listed
/// here with why the chart release does not read it (checked by hand against the release's templates and values.yaml),
/// so a new finding or a lost one fails. As a second, mechanical check, no finding's path appears in the release's
/// templates as <c>.Values.PATH</c>.
/// </summary>
public class CorpusLintTests
{
    /// <summary>Folder of the corpus, file:line, the path nothing reads, and why.</summary>
    public static readonly (string Folder, string At, string Path, string Why)[] Reviewed =
    [
        ("public/onedr0p-home-ops", "kubernetes/apps/kube-system/cilium/app/helmrelease.yaml:25", "cgroup.automount",
            "the chart's key is cgroup.autoMount (camel case); templates read .Values.cgroup.autoMount.enabled only"),
        ("public/xunholy-k8s-gitops", "kubernetes/apps/base/kube-system/cilium/app/values.yaml:48", "hubble.ui.PodDisruptionBudget",
            "the key is podDisruptionBudget, lower-case p"),
        ("public/xunholy-k8s-gitops", "kubernetes/apps/base/kube-system/cilium/app/values.yaml:54", "hubble.relay.PodDisruptionBudget",
            "the key is podDisruptionBudget, lower-case p"),
        ("public/xunholy-k8s-gitops", "kubernetes/apps/base/kube-system/cilium/app/values.yaml:75", "operator.PodDisruptionBudget",
            "the key is podDisruptionBudget, lower-case p"),
        ("public/xunholy-k8s-gitops", "kubernetes/apps/base/kube-system/cilium/app/values.yaml:87", "operator.prometheus.serviceMonitor.trustCRDsExist",
            "only the top-level prometheus.serviceMonitor.trustCRDsExist is read (templates/validate.yaml)"),
        ("public/sulibot-home-ops", "kubernetes/apps/tier-0-foundation/cilium/app/values.yaml:82", "mtu",
            "the key is MTU, upper case"),
        ("public/sulibot-home-ops", "kubernetes/apps/tier-0-foundation/cilium/app/values.yaml:109", "bpf.lbMode",
            "no template reads bpf.lbMode; the load-balancing mode is loadBalancer.mode (only bpf.lbModeAnnotation exists)"),
        ("public/sulibot-home-ops", "kubernetes/apps/tier-0-foundation/cilium/app/values.yaml:167", "dnsProxy.enabled",
            "dnsProxy has no enabled key in 1.19.6: the proxy runs with the agent; the templates read its tuning keys only"),
        ("public/sulibot-home-ops", "kubernetes/apps/tier-0-foundation/cilium/app/values.yaml:168", "dnsProxy.enableDNSCompression",
            "the key is enableDnsCompression"),
        ("public/sulibot-home-ops", "kubernetes/apps/tier-0-foundation/cilium/app/values.yaml:219", "gatewayAPI.serviceLabels",
            "gatewayAPI's keys in 1.19.6 are enabled, enableProxyProtocol, enableAppProtocol, enableAlpn, xffNumTrustedHops, externalTrafficPolicy, gatewayClass, secretsNamespace, hostNetwork"),
        ("public/sulibot-home-ops", "kubernetes/apps/tier-0-foundation/cilium/app/values.yaml:222", "gatewayClass",
            "gatewayClass is read under gatewayAPI, not at the top"),
        ("public/sulibot-home-ops", "kubernetes/apps/tier-0-foundation/cilium/app/values.yaml:230", "metrics",
            "the chart has no top-level metrics; metrics live under hubble, prometheus, operator and others"),
        ("public/vikaspogu-k8s-gitops", "kubernetes/apps/kube-system/cilium/app/helm-values.yaml:11", "cgroup.automount",
            "the chart's key is cgroup.autoMount (camel case)"),
    ];

    public static TheoryData<string> Folders() => new(["public/onedr0p-home-ops", "public/xunholy-k8s-gitops", "public/sulibot-home-ops",
        "public/vikaspogu-k8s-gitops", "trident", "postrenderers", "kyverno", "crlf"]);

    [SharedTheory]
    [MemberData(nameof(Folders))]
    public void Every_finding_is_one_reviewed(string folder)
    {
        var result = RepositoryLinter.Run(new LintOptions(Path.Combine(RepoPaths.RequireShared(), "corpus", folder)));
        // The only errors are the removed post-renderer fields the corpus keeps on purpose (MG0006, corpus/SOURCES.md).
        var errors = result.Diagnostics.Where(d => d.Severity == ManifestGen.Yaml.Severity.Error).ToList();
        Assert.All(errors, e => Assert.Equal("MG0006", e.Code.Code));
        Assert.Equal(folder == "postrenderers" ? 4 : 0, errors.Count);
        var found = result.Diagnostics.Where(d => d.Code.Code == "MG0009")
            .Select(d => (At: $"{d.File}:{d.Line}", Path: Regex.Match(d.Message, "^(.+?) is not read by").Groups[1].Value)).ToList();
        var expected = Reviewed.Where(r => r.Folder == folder).Select(r => (r.At, r.Path)).ToList();
        Assert.Equal(expected.Order(), found.Order());
    }

    /// <summary>
    /// With the popular charts (app-template 3.2.1 and 4.6.2 with their library, kube-prometheus-stack 88.5.3): every
    /// HelmRelease of the public corpus that pins one of them at a version the tool can check is checked, and none of
    /// their values is a finding (each repository's values were read by hand against the charts: sulibot's 74
    /// app-template 4.6.2 releases set only keys the library reads). The findings stay the reviewed Cilium ones.
    /// A version across a major (onedr0p's app-template 5.1.0, vikaspogu's 4.3.0 against 3.2.1) is a note, never a
    /// finding; a version older than every release known (kube-prometheus-stack 77 to 88.3) is a note too. Read as
    /// Flux applies them, one HelmRelease is applied by no Flux Kustomization: onedr0p's runner for home-operations,
    /// whose folder its kustomization comments out (<c># - ./home-operations</c>); before, it was a chart the tool does
    /// not carry.
    /// </summary>
    [SharedTheory]
    [InlineData("public/onedr0p-home-ops", 1, 27, "kubernetes/apps/actions-runner-system/actions-runner-controller/runners/home-operations/helmrelease.yaml")]
    [InlineData("public/sulibot-home-ops", 75, 1, null)]
    [InlineData("public/vikaspogu-k8s-gitops", 1, 3, null)]
    [InlineData("public/xunholy-k8s-gitops", 1, 2, null)]
    public void With_the_popular_charts_their_HelmReleases_are_checked_and_no_finding_is_added(string folder, int checkedCount, int notChecked, string? notApplied)
    {
        var result = RepositoryLinter.Run(new LintOptions(Path.Combine(RepoPaths.RequireShared(), "corpus", folder), null,
            Path.Combine(RepoPaths.Shared, "charts", "popular")));
        Assert.Equal(checkedCount, result.Checked);
        var notes = result.Diagnostics.Where(d => d.Code.Code == "MG0010").ToList();
        Assert.Equal(notApplied is null ? [] : [notApplied], notes.Where(d => d.Message.Contains("is not applied by any Flux Kustomization", StringComparison.Ordinal)).Select(d => d.File));
        notes.RemoveAll(d => d.File == notApplied);
        Assert.Equal(notChecked, notes.Count);
        Assert.All(notes, d => Assert.Matches("(of another major version|older than every release the tool knows)", d.Message));
        var found = result.Diagnostics.Where(d => d.Code.Code is "MG0009" or "MG0016" or "MG0017")
            .Select(d => (At: $"{d.File}:{d.Line}", Path: Regex.Match(d.Message, "^(.+?) is ").Groups[1].Value)).ToList();
        Assert.Equal(Reviewed.Where(r => r.Folder == folder).Select(r => (r.At, r.Path)).Order(), found.Order());
    }

    /// <summary>The second check: the release a finding names never mentions <c>.Values.PATH</c> in its templates.</summary>
    [SharedFact]
    public void No_finding_is_read_by_a_template_of_its_release()
    {
        var charts = Path.Combine(RepoPaths.RequireShared(), "charts", "cilium");
        foreach (var folder in Reviewed.Select(r => r.Folder).Distinct())
        {
            var result = RepositoryLinter.Run(new LintOptions(Path.Combine(RepoPaths.Shared, "corpus", folder)));
            foreach (var d in result.Diagnostics.Where(d => d.Code.Code == "MG0009"))
            {
                var m = Regex.Match(d.Message, @"^(.+?) is not read by cilium (\S+):");
                Assert.True(m.Success, d.Message);
                var files = ChartFiles.ReadArchive(File.ReadAllBytes(Path.Combine(charts, $"cilium-{m.Groups[2].Value}.tgz")), "cilium");
                var reference = ".Values." + m.Groups[1].Value.Trim('"');
                foreach (var (path, bytes) in files.Files.Where(f => f.Key.StartsWith("templates/", StringComparison.Ordinal)))
                {
                    var text = ChartFiles.Decode(bytes);
                    Assert.False(Regex.IsMatch(text, Regex.Escape(reference) + @"(?![A-Za-z0-9_])"), $"{path} reads {reference}: {d}");
                }
            }
        }
    }
}
