using ManifestGen.Diagnostics;
using ManifestGen.Repository;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Components;

/// <summary>One container's changes a runbook makes, as a tuning sets them: flags as written, and resources by key.</summary>
public sealed record ContainerChange(string Name, IReadOnlyList<KeyValuePair<string, string>> Flags,
    IReadOnlyList<KeyValuePair<string, string>> Requests, IReadOnlyList<KeyValuePair<string, string>> Limits);

/// <summary>
/// What <c>import</c> found, for the component that tunes containers: the observed object, the changes the runbook's
/// commands make to its containers, the delivery asked for, and the current folder to place the delivery in. The
/// component reports what it suggests or cannot meet into <see cref="Diagnostics"/>.
/// </summary>
/// <param name="Name">The tuning's name (the object's, as a spec name).</param>
/// <param name="RunbookDisplay">The runbook as the user names it from the current folder.</param>
public sealed record ImportedContainers(string Name, YamlDocumentNode Observed, string ObservedDisplay, string RunbookDisplay, string Delivery,
    IReadOnlyList<ContainerChange> Containers, ImportFolder Folder, List<Diagnostic> Diagnostics);

/// <summary>The current folder and every YAML document under it, read once for the delivery's paths and the suggestions.</summary>
public sealed record ImportFolder(string Path, RepositoryWorkspace Workspace, IReadOnlyList<(string Path, YamlDocumentNode Doc)> Documents)
{
    /// <summary>Whether a folder (relative to the current one) holds a kustomization that lists resources.</summary>
    public bool ListsResources(string dir) => KustomizationFile(dir) is { } k && (Workspace.Read(k) is { } bytes)
        && System.Text.Encoding.UTF8.GetString(bytes).Contains("resources", StringComparison.Ordinal);

    public string? KustomizationFile(string dir) => KustomizationReach.FileNames
        .Select(n => dir is "." or "" ? n : dir + "/" + n).FirstOrDefault(Workspace.Exists);
}
