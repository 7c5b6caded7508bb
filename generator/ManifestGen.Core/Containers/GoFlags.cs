using ManifestGen.Yaml;

namespace ManifestGen.Containers;

/// <summary>One flag in a container's args: its name without dashes, how it was written, its value, and where.</summary>
/// <param name="Split">The value is the next argument (<c>--flag value</c>), not after an equals sign.</param>
public readonly record struct FlagOccurrence(string Bare, string Written, string Value, int Index, bool Split);

/// <summary>
/// A container's args as a Go program's flag package reads them, the one reading every phase uses (editing,
/// verify, import): an argument is a flag when it starts with one or two dashes and a name (<c>-v</c>,
/// <c>--kube-api-qps</c>); its value follows an equals sign, or is the next argument unless that starts with a dash,
/// or else it is <c>true</c>; <c>--</c> ends the flags; and the last occurrence of a flag wins.
/// </summary>
public static class GoFlags
{
    /// <summary>Every flag occurrence in order, and the arguments that are not flags.</summary>
    public static (IReadOnlyList<FlagOccurrence> Flags, IReadOnlyList<string> Positional) Read(IReadOnlyList<string> args)
    {
        var flags = new List<FlagOccurrence>();
        var positional = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                positional.AddRange(args.Skip(i + 1));
                break;
            }
            var dashes = arg.Length - arg.TrimStart('-').Length;
            if (dashes is 0 or > 2 || arg.Length == dashes || arg[dashes] == '=') { positional.Add(arg); continue; }
            var eq = arg.IndexOf('=');
            var written = eq < 0 ? arg : arg[..eq];
            if (eq >= 0) flags.Add(new FlagOccurrence(written[dashes..], written, arg[(eq + 1)..], i, false));
            else if (i + 1 < args.Count && !args[i + 1].StartsWith('-')) flags.Add(new FlagOccurrence(written[dashes..], written, args[i + 1], i++, true));
            else flags.Add(new FlagOccurrence(written[dashes..], written, "true", i, false));
        }
        return (flags, positional);
    }

    /// <summary>The occurrence that counts (the last) of a flag, by its name with or without dashes; null when absent.</summary>
    public static FlagOccurrence? Last(IReadOnlyList<string> args, string flag)
    {
        var bare = flag.TrimStart('-');
        return Read(args).Flags.Where(f => f.Bare == bare).Select(f => (FlagOccurrence?)f).LastOrDefault();
    }

    /// <summary>A flag's value as the program reads it, or null when absent.</summary>
    public static string? Value(IReadOnlyList<string> args, string flag) => Last(args, flag)?.Value;

    /// <summary>The args of a container (empty when it has none).</summary>
    public static IReadOnlyList<string> ArgsOf(YamlValue? container) =>
        ((container as YamlMap)?.Get("args") as YamlSeq)?.Items.Select(a => a is YamlScalar s ? s.Value.Text : "").ToList() ?? [];
}
