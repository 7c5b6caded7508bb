using System.Text;
using System.Text.RegularExpressions;

namespace ManifestGen.Charts;

/// <summary>
/// A chart folder's <c>.helmignore</c>, matched as Helm's loader matches it (<c>pkg/ignore/rules.go</c>): a pattern
/// without a slash matches a file's or folder's name, one with a slash its path from the chart's root (a leading
/// slash anchors it there), a trailing slash matches folders only, <c>!</c> negates; <c>templates/.?*</c> is always a
/// rule. A negated rule leaves out every path it does not match, as Helm's does. A pattern with <c>**</c>, which Helm
/// refuses, is skipped.
/// </summary>
public sealed class HelmIgnore
{
    private sealed record Rule(Regex Pattern, bool Negate, bool DirectoryOnly, bool WholePath);

    private readonly List<Rule> rules = [];

    public static HelmIgnore Read(string file)
    {
        var ignore = new HelmIgnore();
        if (File.Exists(file) && new FileInfo(file).Length <= ChartFiles.MaxFileBytes)
            foreach (var line in File.ReadAllLines(file)) ignore.Add(line);
        ignore.Add("templates/.?*");
        return ignore;
    }

    private void Add(string line)
    {
        var rule = line.Trim();
        if (rule.Length == 0 || rule.StartsWith('#') || rule.Contains("**", StringComparison.Ordinal)) return;
        var negate = rule.StartsWith('!');
        if (negate) rule = rule[1..];
        var directoryOnly = rule.EndsWith('/');
        rule = rule.TrimEnd('/');
        var wholePath = rule.Contains('/');
        rule = rule.TrimStart('/');
        if (rule.Length == 0) return;
        rules.Add(new Rule(new Regex("^" + Glob(rule) + "$", RegexOptions.CultureInvariant), negate, directoryOnly, wholePath));
    }

    /// <summary>Go's filepath.Match as a regular expression: <c>*</c> and <c>?</c> stop at a slash.</summary>
    private static string Glob(string pattern)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*': sb.Append("[^/]*"); break;
                case '?': sb.Append("[^/]"); break;
                case '\\' when i + 1 < pattern.Length: sb.Append(Regex.Escape(pattern[++i].ToString())); break;
                case '[':
                {
                    var close = pattern.IndexOf(']', i + 1);
                    if (close < 0) { sb.Append("\\["); break; }
                    var body = pattern[(i + 1)..close];
                    sb.Append('[').Append(body.StartsWith('^') ? "^" + body[1..].Replace("\\", "\\\\") : body.Replace("\\", "\\\\")).Append(']');
                    i = close;
                    break;
                }
                default: sb.Append(Regex.Escape(c.ToString())); break;
            }
        }
        return sb.ToString();
    }

    public bool Ignores(string path, bool isDirectory)
    {
        foreach (var rule in rules)
        {
            var subject = rule.WholePath ? path : path[(path.LastIndexOf('/') + 1)..];
            if (rule.Negate)
            {
                if (rule.DirectoryOnly && !isDirectory) return true;
                if (!rule.Pattern.IsMatch(subject)) return true;
                continue;
            }
            if (rule.DirectoryOnly && !isDirectory) continue;
            if (rule.Pattern.IsMatch(subject)) return true;
        }
        return false;
    }
}
