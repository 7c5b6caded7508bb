using System.Text.RegularExpressions;
using ManifestGen.Tests.Support;
using ManifestGen.Yaml;
using Xunit.Abstractions;

namespace ManifestGen.Tests.Values;

/// <summary>
/// Every HelmRelease in ../shared/corpus, in the repository it came from: values are set where they live
/// (a new nested key and a top-level key that may already be there), then the tuning is removed, and every
/// file must be byte-identical to where it started. HelmReleases whose values the tool cannot edit must be
/// refused with a diagnostic, never edited somewhere else.
/// </summary>
public partial class CorpusValuesRoundTripTests(ITestOutputHelper output)
{
    private const string Probe = "zz-manifestgen-probe.yaml";

    [SharedFact]
    public void Set_then_remove_a_value_in_every_corpus_helm_release_gives_the_files_back()
    {
        var corpus = Path.Combine(RepoPaths.RequireShared(), "corpus");
        var roots = Directory.EnumerateDirectories(Path.Combine(corpus, "public")).Append(Path.Combine(corpus, "postrenderers"))
            .Append(Path.Combine(corpus, "trident")).Order(StringComparer.Ordinal).ToList();
        int releases = 0, roundTrips = 0, takenOver = 0, inFiles = 0;
        var refused = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var failures = new List<string>();
        foreach (var source in roots)
        {
            using var tree = new TempTree(source);
            foreach (var (path, release) in HelmReleases(tree.Root))
            {
                releases++;
                var before = tree.Snapshot();
                tree.Write(Probe, Spec(path, "conntrack: {tcpMax: 524288}\n    rollOutPods: true"));
                var with = CliRunner.Run(["generate", "--spec", tree.PathOf(Probe), "--root", tree.Root]);
                var where = $"{Path.GetFileName(source)}/{path} ({release})";
                if (with.ExitCode == 2)
                {
                    var code = ErrorCode().Match(with.Stderr);
                    refused[code.Success ? code.Groups[1].Value : "?"] = refused.GetValueOrDefault(code.Success ? code.Groups[1].Value : "?") + 1;
                    output.WriteLine($"refused: {with.Stderr.Split('\n')[0]}");
                    if (!code.Success) failures.Add($"{where}: refused without a diagnostic code:\n{with.Stderr}");
                    if (!Same(before, tree.Snapshot(), Probe)) failures.Add($"{where}: a refused run changed files");
                    continue;
                }
                if (with.ExitCode != 0)
                {
                    failures.Add($"{where}: generate exited {with.ExitCode}:\n{with.Stderr}");
                    continue;
                }
                if (with.Stderr.Contains("MG4001", StringComparison.Ordinal)) continue; // dead keys are removed as a fix, by design
                if (with.Stdout.Split('\n').Any(l => l.StartsWith("updated ", StringComparison.Ordinal) && !l.EndsWith(path, StringComparison.Ordinal))) inFiles++;
                if (File.ReadAllText(tree.PathOf(Path.ChangeExtension(Probe, ".inventory.yaml"))).Contains("originals:", StringComparison.Ordinal)) takenOver++;

                tree.Write(Probe, Spec(path, "rollOutPods: null"));
                var without = CliRunner.Run(["generate", "--spec", tree.PathOf(Probe), "--root", tree.Root]);
                if (without.ExitCode != 0) failures.Add($"{where}: removing the tuning exited {without.ExitCode}:\n{without.Stderr}");
                else if (!Same(before, tree.Snapshot(), Probe)) failures.Add($"{where}: files differ after set and remove:\n{with.Stdout}");
                else roundTrips++;
            }
        }
        output.WriteLine($"{releases} HelmReleases: {roundTrips} set and given back byte-identical ({inFiles} with values in a values file or ConfigMap, " +
                         $"{takenOver} taking over a value that was there); refused: {string.Join(", ", refused.Select(kv => $"{kv.Key} x{kv.Value}"))}");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures.Take(20)));
        Assert.True(roundTrips > 300, $"only {roundTrips} HelmReleases round-tripped");
        Assert.True(inFiles > 0, "no corpus HelmRelease had its values written into a values file");
    }

    private static string Spec(string helmRelease, string settings) =>
        $"apiVersion: manifestgen.io/v1alpha1\nkind: ClusterTuning\nmetadata:\n  name: probe\nspec:\n  cilium:\n    helmRelease: {helmRelease}\n    {settings}\n";

    /// <summary>Files holding exactly one HelmRelease (the spec names a file, not a document), relative to the root.</summary>
    private static IEnumerable<(string Path, string Name)> HelmReleases(string root)
    {
        foreach (var full in Directory.EnumerateFiles(root, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            YamlFile file;
            try
            {
                file = YamlFile.Parse(File.ReadAllBytes(full));
            }
            catch (YamlEditException)
            {
                continue;
            }
            var releases = file.Documents.Where(d => d.Kind == "HelmRelease").ToList();
            if (releases.Count == 1) yield return (Path.GetRelativePath(root, full).Replace('\\', '/'), releases[0].Name ?? "?");
        }
    }

    private static bool Same(SortedDictionary<string, byte[]> before, SortedDictionary<string, byte[]> after, string except)
    {
        var keys = after.Keys.Where(k => !k.StartsWith("zz-manifestgen-probe", StringComparison.Ordinal)).ToList();
        return keys.SequenceEqual(before.Keys.Where(k => k != except)) && keys.All(k => before[k].AsSpan().SequenceEqual(after[k]));
    }

    [GeneratedRegex(@"error (MG\d{4})")]
    private static partial Regex ErrorCode();
}
