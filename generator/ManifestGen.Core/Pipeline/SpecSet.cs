using ManifestGen.Diagnostics;
using ManifestGen.Workspace;
using System.Text.RegularExpressions;

namespace ManifestGen.Pipeline;

/// <summary>
/// What <c>--spec</c> names: one spec file, a folder (every ClusterTuning spec below it: a fleet, one
/// spec per cluster), or a glob such as <c>clusters/*/tuning.yaml</c>.
/// </summary>
public static class SpecSet
{
    /// <summary>Where a verb looks without <c>--spec</c>, in this order: the repository layout, then where <c>init</c> writes.</summary>
    public static readonly string[] DefaultLocations = ["cluster-config/tuning.yaml", "tuning.yaml"];

    /// <summary>The first default location that exists under <paramref name="folder"/>, as written; null when none does.</summary>
    public static string? FindDefault(string folder) =>
        DefaultLocations.FirstOrDefault(candidate => File.Exists(Path.Combine(folder, candidate)));

    /// <summary>
    /// The <c>--spec</c> argument that reaches <paramref name="specPath"/> from <paramref name="folder"/>: empty when the
    /// lookup without --spec finds it there (as if it existed: init asks before it writes the file).
    /// </summary>
    public static string SpecArgument(string specPath, string folder)
    {
        var full = Path.GetFullPath(specPath);
        foreach (var candidate in DefaultLocations)
        {
            var at = Path.GetFullPath(Path.Combine(folder, candidate));
            if (at == full) return "";
            if (File.Exists(at)) break; // the lookup stops at this one
        }
        var relative = Path.GetRelativePath(folder, full).Replace('\\', '/');
        return " --spec " + (relative.Contains(' ', StringComparison.Ordinal) ? $"'{relative}'" : relative);
    }

    /// <summary>Whether <paramref name="spec"/> names a fleet (a folder or a glob) rather than one spec file.</summary>
    public static bool IsFleet(string spec) => Directory.Exists(AbsolutePath.Required(spec, "the spec")) || spec.IndexOfAny(['*', '?']) >= 0;

    /// <summary>The error for a fleet whose folder or glob holds no spec.</summary>
    /// <param name="spec">The spec argument, absolute.</param>
    /// <param name="shown">The same as the user wrote it, for the message.</param>
    public static Diagnostic NoneFound(string spec, string? shown = null) => Diagnostic.Unplaced(DiagnosticCodes.SpecMissing,
        Directory.Exists(AbsolutePath.Required(spec, "the spec")) && !(shown ?? spec).EndsWith('/') ? (shown ?? spec) + "/" : shown ?? spec, "no ClusterTuning spec found here",
        "a fleet is a folder (or a glob) of spec files whose kind is ClusterTuning");

    /// <param name="spec">Absolute: a spec file, a folder of specs or a glob.</param>
    public static IReadOnlyList<string> Resolve(string spec)
    {
        AbsolutePath.Required(spec, "the spec");
        if (File.Exists(spec)) return [Path.GetFullPath(spec)];
        if (Directory.Exists(spec))
        {
            var yaml = Directory.EnumerateFiles(spec, "*.*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint | FileAttributes.Hidden })
                .Where(IsYaml).ToList();
            // A fleet's folder holds every cluster's manifests too (a dozen files per spec): opening them
            // one by one was a fifth of a 1,000-cluster check, so both cores look.
            var isSpec = new bool[yaml.Count];
            Parallel.For(0, yaml.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => isSpec[i] = IsSpec(yaml[i]));
            return yaml.Where((_, i) => isSpec[i]).Select(Path.GetFullPath).Order(StringComparer.Ordinal).ToList();
        }
        if (IsFleet(spec)) return Glob(spec); // a folder was taken above: a glob
        return [Path.GetFullPath(spec)]; // missing: the loader reports it
    }

    private static bool IsYaml(string path) => path.EndsWith(".yaml", StringComparison.Ordinal) || path.EndsWith(".yml", StringComparison.Ordinal);

    /// <summary>A spec declares its kind near the top; the inventory the tool writes beside it does not.</summary>
    private static bool IsSpec(string path)
    {
        using var reader = new StreamReader(path);
        for (var i = 0; i < 50 && reader.ReadLine() is { } line; i++)
            if (line.StartsWith("kind: ClusterTuning", StringComparison.Ordinal)) return true;
        return false;
    }

    private static List<string> Glob(string pattern)
    {
        var full = Path.GetFullPath(pattern);
        // The fixed part before the first wildcard is where the search starts.
        var firstWild = full.IndexOfAny(['*', '?']);
        var baseDir = Path.GetDirectoryName(full[..firstWild]) ?? "/";
        if (!Directory.Exists(baseDir)) return [];
        var regex = new Regex("^" + Regex.Escape(full).Replace(@"\*\*/", "(.*/)?").Replace(@"\*\*", ".*").Replace(@"\*", "[^/]*").Replace(@"\?", "[^/]") + "$");
        return Directory.EnumerateFiles(baseDir, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint })
            .Where(f => regex.IsMatch(f)).Order(StringComparer.Ordinal).ToList();
    }
}
