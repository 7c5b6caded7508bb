using System.Text;
using ManifestGen.Diagnostics;
using ManifestGen.Ownership;
using ManifestGen.Workspace;
using ManifestGen.Yaml;
using Scriban.Runtime;

namespace ManifestGen.Editing;

/// <summary>
/// Whole files the tool owns: rendered through the header template, written only over a file that
/// carries the header (or none), and recorded in the inventory so pruning can delete them.
/// </summary>
public static class OwnedFiles
{
    public static void Write(GenerationContext context, PlanTuning tuning, string repoPath, string purpose, YamlValue body)
    {
        var existing = context.Workspace.Read(repoPath);
        if (existing is not null && !ToolFiles.IsOwned(existing))
            throw new InvalidInputException(Diagnostic.Of(DiagnosticCodes.TargetNotOwned, repoPath, null,
                "the spec would write this file, but it exists without the manifestgen header; it is not overwritten",
                "move the file away, or point the workload's output elsewhere"));
        var text = context.Templates.Render("generated-file.yaml.sbn", new ScriptObject
        {
            // The spec's file name, not its path: the output must not depend on where the repository root is.
            ["spec_file"] = Path.GetFileName(context.SpecRepoPath),
            ["purpose"] = purpose,
            ["body"] = YamlWriter.Document(body).TrimEnd('\n'),
        });
        context.Workspace.WriteWhole(repoPath, Encoding.UTF8.GetBytes(text));
        context.RecordOwnedFile(tuning, repoPath);
    }

    /// <summary>Adds a marked item to a list of a kustomization.yaml (resources or patches) unless an item with that value is there.</summary>
    public static void EnsureListed(GenerationContext context, PlanTuning tuning, string kustomizationPath, string list, string value, YamlValue item)
    {
        var file = context.Workspace.ReadYaml(kustomizationPath);
        var doc = TargetReads.KustomizationDocument(file, kustomizationPath);
        var docRef = DocumentRef.Of(doc);
        var listPath = YamlPath.Keys(list);
        var marked = TargetReads.In(kustomizationPath, () => ManagedMarker.FindListItem(file, docRef.Selector, listPath, value));
        if (marked >= 0)
            context.Workspace.Edit(kustomizationPath, new ReplaceSubtree(docRef.Selector, listPath.Append(new IndexSegment(marked)), item));
        else if (!TargetReads.In(kustomizationPath, () => Listed(file, docRef.Selector, listPath, value)))
            context.Workspace.Edit(kustomizationPath, new AppendItem(docRef.Selector, listPath, item));
        context.RecordListItem(tuning, kustomizationPath, docRef, $"{list}={value}");
    }

    /// <summary>A relative path written the way the list's other entries are: with "./" when they use it.</summary>
    public static string InListStyle(GenerationContext context, string kustomizationPath, string list, string relative)
    {
        var file = context.Workspace.ReadYaml(kustomizationPath);
        var doc = TargetReads.KustomizationDocument(file, kustomizationPath);
        var items = (TargetReads.In(kustomizationPath, () => YamlEditor.GetValue(file, DocumentSelector.At(doc.Index), list)) as YamlSeq)?.Items.OfType<YamlScalar>().ToList() ?? [];
        var dotted = items.Count > 0 && items.All(i => i.Value.Text.StartsWith("./", StringComparison.Ordinal));
        return dotted ? "./" + relative : relative;
    }

    /// <summary>True when the list already names the value (with or without "./"), written by the user.</summary>
    private static bool Listed(YamlFile file, DocumentSelector doc, YamlPath list, string value)
    {
        if (YamlEditor.GetValue(file, doc, list) is not YamlSeq seq) return false;
        static string Norm(string p) => p.StartsWith("./", StringComparison.Ordinal) ? p[2..] : p;
        return seq.Items.Any(i => i switch
        {
            YamlScalar s => Norm(s.Value.Text) == Norm(value),
            YamlMap m => m.Get("path") is YamlScalar p && Norm(p.Value.Text) == Norm(value),
            _ => false,
        });
    }
}
