using ManifestGen.Diagnostics;
using ManifestGen.Editing;
using ManifestGen.Ownership;
using ManifestGen.Repository;
using ManifestGen.Yaml;

namespace ManifestGen.Modules.Workloads;

/// <summary>
/// For an object an operator creates (Trident's trident-controller): a Kyverno ClusterPolicy file,
/// listed in its folder's kustomization.yaml so Flux applies it, and, when the live object is known
/// (<c>observed</c>), a <c>kyverno test</c> fixture in a folder Flux does not apply.
/// </summary>
public static class KyvernoDelivery
{
    public const string FixturesFolder = "kyverno-tests";

    public static void Deliver(GenerationContext context, PlanTuning tuning, WorkloadTuning workload, YamlValue? observed)
    {
        var output = workload.OutputRepoPath!;
        var folder = Path.GetDirectoryName(output)!.Replace('\\', '/');
        var kustomization = (folder.Length == 0 ? "" : folder + "/") + "kustomization.yaml";
        if (!context.Workspace.Exists(kustomization))
            throw new InvalidInputException(Diagnostic.Of(DiagnosticCodes.NotReferenced, workload.At.File, workload.At.Position,
                $"workload {workload.Name}: {output} would be applied by nothing: {folder} has no kustomization.yaml to list it",
                "put the policy in a folder whose kustomization.yaml Flux reconciles"));

        var (policy, rules) = KyvernoPolicyBuilder.Build(workload, Path.GetFileName(context.SpecRepoPath));
        OwnedFiles.Write(context, tuning, output, $"Kyverno policy for {workload.Target} (workload {workload.Name})", policy);
        var fileName = OwnedFiles.InListStyle(context, kustomization, "resources", Path.GetFileName(output));
        OwnedFiles.EnsureListed(context, tuning, kustomization, "resources", fileName,
            new YamlScalar(ScalarValue.String(fileName), Comment: ManagedMarker.Value));

        if (observed is null)
        {
            context.Diagnostics.Add(Diagnostic.Of(DiagnosticCodes.FixtureSkipped, workload.At.File, workload.At.Position,
                $"workload {workload.Name}: no kyverno test fixture without observed (the fixture's input is the observed object)"));
            return;
        }
        WriteFixture(context, tuning, workload, output, rules);
    }

    /// <summary>
    /// <c>kyverno test</c> input: the observed object, the object as post-render tunes it, and the test
    /// manifest, in <c>kyverno-tests/NAME/</c> beside the spec, a folder no Flux kustomization lists.
    /// </summary>
    private static void WriteFixture(GenerationContext context, PlanTuning tuning, WorkloadTuning workload, string policyPath, IReadOnlyList<string> rules)
    {
        var specDir = Path.GetDirectoryName(context.SpecRepoPath)!.Replace('\\', '/');
        var dir = (specDir.Length == 0 ? "" : specDir + "/") + FixturesFolder + "/" + workload.Name;
        var observedFile = context.Workspace.ReadYaml(workload.Observed!.RepoPath);
        var index = observedFile.Documents.First(d => PodTemplate.Matches(d, workload.Target)).Index;
        var input = YamlValue.FromNode(observedFile.Documents[index].Root);
        var patched = ContainerEditor.ApplyTo(input, workload, ContainerEditor.FlagMode.AppendUnlessPresent);
        var policyRelative = Path.GetRelativePath(dir, policyPath).Replace('\\', '/');
        if (KustomizationReach.ListingOf(context.Workspace, dir, isFolder: true) is { } lister)
            throw new InvalidInputException(Diagnostic.Of(DiagnosticCodes.NotReferenced, lister, null,
                $"this kustomization lists {dir}, where the kyverno test fixture of workload {workload.Name} goes; Flux would apply the test's resources",
                "remove that entry, or keep the spec in a folder that no kustomization lists"));

        var results = rules.Select(rule => (YamlValue)new YamlMap(
        [
            new("policy", YamlValue.Scalar(KyvernoPolicyBuilder.PolicyName(workload))),
            new("rule", YamlValue.Scalar(rule)),
            new("resources", new YamlSeq([YamlValue.Scalar(workload.Target.Name)])),
            new("kind", YamlValue.Scalar(workload.Target.Kind)),
            new("patchedResource", YamlValue.Scalar("patched.yaml")),
            new("result", YamlValue.Scalar("pass")),
        ])).ToList();
        var test = new YamlMap(
        [
            new("apiVersion", YamlValue.Scalar("cli.kyverno.io/v1alpha1")),
            new("kind", YamlValue.Scalar("Test")),
            new("metadata", new YamlMap([new("name", YamlValue.Scalar(workload.Name))])),
            new("policies", new YamlSeq([YamlValue.Scalar(policyRelative)])),
            new("resources", new YamlSeq([YamlValue.Scalar("resource.yaml")])),
            new("results", new YamlSeq(results)),
        ]);
        var what = $"kyverno test fixture for workload {workload.Name}; run `kyverno test .` in this folder";
        OwnedFiles.Write(context, tuning, dir + "/kyverno-test.yaml", what, test);
        OwnedFiles.Write(context, tuning, dir + "/resource.yaml", $"the observed {workload.Target}, input of the kyverno test", input);
        OwnedFiles.Write(context, tuning, dir + "/patched.yaml", $"the observed {workload.Target} as the policy must leave it", patched);
    }
}
