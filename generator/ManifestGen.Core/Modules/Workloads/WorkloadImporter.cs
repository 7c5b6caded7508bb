using ManifestGen.Components;
using ManifestGen.Diagnostics;
using ManifestGen.Spec;
using ManifestGen.Yaml;

namespace ManifestGen.Modules.Workloads;

/// <summary>
/// <c>import</c>'s last step for workloads: the container changes a runbook makes to the observed object as one
/// workload tuning, delivered as asked (a Kyverno policy in the folder that applies the target's namespace, a patch in
/// the kustomization that lists its manifest, or a post-renderer on the HelmRelease that renders it), with a
/// suggestion where another delivery fits the object better.
/// </summary>
internal static class WorkloadImporter
{
    public static WorkloadsTuning? Import(ImportedContainers imported)
    {
        if (WorkloadFacts.Deliveries.FirstOrDefault(d => d.Name == imported.Delivery) is not { Name: not null } delivery) return null;
        var (doc, folder, diagnostics) = (imported.Observed, imported.Folder, imported.Diagnostics);
        Suggest(imported);
        TargetFile? helmRelease = null;
        string? kustomization = null, output = null;
        switch (delivery.Delivery)
        {
            case WorkloadDelivery.Kyverno:
                var policyFolder = PolicyFolder(doc, folder);
                if (policyFolder is null)
                    diagnostics.Add(Diagnostic.Of(DiagnosticCodes.ImportSuggestion, imported.RunbookDisplay, null,
                        $"no folder with a kustomization.yaml holds objects of namespace {doc.Namespace}; the policy goes beside the spec, where a kustomization must list it before generate",
                        "edit the workload's output to a folder Flux reconciles"));
                output = Join(policyFolder ?? ".", $"{imported.Name}-tuning.yaml");
                break;
            case WorkloadDelivery.Kustomization:
                var listing = ListingFolder(doc, folder);
                if (listing is null)
                    diagnostics.Add(Diagnostic.Of(DiagnosticCodes.DeliveryUnmet, imported.ObservedDisplay, null,
                        $"delivery kustomization needs the manifest of {doc.Kind} {doc.Name} in Git, listed by a kustomization.yaml; none was found under {folder.Path}"));
                kustomization = listing ?? ".";
                output = Join(listing ?? ".", $"{imported.Name}-patch.yaml");
                break;
            case WorkloadDelivery.PostRenderer:
                var release = RenderingRelease(doc, folder);
                if (release is null)
                    diagnostics.Add(Diagnostic.Of(DiagnosticCodes.DeliveryUnmet, imported.ObservedDisplay, null,
                        $"delivery postRenderer needs the HelmRelease that renders {doc.Kind} {doc.Name} (from its meta.helm.sh/release-name annotation); none was found under {folder.Path}"));
                helmRelease = new TargetFile(release ?? "helmrelease.yaml", release ?? "helmrelease.yaml", default);
                break;
        }
        var containers = imported.Containers.Select(c => new ContainerIntent(c.Name,
            c.Flags.Select(f => new FlagSetting(f.Key, f.Value)).ToList(), new ResourceSettings(c.Requests, c.Limits), default)).ToList();
        var workload = new WorkloadTuning(imported.Name, new WorkloadTarget(doc.Kind!, doc.Namespace, doc.Name!),
            delivery.Delivery, helmRelease, kustomization, output,
            new TargetFile(imported.ObservedDisplay, imported.ObservedDisplay, default), containers, default);
        return new WorkloadsTuning([workload]);
    }

    private static void Suggest(ImportedContainers imported)
    {
        var (doc, delivery) = (imported.Observed, imported.Delivery);
        var observed = YamlValue.FromNode(doc.Root);
        if ((YamlValue.At(observed, "metadata", "labels", "app.kubernetes.io/managed-by") as YamlScalar)?.Value.Text == "Helm" && delivery != "postRenderer")
            imported.Diagnostics.Add(Diagnostic.Of(DiagnosticCodes.ImportSuggestion, imported.ObservedDisplay, null,
                $"{doc.Kind} {doc.Name} carries app.kubernetes.io/managed-by: Helm: a chart renders it, so --delivery postRenderer (a patch in that HelmRelease) may fit better than {delivery}"));
        if (delivery != "kustomization" && ListingFolder(doc, imported.Folder) is { } folder)
            imported.Diagnostics.Add(Diagnostic.Of(DiagnosticCodes.ImportSuggestion, imported.ObservedDisplay, null,
                $"{folder}/kustomization.yaml lists a manifest of {doc.Kind} {doc.Name}: it is in Git, so --delivery kustomization may fit better than {delivery}"));
    }

    /// <summary>The folder (relative to the current folder) of a kustomization that lists objects of the target's namespace: where a policy for it is applied.</summary>
    private static string? PolicyFolder(YamlDocumentNode target, ImportFolder folder)
    {
        var inNamespace = folder.Documents.Where(m => m.Doc.Namespace == target.Namespace)
            .OrderBy(m => m.Doc.Kind == "HelmRelease" ? 0 : 1).Select(m => FolderOf(m.Path));
        return inNamespace.FirstOrDefault(d => folder.KustomizationFile(d) is not null)
               ?? (folder.KustomizationFile(".") is not null ? "." : null);
    }

    private static string? ListingFolder(YamlDocumentNode target, ImportFolder folder) =>
        folder.Documents.Where(m => m.Doc.Kind == target.Kind && m.Doc.Name == target.Name && (m.Doc.Namespace ?? target.Namespace) == target.Namespace)
            .Select(m => FolderOf(m.Path))
            .FirstOrDefault(folder.ListsResources);

    private static string? RenderingRelease(YamlDocumentNode target, ImportFolder folder)
    {
        var annotations = YamlValue.FromNode(target.Root);
        var release = (YamlValue.At(annotations, "metadata", "annotations", "meta.helm.sh/release-name") as YamlScalar)?.Value.Text;
        if (release is null) return null;
        return folder.Documents.Where(m => m.Doc.Kind == "HelmRelease"
                && (m.Doc.Name == release || (YamlValue.At(YamlValue.FromNode(m.Doc.Root), "spec", "releaseName") as YamlScalar)?.Value.Text == release))
            .Select(m => m.Path.Replace('\\', '/')).FirstOrDefault();
    }

    private static string FolderOf(string relativePath) => Path.GetDirectoryName(relativePath) is { Length: > 0 } d ? d.Replace('\\', '/') : ".";

    private static string Join(string folder, string file) => folder is "." or "" ? file : folder + "/" + file;
}
