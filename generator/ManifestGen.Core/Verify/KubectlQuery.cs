using ManifestGen.Live;

namespace ManifestGen.Verify;

/// <summary>
/// The <c>kubectl get</c> that fetches every object <c>verify</c> reads. kubectl names objects of one
/// namespace per command, so objects in several namespaces give one command each, joined into one
/// shell line whose output is several YAML documents (<c>---</c> between them), which verify reads.
/// </summary>
public static class KubectlQuery
{
    public static string For(IReadOnlyList<LiveRef> objects)
    {
        var commands = objects.GroupBy(o => o.Namespace ?? "")
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"kubectl get{(g.Key.Length == 0 ? "" : " -n " + g.Key)} " +
                         string.Join(' ', g.Select(o => $"{o.Kind.ToLowerInvariant()}/{o.Name}")) + " -o yaml")
            .ToList();
        return commands.Count == 1 ? commands[0] : "{ " + string.Join("; echo ---; ", commands) + "; }";
    }
}
