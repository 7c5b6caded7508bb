using ManifestGen.Cli;

namespace ManifestGen.Tests.Support;

/// <summary>Runs the CLI in-process, capturing its streams.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = ManifestGenCli.Run(args, stdout, stderr);
        return new Result(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs a verb on a tree's tuning.yaml, with the tree as the repository root.</summary>
    public static Result Run(TempTree tree, string verb, params string[] extra) =>
        Run([verb, "--spec", tree.PathOf("tuning.yaml"), "--root", tree.Root, .. extra]);

    /// <summary>Runs a verb that reads bytes from stdin and writes bytes to stdout (post-render).</summary>
    public static (int ExitCode, byte[] Stdout, string Stderr) RunWithStdin(byte[] stdin, params string[] args)
    {
        var stderr = new StringWriter { NewLine = "\n" };
        var output = new MemoryStream();
        var code = ManifestGenCli.Run(args, new StringWriter(), stderr, () => new MemoryStream(stdin), () => new NonClosing(output), CliEnvironment.None);
        return (code, output.ToArray(), stderr.ToString());
    }

    private sealed class NonClosing(Stream inner) : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);
    }
}
