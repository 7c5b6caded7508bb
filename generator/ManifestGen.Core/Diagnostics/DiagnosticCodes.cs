using ManifestGen.Yaml;
namespace ManifestGen.Diagnostics;

/// <summary>
/// Every diagnostic code of this assembly, with its severity, its title and where it is explained: the one code
/// table (the YAML engine has its own, <see cref="ManifestGen.Yaml.YamlCodes"/>). No code is written anywhere else;
/// the tests check that codes are unique across both tables and that the README lists each one.
/// MG0xxx: what the target files say (lints). MG2xxx: the spec. MG3xxx: target files the run cannot use.
/// MG4xxx: what generate did or left alone. MG5xxx: import and init. MG6xxx: fetching charts. MG9xxx: internal.
/// </summary>
public static class DiagnosticCodes
{
    private const string Readme = "README.md#diagnostic-codes";
    private static readonly List<DiagnosticCode> all = [];

    /// <summary>Every code of this assembly, in the order defined.</summary>
    public static IReadOnlyList<DiagnosticCode> All => all;

    private static DiagnosticCode Define(string code, Severity severity, string title)
    {
        var c = new DiagnosticCode(code, severity, title, Readme);
        all.Add(c);
        return c;
    }

    // MG0xxx: lints of the target files as committed.
    public static readonly DiagnosticCode DeadCiliumKey = Define("MG0001", Severity.Warning, "a dead Cilium key (bpf.ctTcpTimeout and friends): no chart release reads it");
    public static readonly DiagnosticCode BareTimeout = Define("MG0002", Severity.Error, "a conntrack timeout without a unit in extraConfig (read as nanoseconds)");
    public static readonly DiagnosticCode ConntrackWithoutRollout = Define("MG0003", Severity.Warning, "conntrack tuning without rollOutCiliumPods");
    public static readonly DiagnosticCode QpsSetTwice = Define("MG0004", Severity.Warning, "TridentOrchestrator k8sAPIQPS together with sidecar --kube-api-qps flags");
    public static readonly DiagnosticCode OldHelmReleaseApi = Define("MG0005", Severity.Warning, "a HelmRelease on v2beta1 or v2beta2");
    public static readonly DiagnosticCode RemovedPatchFields = Define("MG0006", Severity.Error, "patchesStrategicMerge or patchesJson6902 in a post-renderer (removed from Flux v2)");
    public static readonly DiagnosticCode QnapIgnoresK8sApiQps = Define("MG0007", Severity.Warning, "k8sAPIQPS on QNAP's build, whose operator ignores it");
    public static readonly DiagnosticCode NoK8sApiQps = Define("MG0008", Severity.Warning, "k8sAPIQPS on a Trident that has none (NetApp chart before 100.2410.0): nothing is written");
    public static readonly DiagnosticCode UnreadValue = Define("MG0009", Severity.Warning, "a value the chart release it reaches never reads: it does nothing");
    public static readonly DiagnosticCode ChartNotChecked = Define("MG0010", Severity.Info, "a HelmRelease whose values are not checked (no chart named, a version older than the data, an unreadable chart)");
    public static readonly DiagnosticCode ChartReleaseChosen = Define("MG0011", Severity.Info, "which chart release the values were checked against, when it is not the exact version pinned");
    public static readonly DiagnosticCode ValuesSourceNotChecked = Define("MG0012", Severity.Info, "a values source that is not checked (a Secret, a ConfigMap the repository does not produce)");
    public static readonly DiagnosticCode FileSkipped = Define("MG0013", Severity.Info, "a file lint skipped: not YAML it can read (UTF-16, a template, broken YAML)");
    public static readonly DiagnosticCode SharedObject = Define("MG0014", Severity.Warning, "a tuned object that the Flux Kustomizations of several clusters apply");
    public static readonly DiagnosticCode ChartNotCarried = Define("MG0015", Severity.Info, "a HelmRelease whose chart the tool does not carry (neither built in nor in --charts): its values are not checked; lint's text output counts them in one line unless --verbose");
    public static readonly DiagnosticCode SchemaRefusedKey = Define("MG0016", Severity.Warning, "a value the chart's values schema refuses (additionalProperties: false): Helm refuses to install or upgrade the release");
    public static readonly DiagnosticCode MayBeRead = Define("MG0017", Severity.Info, "a value no known release reads, checked against an older minor release than the one pinned: the one pinned may read it (--strict ignores it)");
    public static readonly DiagnosticCode PartlyChecked = Define("MG0018", Severity.Info, "part of a chart's values is not checked: a dependency its package lacks, templates its analysis could not finish");
    public static readonly DiagnosticCode UnknownVariable = Define("MG0019", Severity.Info, "a postBuild variable a HelmRelease uses with no value the repository holds (a Secret's) and no default: left as written, nothing guessed");

    // MG2xxx: the spec.
    public static readonly DiagnosticCode SpecUnknownKey = Define("MG2001", Severity.Error, "unknown key");
    public static readonly DiagnosticCode SpecWrongType = Define("MG2002", Severity.Error, "wrong type");
    public static readonly DiagnosticCode SpecMissingKey = Define("MG2003", Severity.Error, "missing key");
    public static readonly DiagnosticCode SpecBadDuration = Define("MG2004", Severity.Error, "bad duration");
    public static readonly DiagnosticCode SpecBadQuantity = Define("MG2005", Severity.Error, "bad quantity");
    public static readonly DiagnosticCode SpecBadHeader = Define("MG2006", Severity.Error, "bad apiVersion, kind or document count");
    public static readonly DiagnosticCode SpecPathOutsideRoot = Define("MG2007", Severity.Error, "a path outside the repository");
    public static readonly DiagnosticCode SpecBadValue = Define("MG2008", Severity.Error, "bad value");
    public static readonly DiagnosticCode SpecMissing = Define("MG2010", Severity.Error, "spec not found");
    public static readonly DiagnosticCode SpecDuplicate = Define("MG2011", Severity.Error, "a duplicate workload name or output, or two specs writing one file");
    public static readonly DiagnosticCode SpecAlias = Define("MG2012", Severity.Error, "anchors or aliases in the spec");
    public static readonly DiagnosticCode RevisionUnreadable = Define("MG2014", Severity.Error, "a revision git cannot read (lint --new-from-rev): not a commit of the repository (a shallow clone lacks it), not a git repository, no git");
    public static readonly DiagnosticCode ArgumentMismatch = Define("MG2013", Severity.Error, "arguments that do not fit the specs: verify's --live in a fleet without a cluster name, post-render given a fleet, two clusters of one name");

    // MG3xxx: target files the run cannot use as they are.
    public static readonly DiagnosticCode TargetMissing = Define("MG3001", Severity.Error, "file not found");
    public static readonly DiagnosticCode TargetWrongKind = Define("MG3002", Severity.Error, "wrong or ambiguous kind");
    public static readonly DiagnosticCode TargetUnreadable = Define("MG3003", Severity.Error, "file too large");
    public static readonly DiagnosticCode TargetNotOwned = Define("MG3004", Severity.Error, "a file the tool would write that does not carry its header");
    public static readonly DiagnosticCode ContainerNotFound = Define("MG3005", Severity.Error, "a container the target lacks");
    public static readonly DiagnosticCode NotReferenced = Define("MG3006", Severity.Error, "an emitted or named file nothing would apply, or a fixture Flux would apply");
    public static readonly DiagnosticCode ValuesNotEditable = Define("MG3007", Severity.Error, "a values source the tool cannot edit (Secret, ConfigMap the repository does not produce, targetPath, outside the repository)");
    public static readonly DiagnosticCode OrchestratorBuildUnknown = Define("MG3008", Severity.Error, "an orchestrator chart of unknown build");
    public static readonly DiagnosticCode ValueNotReadByChart = Define("MG3009", Severity.Error, "a tuning the pinned chart release does not read: generate writes nothing that does nothing");
    public static readonly DiagnosticCode ChartUnreadable = Define("MG3010", Severity.Error, "a chart archive or folder that is broken, oversized or leaves its folder");
    public static readonly DiagnosticCode ValueOverriddenByPatch = Define("MG3011", Severity.Error, "a value generate would write that a patch Flux applies after it sets again: it would do nothing in that cluster");

    // MG4xxx: what generate did or left alone.
    public static readonly DiagnosticCode DeadCiliumKeyRemoved = Define("MG4001", Severity.Info, "a dead Cilium key removed");
    public static readonly DiagnosticCode PrunedValue = Define("MG4002", Severity.Info, "a managed value or list entry pruned, or given back its original");
    public static readonly DiagnosticCode PruneSkipped = Define("MG4003", Severity.Warning, "a prune skipped");
    public static readonly DiagnosticCode PrunedPostRenderer = Define("MG4004", Severity.Info, "a post-renderer pruned");
    public static readonly DiagnosticCode PrunedFile = Define("MG4005", Severity.Info, "an owned file deleted");
    public static readonly DiagnosticCode FixtureSkipped = Define("MG4006", Severity.Info, "no kyverno test fixture without observed");
    public static readonly DiagnosticCode StaleTempFileRemoved = Define("MG4007", Severity.Info, "a temporary file of an interrupted run removed");

    // MG5xxx: import (runbooks of kubectl patch commands) and init (adopting a repository).
    public static readonly DiagnosticCode RunbookPatchUnreadable = Define("MG5001", Severity.Error, "a runbook patch that does not parse");
    public static readonly DiagnosticCode RunbookPatchNotExpressible = Define("MG5002", Severity.Error, "a patch a workload tuning cannot express");
    public static readonly DiagnosticCode RunbookCommentNamesOtherContainer = Define("MG5003", Severity.Warning, "the comment above a command names another container than its index reaches");
    public static readonly DiagnosticCode RunbookPatchSkipped = Define("MG5004", Severity.Warning, "a command not imported (another kind or object)");
    public static readonly DiagnosticCode ImportSuggestion = Define("MG5005", Severity.Info, "a delivery suggestion");
    public static readonly DiagnosticCode InitAmbiguous = Define("MG5006", Severity.Error, "two candidates for one section, or one base two clusters apply");
    public static readonly DiagnosticCode NothingToImport = Define("MG5007", Severity.Error, "nothing to import: the runbook has no kubectl patch of the observed object");
    public static readonly DiagnosticCode DeliveryUnmet = Define("MG5008", Severity.Error, "an explicit --delivery the repository cannot meet (no manifest a kustomization lists, no HelmRelease that renders the object)");
    public static readonly DiagnosticCode MergePatchReplacesList = Define("MG5009", Severity.Warning, "a JSON merge patch that replaces a whole containers list, imported by container name as a strategic merge patch applies");
    public static readonly DiagnosticCode OutputExists = Define("MG5010", Severity.Error, "an output file init would overwrite");

    // MG6xxx: fetching charts from where Flux gets them (--fetch-charts, --offline).
    public static readonly DiagnosticCode ChartSourceUnreachable = Define("MG6001", Severity.Warning, "a chart source that cannot be reached (refused, timed out, an HTTP error, the run's fetch time used up): the run goes on with what it knows");
    public static readonly DiagnosticCode ChartVersionNotInSource = Define("MG6002", Severity.Warning, "a chart or version the source's index or tag list does not hold (Flux would fail the same way)");
    public static readonly DiagnosticCode ChartDigestMismatch = Define("MG6003", Severity.Error, "a fetched chart or manifest whose digest is not the one its source names: refused, never cached");
    public static readonly DiagnosticCode ChartFetchRefused = Define("MG6004", Severity.Warning, "a fetched index, manifest or archive refused: over a size limit, a redirect to another scheme or too many, not a chart");
    public static readonly DiagnosticCode ChartNotFetched = Define("MG6005", Severity.Info, "a chart not fetched, and why (${VAR} substitutions, credentials the tool cannot read, a GitRepository or Bucket source, a source not in the repository, offline with no cached copy)");
    public static readonly DiagnosticCode ChartSourceDenied = Define("MG6006", Severity.Warning, "a registry or repository that refused access (401, 403): log in with docker login or helm registry login");

    // MG9xxx: internal failures (exit 3), and template errors (exit 2).
    public static readonly DiagnosticCode Internal = Define("MG9001", Severity.Error, "internal or template error");
    public static readonly DiagnosticCode WriteFailed = Define("MG9002", Severity.Error, "a write failed and was rolled back");
    public static readonly DiagnosticCode LockFailed = Define("MG9003", Severity.Error, "the repository lock could not be taken");
}
