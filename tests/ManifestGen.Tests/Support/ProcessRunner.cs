using System.Diagnostics;

namespace ManifestGen.Tests.Support;

/// <summary>Runs a program as its own process: arguments as given, stdin, a working folder and extra environment.</summary>
public static class ProcessRunner
{
    public static (int Code, string Stdout, string Stderr) Run(string file, IEnumerable<string> args, string? stdin = null,
        string? folder = null, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdin is not null };
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (folder is not null) psi.WorkingDirectory = folder;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) psi.Environment[name] = value;
        using var p = Process.Start(psi)!;
        if (stdin is not null)
        {
            p.StandardInput.Write(stdin);
            p.StandardInput.Close();
        }
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout ?? TimeSpan.FromMinutes(10))) { p.Kill(true); Assert.Fail($"{file} {string.Join(' ', args)} timed out"); }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
