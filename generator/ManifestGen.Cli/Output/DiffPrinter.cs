namespace ManifestGen.Cli.Output;

/// <summary>Prints a unified diff, coloured the way git colours it when asked to.</summary>
public static class DiffPrinter
{
    private const string Red = "\u001b[31m", Green = "\u001b[32m", Cyan = "\u001b[36m", Bold = "\u001b[1m", Reset = "\u001b[0m";

    public static string Render(string diff, bool color)
    {
        if (!color) return diff;
        var lines = diff.Split('\n');
        return string.Join('\n', lines.Select(l => l switch
        {
            _ when l.StartsWith("+++", StringComparison.Ordinal) || l.StartsWith("---", StringComparison.Ordinal) => Bold + l + Reset,
            _ when l.StartsWith("@@", StringComparison.Ordinal) => Cyan + l + Reset,
            _ when l.StartsWith('+') => Green + l + Reset,
            _ when l.StartsWith('-') => Red + l + Reset,
            _ => l,
        }));
    }
}
