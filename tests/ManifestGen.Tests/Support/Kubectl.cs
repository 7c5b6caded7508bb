using System.Diagnostics;

namespace ManifestGen.Tests.Support;

/// <summary>Runs the real kubectl (and its built-in kustomize): the reference our patches must agree with.</summary>
public static class Kubectl
{
    public static bool Available { get; } = Find() is not null;

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(d => Path.Combine(d, "kubectl")).FirstOrDefault(File.Exists);

    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
    {
        var psi = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000)) { p.Kill(true); throw new TimeoutException("kubectl " + string.Join(' ', args)); }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary><c>kubectl kustomize DIR</c>; fails the test with kustomize's message when it fails.</summary>
    public static string Kustomize(string dir)
    {
        var (code, stdout, stderr) = Run("kustomize", dir);
        if (code != 0) throw new InvalidOperationException($"kubectl kustomize {dir} failed ({code}): {stderr}");
        return stdout;
    }
}
