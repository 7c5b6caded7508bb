using System.Text;
using System.Text.Json;

namespace ManifestGen.Fetching;

/// <summary>
/// A user name and password for a registry host, from the files <c>docker login</c> and <c>helm registry login</c>
/// write (<c>$DOCKER_CONFIG/config.json</c> or <c>~/.docker/config.json</c>; <c>$HELM_REGISTRY_CONFIG</c> or
/// <c>~/.config/helm/registry/config.json</c>): their <c>auths</c> entry for the host, as <c>auth</c> (base64 of
/// <c>user:password</c>) or <c>username</c> and <c>password</c>. Never from the repository: a Flux secretRef names a
/// Secret in the cluster. A credential helper (<c>credsStore</c>) is not run.
/// </summary>
public sealed class RegistryCredentials(IReadOnlyList<string> files)
{
    public IReadOnlyList<string> Files { get; } = files;

    /// <summary>The files the environment names, in the order they are asked.</summary>
    public static IReadOnlyList<string> DefaultFiles(Func<string, string?> environment)
    {
        var docker = environment("DOCKER_CONFIG") is { Length: > 0 } d ? Path.Combine(d, "config.json") : Path.Combine(UserFolders.Home(environment), ".docker", "config.json");
        var helm = environment("HELM_REGISTRY_CONFIG") is { Length: > 0 } r ? r
            : Path.Combine(UserFolders.Xdg(environment, "XDG_CONFIG_HOME", ".config"), "helm", "registry", "config.json");
        return [docker, helm];
    }

    public sealed record Credential(string User, string Password);

    /// <summary>The first credential any file holds for <paramref name="host"/> (<c>host</c> or <c>host:port</c>), or null.</summary>
    public Credential? For(string host)
    {
        foreach (var file in Files)
        {
            JsonDocument json;
            try
            {
                if (!File.Exists(file) || new FileInfo(file).Length > 1024 * 1024) continue;
                json = JsonDocument.Parse(File.ReadAllBytes(file));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
            {
                continue;
            }
            using (json)
            {
                if (json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty("auths", out var auths) || auths.ValueKind != JsonValueKind.Object) continue;
                foreach (var entry in auths.EnumerateObject())
                {
                    if (!string.Equals(HostOf(entry.Name), host, StringComparison.OrdinalIgnoreCase) || entry.Value.ValueKind != JsonValueKind.Object) continue;
                    if (Text(entry.Value, "auth") is { Length: > 0 } auth && Decode(auth) is { } pair) return new Credential(pair.User, pair.Password);
                    if (Text(entry.Value, "username") is { } user && Text(entry.Value, "password") is { } password) return new Credential(user, password);
                }
            }
        }
        return null;
    }

    /// <summary><c>https://registry.example:5000/v1/</c> and <c>registry.example:5000</c> are the same host.</summary>
    private static string HostOf(string key)
    {
        var k = key.Trim();
        var scheme = k.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0) k = k[(scheme + 3)..];
        var slash = k.IndexOf('/');
        return slash >= 0 ? k[..slash] : k;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static (string User, string Password)? Decode(string auth)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(auth));
            var colon = text.IndexOf(':');
            return colon > 0 ? (text[..colon], text[(colon + 1)..]) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
