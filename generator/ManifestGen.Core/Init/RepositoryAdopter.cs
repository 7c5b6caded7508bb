using System.Globalization;
using System.Text;
using ManifestGen.Diagnostics;
using ManifestGen.Generation;
using ManifestGen.Modules.Cilium;
using ManifestGen.Modules.Trident;
using ManifestGen.Spec;
using ManifestGen.Values;
using ManifestGen.Workspace;
using ManifestGen.Yaml;

namespace ManifestGen.Init;

/// <summary>What <c>init</c> found: the spec to write (null when it must not be written), the report, and the diagnostics.</summary>
public sealed record InitResult(string? Spec, IReadOnlyList<string> Report, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>
/// <c>manifestgen init</c>: reads a repository and writes the spec it already implies. The Cilium HelmRelease
/// (by chart), where its values live, and its conntrack settings as spec keys (the dead <c>bpf.ctTcpTimeout</c>
/// family as the durations they meant); the TridentBackendConfig and its limit; the Trident orchestrator
/// HelmRelease and its build. Generate right after init changes no value Flux hands a chart or applies,
/// except the dead keys' replacement by the real ones. Two candidates for one section (two clusters in one
/// repository) are refused, listing both.
/// </summary>
public static class RepositoryAdopter
{
    public static InitResult Adopt(string folderFull, string outputFull)
    {
        var report = new List<string>();
        var diagnostics = new List<Diagnostic>();
        var root = RepositoryRoot.For(outputFull, null);
        var workspace = new RepositoryWorkspace(root);
        var specDir = Path.GetDirectoryName(outputFull)!;
        string Rel(string repoPath) => Path.GetRelativePath(specDir, root.Full(repoPath)).Replace('\\', '/');
        var docs = Documents(workspace, folderFull, outputFull);

        var sb = new StringBuilder();
        sb.Append("# Written by `manifestgen init` from what the repository already sets; review it, then `manifestgen generate`.\n");
        sb.Append("apiVersion: ").Append(SpecLoader.ApiVersion).Append("\nkind: ").Append(SpecLoader.Kind).Append("\nmetadata:\n  name: ")
            .Append(Name(folderFull)).Append("\nspec:\n");
        var body = new StringBuilder();

        // Cilium
        var cilium = docs.Where(d => d.Doc.Kind == "HelmRelease" && IsCilium(workspace, d.Path, d.Doc)).ToList();
        if (Ambiguous("cilium", cilium, diagnostics)) return new InitResult(null, report, diagnostics);
        if (cilium.Count == 1) AdoptCilium(workspace, cilium[0].Path, cilium[0].Doc, Rel, body, report);
        else if (docs.FirstOrDefault(d => d.Doc.Kind == "DaemonSet" && d.Doc.Name == "cilium") is { Path: not null } manifest)
            report.Add($"not adopted: Cilium is installed without a HelmRelease ({manifest.Path} holds its DaemonSet); manifestgen tunes Cilium through its HelmRelease's values");

        // Trident
        var backends = docs.Where(d => d.Doc.Kind == "TridentBackendConfig").ToList();
        var orchestrators = docs.Where(d => d.Doc.Kind == "HelmRelease" && !cilium.Contains(d)
                                            && TridentChart.Read(workspace, d.Path, DocumentRef.Of(d.Doc)).Build is not null).ToList();
        if (Ambiguous("trident.backend", backends, diagnostics) | Ambiguous("trident.orchestrator", orchestrators, diagnostics))
            return new InitResult(null, report, diagnostics);
        if (backends.Count + orchestrators.Count > 0)
        {
            body.Append("  trident:\n");
            if (backends.Count == 1) AdoptBackend(backends[0].Path, backends[0].Doc, docs, Rel, body, report);
            if (orchestrators.Count == 1) AdoptOrchestrator(workspace, orchestrators[0].Path, orchestrators[0].Doc, Rel, body, report);
        }
        if (body.Length == 0)
        {
            report.Add("found no Cilium HelmRelease, TridentBackendConfig or Trident orchestrator HelmRelease to adopt; the spec is empty");
            sb.Length--;
            sb.Append(" {}\n");
        }
        return new InitResult(sb.Append(body).ToString(), report, diagnostics);
    }

    private static bool Ambiguous(string section, List<(string Path, YamlDocumentNode Doc)> candidates, List<Diagnostic> diagnostics)
    {
        if (candidates.Count < 2) return false;
        diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InitAmbiguous, candidates[0].Path, null,
            $"{candidates.Count} candidates for {section}: {string.Join(", ", candidates.Select(c => $"{c.Path} ({c.Doc.Describe()})"))}",
            "a spec tunes one cluster: run init on one cluster's folder (manifestgen init FOLDER --output FOLDER/tuning.yaml)"));
        return true;
    }

    private static void AdoptCilium(RepositoryWorkspace workspace, string path, YamlDocumentNode doc, Func<string, string> rel, StringBuilder body, List<string> report)
    {
        IReadOnlyList<ValueSource> sources;
        try
        {
            sources = ValueSourceResolver.Resolve(workspace, path, DocumentRef.Of(doc), null, "cilium.values");
        }
        catch (InvalidInputException e)
        {
            report.Add($"not adopted: the Cilium HelmRelease {path}: {e.Diagnostics[0].Message}; add spec.cilium with values: PATH naming the file to edit");
            return;
        }
        report.Add($"cilium: {path}, values in {string.Join(", then ", sources.Where(s => s.Kind != ValueSourceKind.Inline || s.Find(workspace, YamlPath.Root) is not null).Select(s => s.Description))}");
        // What each key is today: the last source that sets it wins.
        YamlNode? Effective(YamlPath key) => sources.Select(s => s.Find(workspace, key)).LastOrDefault(n => n is not null);

        var conntrack = new List<string>();
        foreach (var (specKey, configKey) in SpecLoader.ConntrackTimeoutKeys)
        {
            if (Effective(YamlPath.Keys("extraConfig", configKey)) is ScalarNode set)
            {
                var text = set.Value.Trim();
                if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                {
                    conntrack.Add($"{specKey}: {text}ns");
                    report.Add($"cilium: extraConfig.{configKey} is {text} without a unit, which Cilium reads as nanoseconds: adopted as {specKey}: {text}ns (MG0002; {text}s was probably meant)");
                }
                else if (GoDuration.TryParse(text, out _, out _))
                {
                    conntrack.Add($"{specKey}: {text}");
                    report.Add($"cilium: extraConfig.{configKey} {text} adopted as conntrack.{specKey}");
                }
                continue;
            }
            var dead = CiliumModule.DeadBpfKeys.FirstOrDefault(k => k.SpecKey == specKey);
            if (dead.Key is not null && Effective(YamlPath.Keys("bpf", dead.Key)) is ScalarNode old
                && decimal.TryParse(old.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
            {
                var meant = Seconds(seconds);
                conntrack.Add($"{specKey}: {meant}");
                report.Add($"cilium: bpf.{dead.Key}: {old.Value} is a dead key (not a Cilium chart value, it never reached the agent): adopted as conntrack.{specKey}: {meant}; generate replaces it with extraConfig.{configKey}");
            }
        }
        if (Effective(YamlPath.Keys("bpf", "ctTcpTimeoutClose")) is ScalarNode close)
            report.Add($"cilium: bpf.ctTcpTimeoutClose: {close.Value} is a dead key, and Cilium has no TCP close timeout: not adopted; generate removes it once the spec has conntrack");
        foreach (var (key, specKey) in new[] { ("ctTcpMax", "tcpMax"), ("ctAnyMax", "anyMax") })
        {
            if (Effective(YamlPath.Keys("bpf", key)) is ScalarNode size && long.TryParse(size.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 1024 && n <= 1 << 24)
            {
                conntrack.Add($"{specKey}: {n.ToString(CultureInfo.InvariantCulture)}");
                report.Add($"cilium: bpf.{key} {n.ToString(CultureInfo.InvariantCulture)} adopted as conntrack.{specKey}");
            }
        }
        body.Append("  cilium:\n    helmRelease: ").Append(rel(path)).Append('\n');
        if (conntrack.Count > 0)
        {
            body.Append("    conntrack:\n");
            foreach (var line in conntrack) body.Append("      ").Append(line).Append('\n');
        }
        if (Effective(YamlPath.Keys("rollOutCiliumPods")) is ScalarNode roll && roll.ToValue().Kind == ScalarKind.Boolean)
            body.Append("    rollOutPods: ").Append(roll.ToValue().Canonical).Append('\n');
        else if (conntrack.Count > 0)
            report.Add("cilium: rollOutCiliumPods is not set, so the agents keep old conntrack settings until they restart (MG0003); add rollOutPods: true to the spec to roll them");
    }

    private static void AdoptBackend(string path, YamlDocumentNode doc, List<(string Path, YamlDocumentNode Doc)> docs, Func<string, string> rel, StringBuilder body, List<string> report)
    {
        body.Append("    backend:\n      file: ").Append(rel(path)).Append('\n');
        if (docs.Count(d => d.Path == path && d.Doc.Kind == "TridentBackendConfig") > 1) body.Append("      name: ").Append(doc.Name).Append('\n');
        var limit = (YamlValue.FromNode(doc.Root) as YamlMap)?.Get("spec") is YamlMap spec && spec.Get("limitVolumeSize") is YamlScalar s ? s.Value.Text : null;
        if (limit is not null && VolumeSize.TryParse(limit, out _, out _))
        {
            body.Append("      limitVolumeSize: ").Append(limit).Append('\n');
            report.Add($"trident backend: {path} ({doc.Name}), limitVolumeSize {limit}");
        }
        else report.Add($"trident backend: {path} ({doc.Name}), " + (limit is null ? "no limitVolumeSize" : $"limitVolumeSize {limit} is not a whole binary size (10Ti); not adopted"));
    }

    private static void AdoptOrchestrator(RepositoryWorkspace workspace, string path, YamlDocumentNode doc, Func<string, string> rel, StringBuilder body, List<string> report)
    {
        var chart = TridentChart.Read(workspace, path, DocumentRef.Of(doc));
        var build = chart.Build == TridentBuild.NetApp ? "netapp" : "qnap";
        body.Append("    orchestrator:\n      helmRelease: ").Append(rel(path)).Append("\n      build: ").Append(build).Append('\n');
        report.Add($"trident orchestrator: {path} ({chart.Evidence}{(chart.Version is null ? "" : ", version " + chart.Version)}): {(build == "netapp" ? "NetApp" : "QNAP")} build");
        if (chart.Build != TridentBuild.NetApp) return;
        try
        {
            var sources = ValueSourceResolver.Resolve(workspace, path, DocumentRef.Of(doc), null, "trident.orchestrator.values");
            if (sources.Select(s => s.Find(workspace, YamlPath.Keys("k8sAPIQPS"))).LastOrDefault(n => n is not null) is ScalarNode qps
                && long.TryParse(qps.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 10_000)
            {
                body.Append("      k8sAPIQPS: ").Append(n.ToString(CultureInfo.InvariantCulture)).Append('\n');
                report.Add($"trident orchestrator: k8sAPIQPS {n.ToString(CultureInfo.InvariantCulture)} adopted");
            }
        }
        catch (InvalidInputException e)
        {
            report.Add($"trident orchestrator: its values cannot be read ({e.Diagnostics[0].Message}); k8sAPIQPS not adopted");
        }
    }

    private static bool IsCilium(RepositoryWorkspace workspace, string path, YamlDocumentNode doc)
    {
        var spec = (YamlValue.FromNode(doc.Root) as YamlMap)?.Get("spec") as YamlMap;
        if ((spec?.Get("chart") as YamlMap)?.Get("spec") is YamlMap chartSpec)
            return chartSpec.Get("chart") is YamlScalar c && (c.Value.Text == "cilium" || c.Value.Text.EndsWith("/cilium", StringComparison.Ordinal));
        if (spec?.Get("chartRef") is YamlMap chartRef)
        {
            var kind = (chartRef.Get("kind") as YamlScalar)?.Value.Text;
            var name = (chartRef.Get("name") as YamlScalar)?.Value.Text ?? "";
            var source = TridentChart.FindSource(workspace, path, kind, name);
            var url = ((source?.Get("spec") as YamlMap)?.Get("url") as YamlScalar)?.Value.Text ?? "";
            return name == "cilium" || url.TrimEnd('/').EndsWith("/cilium", StringComparison.Ordinal);
        }
        return false;
    }

    /// <summary>Every document with a kind under the folder, skipping .git, files manifestgen owns, and the output.</summary>
    private static List<(string Path, YamlDocumentNode Doc)> Documents(RepositoryWorkspace workspace, string folderFull, string outputFull)
    {
        var result = new List<(string, YamlDocumentNode)>();
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        foreach (var full in Directory.EnumerateFiles(folderFull, "*.y*ml", options).Order(StringComparer.Ordinal))
        {
            if (full == outputFull || !workspace.Root.Contains(full)) continue;
            var repoPath = workspace.Root.Relative(full);
            if (repoPath.Split('/').Contains(".git")) continue;
            YamlFile file;
            try
            {
                var bytes = workspace.Read(repoPath);
                if (bytes is null || Encoding.UTF8.GetString(bytes).StartsWith(Inventory.Header, StringComparison.Ordinal)) continue;
                file = workspace.ReadYaml(repoPath);
            }
            catch (InvalidInputException)
            {
                continue; // not YAML the tool can read: nothing to adopt there
            }
            result.AddRange(file.Documents.Where(d => d.Kind is not null).Select(d => (repoPath, d)));
        }
        return result;
    }

    /// <summary>Seconds as a Go duration without zero parts: 21600 is 6h, 90 is 1m30s.</summary>
    public static string Seconds(decimal seconds)
    {
        var total = (long)seconds;
        var (h, m, s) = (total / 3600, total % 3600 / 60, total % 60);
        var text = (h > 0 ? $"{h}h" : "") + (m > 0 ? $"{m}m" : "") + (s > 0 ? $"{s}s" : "");
        return text.Length == 0 ? "0s" : text;
    }

    private static string Name(string folderFull)
    {
        var name = new string(Path.GetFileName(folderFull.TrimEnd('/', '\\')).ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        return name.Length == 0 ? "cluster" : name;
    }
}
