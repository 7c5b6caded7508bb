using ManifestGen.Diagnostics;
using ManifestGen.Editing;
using ManifestGen.Ownership;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Modules.Workloads;

/// <summary>
/// For an object whose manifest is in Git: a JSON6902 patch file beside the kustomization that lists
/// the manifest, added to that kustomization's <c>patches</c>. Indices come from the listed manifest.
/// </summary>
public static class KustomizationDelivery
{
    public static void Deliver(GenerationContext context, PlanTuning tuning, WorkloadTuning workload, YamlValue? observed)
    {
        var dir = workload.KustomizationDir!;
        var kustomization = dir + "/kustomization.yaml";
        var (baseFile, baseObject) = FindBase(context, workload, kustomization);
        WorkloadModule.CheckContainers(workload, baseObject, baseFile);

        var output = workload.OutputRepoPath!;
        if (!output.StartsWith(dir + "/", StringComparison.Ordinal))
            throw new InvalidInputException(Diagnostic.Of(DiagnosticCodes.SpecBadValue, workload.At.File, workload.At.Position,
                $"workload {workload.Name}: output {output} must be inside {dir}: kustomize loads patch files only from the kustomization's folder"));
        var relative = OwnedFiles.InListStyle(context, kustomization, "resources", output[(dir.Length + 1)..]);

        var ops = Json6902PatchBuilder.Build(baseObject, workload);
        OwnedFiles.Write(context, tuning, output, $"container tuning of {workload.Target} (workload {workload.Name})", ops);

        var (group, version) = WorkloadSpecReader.Kinds[workload.Target.Kind];
        var item = new YamlMap(
        [
            new("path", new YamlScalar(ScalarValue.String(relative), Comment: ManagedMarker.Value)),
            new("target", FluxPostRenderers.Target(group, version, workload.Target.Kind, workload.Target.Name)),
        ]);
        OwnedFiles.EnsureListed(context, tuning, kustomization, "patches", relative, item);
    }

    /// <summary>The target's manifest among the files the kustomization lists in resources.</summary>
    private static (string File, YamlValue Object) FindBase(GenerationContext context, WorkloadTuning workload, string kustomization)
    {
        var k = context.Workspace.ReadYaml(kustomization);
        var dir = Path.GetDirectoryName(kustomization)!.Replace('\\', '/');
        var kdoc = TargetReads.KustomizationDocument(k, kustomization);
        var resources = TargetReads.In(kustomization, () => YamlEditor.GetValue(k, DocumentSelector.At(kdoc.Index), "resources")) as YamlSeq;
        foreach (var r in resources?.Items.OfType<YamlScalar>() ?? [])
        {
            var rel = r.Value.Text;
            if (rel.Contains("://", StringComparison.Ordinal)) continue;
            var repoPath = Normalize(dir + "/" + rel);
            if (!repoPath.EndsWith(".yaml", StringComparison.Ordinal) && !repoPath.EndsWith(".yml", StringComparison.Ordinal)) continue;
            if (!context.Workspace.Root.Contains(context.Workspace.Root.Full(repoPath)) || !context.Workspace.Exists(repoPath)) continue;
            var file = context.Workspace.ReadYaml(repoPath);
            var match = file.Documents.FirstOrDefault(d => PodTemplate.Matches(d, workload.Target));
            if (match is not null) return (repoPath, YamlValue.FromNode(match.Root));
        }
        throw new InvalidInputException(Diagnostic.Of(DiagnosticCodes.TargetWrongKind, workload.At.File, workload.At.Position,
            $"workload {workload.Name}: no file that {kustomization} lists under resources holds {workload.Target}",
            "the kustomization delivery patches a manifest the kustomization lists; for a remote base or a chart use postRenderer, for an operator's object kyverno"));
    }

    private static string Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var p in path.Split('/'))
        {
            if (p is "" or ".") continue;
            if (p == ".." && parts.Count > 0) parts.RemoveAt(parts.Count - 1);
            else parts.Add(p);
        }
        return string.Join('/', parts);
    }
}
