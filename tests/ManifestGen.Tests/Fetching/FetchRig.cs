using ManifestGen.Cli;
using ManifestGen.Tests.Support;

namespace ManifestGen.Tests.Fetching;

/// <summary>
/// A repository and a chart cache of a test's own, and the CLI run in-process on them with an environment of the
/// test's own (XDG_CACHE_HOME, HOME, DOCKER_CONFIG): nothing of the machine's cache or logins is read or written.
/// </summary>
public sealed class FetchRig : IDisposable
{
    private readonly Dictionary<string, string> variables = new(StringComparer.Ordinal);

    public FetchRig(string? copyFrom = null)
    {
        Repository = new TempTree(copyFrom);
        Directory.CreateDirectory(Repository.PathOf(".git"));
        Home = new TempTree();
        variables["HOME"] = Home.Root;
        variables["XDG_CACHE_HOME"] = Home.PathOf("cache");
    }

    public TempTree Repository { get; }
    public TempTree Home { get; }

    /// <summary>The chart cache this rig's runs use.</summary>
    public string Cache => Home.PathOf("cache/manifestgen/charts");

    public bool GitHubActions { get; set; }

    public void Set(string name, string value) => variables[name] = value;

    /// <summary>Every file under the cache (relative), temporary files included: a test sees what a run left.</summary>
    public IReadOnlyList<string> CacheFiles() => Directory.Exists(Cache)
        ? Directory.EnumerateFiles(Cache, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Cache, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList()
        : [];

    public CliRunner.Result Run(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var env = new CliEnvironment(false, true, GitHubActions, null) { Variable = name => variables.GetValueOrDefault(name) };
        var code = ManifestGenCli.Run(args, stdout, stderr, env);
        return new CliRunner.Result(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary><c>lint</c> of the whole repository.</summary>
    public CliRunner.Result Lint(params string[] extra) => Run(["lint", Repository.Root, "--root", Repository.Root, .. extra]);

    /// <summary>A HelmRepository and a HelmRelease of cilium at a version, with a value no Cilium release reads.</summary>
    public void CiliumFrom(string url, string version, string file = "infra/cilium.yaml", string extraSource = "")
    {
        Repository.Write(file, $"""
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: HelmRepository
            metadata:
              name: cilium
              namespace: kube-system
            spec:
              interval: 1h
              url: {url}
            {extraSource}---
            apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            metadata:
              name: cilium
              namespace: kube-system
            spec:
              interval: 1h
              chart:
                spec:
                  chart: cilium
                  version: "{version}"
                  sourceRef:
                    kind: HelmRepository
                    name: cilium
              values:
                kubeProxyReplacement: true
                notAKey: 3

            """);
    }

    public void Dispose()
    {
        Repository.Dispose();
        Home.Dispose();
    }
}
