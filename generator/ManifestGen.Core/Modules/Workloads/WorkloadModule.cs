using ManifestGen.Diagnostics;
using ManifestGen.Editing;
using ManifestGen.Repository;
using ManifestGen.Yaml;

namespace ManifestGen.Modules.Workloads;

/// <summary>
/// Container tuning by container name (<c>spec.workloads</c>), delivered the way the target's owner
/// allows: a post-renderer on the HelmRelease that renders it, a patch in the kustomization that
/// lists it, or a Kyverno policy where an operator creates it.
/// </summary>
public sealed class WorkloadModule
{
    public static string PostRendererId(WorkloadTuning w) => "workload/" + w.Name;

    public void Apply(IReadOnlyList<WorkloadTuning> workloads, GenerationContext context)
    {
        // Each workload on its own: a refusal of one is reported, and the others still run.
        foreach (var workload in workloads) context.Attempt(() => Apply(workload, context));
    }

    private static void Apply(WorkloadTuning workload, GenerationContext context)
    {
        var observed = workload.Observed is null ? null : Observed(context, workload);
        var tuning = new PlanTuning($"workload {workload.Name}", WorkloadSpecReader.DeliveryName(workload.Delivery));
        switch (workload.Delivery)
        {
            case WorkloadDelivery.PostRenderer:
                DeliverByPostRenderer(context, tuning, workload, observed!);
                break;
            case WorkloadDelivery.Kustomization:
                KustomizationDelivery.Deliver(context, tuning, workload, observed);
                break;
            case WorkloadDelivery.Kyverno:
                KyvernoDelivery.Deliver(context, tuning, workload, observed);
                break;
        }
    }

    /// <summary>The live object from the observed file; its container names are checked against the spec.</summary>
    private static YamlValue Observed(GenerationContext context, WorkloadTuning workload)
    {
        var target = workload.Observed!;
        // The observed object is a copy of the live one: if Flux applied it, it would fight the operator.
        if (KustomizationReach.ListingOf(context.Workspace, target.RepoPath) is { } lister)
            throw new InvalidInputException(Diagnostic.Of(DiagnosticCodes.NotReferenced, target.At.File, target.At.Position,
                $"{target.AsWritten} is listed by {lister}, so Flux would apply this copy of the live object",
                "keep observed files in a folder no kustomization lists (for example observed/ beside the spec)"));
        var file = context.Workspace.ReadYaml(target.RepoPath);
        var matches = file.Documents.Where(d => PodTemplate.Matches(d, workload.Target)).ToList();
        if (matches.Count != 1)
            throw new InvalidInputException(Diagnostic.Of(DiagnosticCodes.TargetWrongKind, target.At.File, target.At.Position,
                $"{target.AsWritten} holds {(matches.Count == 0 ? "no" : matches.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))} {workload.Target}",
                "observed is the object as `kubectl get -o yaml` shows it"));
        var data = YamlValue.FromNode(matches[0].Root);
        CheckContainers(workload, data, target.AsWritten);
        return data;
    }

    /// <summary>A container the target does not have is an error at generate time, at the spec line that names it.</summary>
    public static void CheckContainers(WorkloadTuning workload, YamlValue obj, string source)
    {
        var names = PodTemplate.ContainerNames(obj);
        var missing = workload.Containers.Where(c => !names.Contains(c.Name)).ToList();
        if (missing.Count == 0) return;
        throw new InvalidInputException(missing.Select(c => Diagnostic.Of(DiagnosticCodes.ContainerNotFound, c.At.File, c.At.Position,
            $"workload {workload.Name}: {workload.Target} in {source} has no container named {c.Name}; it has {string.Join(", ", names)}",
            "container order and names differ between builds; name containers as the live object does")).ToList());
    }

    private static void DeliverByPostRenderer(GenerationContext context, PlanTuning tuning, WorkloadTuning workload, YamlValue observed)
    {
        var release = workload.HelmRelease!;
        var doc = context.FindDocument(release, "HelmRelease");
        var (group, version) = WorkloadSpecReader.Kinds[workload.Target.Kind];
        var patch = YamlWriter.Document(Json6902PatchBuilder.Build(observed, workload));
        // No namespace in the target: a chart's rendered objects often carry none until Helm installs them.
        var target = FluxPostRenderers.Target(group, version, workload.Target.Kind, workload.Target.Name);
        FluxPostRenderers.Upsert(context, tuning, release.RepoPath, doc, PostRendererId(workload), FluxPostRenderers.Entry(PostRendererId(workload), target, patch));
    }
}
