using ManifestGen.Diagnostics;
using ManifestGen.Editing;
using ManifestGen.Repository;
using ManifestGen.Values;
using ManifestGen.Workspace;

namespace ManifestGen.Pipeline;

/// <summary>
/// The chart values a run writes that a patch Flux applies after them sets again (MG3011): a cluster's HelmRelease
/// patch, a JSON 6902 operation under <c>/spec/values</c>, a Flux Kustomization's inline patch. The cluster gets the
/// patch's value, so the written one would do nothing there; the run refuses, naming the patch and the line.
/// </summary>
public static class PatchOverrides
{
    public static IReadOnlyList<Diagnostic> Find(RepositoryWorkspace workspace, FluxApplied? flux, IReadOnlyList<WrittenValue> written)
    {
        if (flux is null || written.Count == 0) return [];
        var found = new List<Diagnostic>();
        foreach (var value in written)
        {
            foreach (var applied in flux.HelmReleases.Where(a => a.RepoPath == value.HelmReleasePath && a.Index == value.DocumentIndex))
            {
                // Only what is applied after the source written to counts: the patch written to, and those before it, are under it.
                var mine = applied.Patches.ToList().FindLastIndex(p => p.Where == value.Source.Where);
                // A cluster's patch written to is that cluster's: another cluster that applies the base without it gets none of it.
                if (mine < 0 && value.Source.Kind == ValueSourceKind.Patch) continue;
                var later = applied with { Patches = applied.Patches.Skip(mine + 1).ToList() };
                foreach (var patch in PatchValueSources.Of(workspace, later))
                {
                    if (patch.Setting(workspace, value.Key) is not { } node) continue;
                    var at = patch.Where.PositionOf(workspace, node.Start);
                    found.Add(Diagnostic.Of(DiagnosticCodes.ValueOverriddenByPatch, value.At.File, value.At.Position,
                        $"{value.Key} would be written to {value.Source}, but {applied.By.Name} ({applied.By.File}) applies {patch.Where.RepoPath}:{at.Line} after it, " +
                        $"which sets {value.Key} again: that cluster would get the patch's value, so the tuning would do nothing; nothing was written",
                        patch.Kind == ValueSourceKind.Patch && patch.KeyPrefix is null && patch.Where.Block is null
                            ? $"name that patch with the spec's values key ({patch.Where.RepoPath} from the repository root), or remove {value.Key} from it"
                            : $"remove {value.Key} from the patch, or set it there by hand"));
                    break;
                }
            }
        }
        return found.Distinct().ToList();
    }
}
