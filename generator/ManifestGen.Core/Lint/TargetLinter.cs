using ManifestGen.Diagnostics;
using ManifestGen.Modules.Cilium;
using ManifestGen.Generation;
using ManifestGen.Spec;
using ManifestGen.Values;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Lint;

/// <summary>
/// Lints the target files as committed (not only the spec): settings that look like tuning but do
/// nothing, or do something else than their author meant.
/// </summary>
public static class TargetLinter
{
    public static IReadOnlyList<Diagnostic> Lint(ClusterTuningSpec spec, RepositoryWorkspace workspace)
    {
        var found = new List<Diagnostic>();
        var helmReleases = new List<string>();
        if (spec.Cilium is { } cilium)
        {
            helmReleases.Add(cilium.HelmRelease.RepoPath);
            LintCilium(spec, cilium, workspace, found);
        }
        if (spec.Trident?.Orchestrator is { } orchestrator)
        {
            helmReleases.Add(orchestrator.HelmRelease.RepoPath);
            if (orchestrator.K8sApiQps is not null)
            {
                foreach (var w in spec.Workloads)
                    foreach (var c in w.Containers.Where(c => c.Flags.Any(f => f.Bare == "kube-api-qps")))
                        found.Add(Diagnostic.Warning(DiagnosticCodes.QpsSetTwice, c.At.File, c.At.Position,
                            $"workload {w.Name} sets --kube-api-qps on {c.Name} while trident.orchestrator.k8sAPIQPS also sets the sidecars' QPS",
                            "choose one: k8sAPIQPS (Trident 24.10+) sets trident-main and every sidecar, the flags set chosen containers"));
            }
        }
        helmReleases.AddRange(spec.Workloads.Where(w => w.HelmRelease is not null).Select(w => w.HelmRelease!.RepoPath));
        foreach (var path in helmReleases.Distinct()) LintHelmRelease(path, workspace, found);
        return found;
    }

    private static void LintCilium(ClusterTuningSpec spec, CiliumTuning cilium, RepositoryWorkspace workspace, List<Diagnostic> found)
    {
        var path = cilium.HelmRelease.RepoPath;
        if (Read(workspace, path) is not { } file) return;
        foreach (var doc in file.Documents.Where(d => d.Kind == "HelmRelease"))
        {
            IReadOnlyList<ValueSource> sources;
            try
            {
                sources = ValueSourceResolver.Resolve(workspace, path, DocumentRef.Of(doc), cilium.Values, "cilium.values");
            }
            catch (InvalidInputException)
            {
                continue; // reported by the run itself
            }
            var rollOut = false;
            foreach (var source in sources)
            {
                if (source.Where.ReadOriginal(workspace) is not { } values) continue;
                foreach (var (key, specKey) in CiliumModule.DeadBpfKeys)
                {
                    if (source.Find(values, YamlPath.Keys("bpf", key)) is not { } node) continue;
                    var replacement = specKey is null
                        ? "Cilium has no TCP close timeout; delete it"
                        : $"set extraConfig.{SpecLoader.ConntrackTimeoutKeys.First(k => k.SpecKey == specKey).ConfigKey} with a unit, or spec.cilium.conntrack.{specKey}";
                    found.Add(Diagnostic.Warning(DiagnosticCodes.DeadCiliumKey, source.Where.RepoPath, source.Where.OriginalPositionOf(workspace, source.PathOf(YamlPath.Keys("bpf", key))),
                        $"{source.PathOf(YamlPath.Keys("bpf", key))} is not a Cilium chart value: it does nothing", replacement));
                }
                if (source.Find(values, YamlPath.Keys("extraConfig")) is MappingNode extra)
                {
                    foreach (var entry in extra.Entries.Where(e => e.KeyText?.StartsWith("bpf-ct-timeout-", StringComparison.Ordinal) == true))
                    {
                        if (entry.Value is not ScalarNode s) continue;
                        var text = s.Value.Trim();
                        if (text.Length > 0 && text.All(char.IsAsciiDigit))
                            found.Add(Diagnostic.Error(DiagnosticCodes.BareTimeout, source.Where.RepoPath,
                                source.Where.OriginalPositionOf(workspace, source.PathOf(YamlPath.Keys("extraConfig", entry.KeyText!))),
                                $"extraConfig.{entry.KeyText} is {text} without a unit: Cilium reads it as {text} nanoseconds",
                                $"write \"{text}s\" for seconds"));
                    }
                }
                // The last source that sets rollOutCiliumPods decides it.
                if (source.Find(values, YamlPath.Keys("rollOutCiliumPods")) is ScalarNode r) rollOut = r.ToValue().Canonical == "true";
            }
            if (cilium.Conntrack is not null && cilium.RollOutPods != true && !rollOut)
                found.Add(Diagnostic.Warning(DiagnosticCodes.ConntrackWithoutRollout, cilium.At.File, cilium.At.Position,
                    "conntrack tuning without rollOutCiliumPods: the agents read cilium-config only when they start, so the change waits for their next restart",
                    "add rollOutPods: true under spec.cilium"));
        }
    }

    private static void LintHelmRelease(string path, RepositoryWorkspace workspace, List<Diagnostic> found)
    {
        if (Read(workspace, path) is not { } file) return;
        foreach (var doc in file.Documents.Where(d => d.Kind == "HelmRelease"))
        {
            var select = DocumentSelector.At(doc.Index);
            if (doc.ApiVersion is "helm.toolkit.fluxcd.io/v2beta1" or "helm.toolkit.fluxcd.io/v2beta2"
                && Get(file, select, YamlPath.Keys("apiVersion")) is { } api)
                found.Add(Diagnostic.Warning(DiagnosticCodes.OldHelmReleaseApi, path, file.Source.PositionOf(api.ContentStart),
                    $"HelmRelease {doc.Name} uses {doc.ApiVersion}, which Flux deprecated for helm.toolkit.fluxcd.io/v2",
                    "change apiVersion to helm.toolkit.fluxcd.io/v2 (and post-renderer patches to patches[] with a target)"));
            if (Get(file, select, YamlPath.Keys("spec", "postRenderers")) is not SequenceNode renderers) continue;
            foreach (var item in renderers.Items.OfType<MappingNode>())
            {
                if (item.Find("kustomize")?.Value is not MappingNode kustomize) continue;
                foreach (var removed in new[] { "patchesStrategicMerge", "patchesJson6902" })
                    if (kustomize.Find(removed) is { } e)
                        found.Add(Diagnostic.Error(DiagnosticCodes.RemovedPatchFields, path, file.Source.PositionOf(e.Key.ContentStart),
                            $"post-renderer field {removed} was removed from helm.toolkit.fluxcd.io/v2; Flux ignores or rejects it",
                            "move each patch to kustomize.patches[] with a target"));
            }
        }
    }

    private static YamlFile? Read(RepositoryWorkspace workspace, string path)
    {
        try
        {
            return workspace.ReadOriginalYaml(path);
        }
        catch (InvalidInputException)
        {
            return null; // reported by the run itself
        }
    }

    private static YamlNode? Get(YamlFile file, DocumentSelector doc, YamlPath path)
    {
        try
        {
            return YamlEditor.Get(file, doc, path);
        }
        catch (YamlEditException)
        {
            return null;
        }
    }
}
