using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ManifestGen.Fetching;

/// <summary>
/// The part of the OCI distribution API a chart needs: a repository's tag list (<c>/v2/NAME/tags/list</c>, its pages
/// followed), a manifest by tag or digest, a blob by digest, every body checked against its digest. Anonymous first;
/// a 401's <c>WWW-Authenticate</c> challenge answered as registries ask: <c>Bearer realm=...,service=...,scope=...</c>
/// by a token from the realm (with the credentials <see cref="RegistryCredentials"/> holds for the host, if any),
/// <c>Basic</c> by those credentials. Tokens are kept for the run, per host and scope.
/// </summary>
public sealed partial class OciRegistry(BoundedHttp http, FetchLimits limits, RegistryCredentials credentials)
{
    public const string HelmChartLayer = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";

    private static readonly string[] ManifestTypes =
        ["application/vnd.oci.image.manifest.v1+json", "application/vnd.docker.distribution.manifest.v2+json"];

    private readonly ConcurrentDictionary<string, AuthenticationHeaderValue> tokens = new(StringComparer.Ordinal);

    /// <summary>A repository in a registry: <c>oci://127.0.0.1:5000/charts/cilium</c> is host <c>127.0.0.1:5000</c>, path <c>charts/cilium</c>.</summary>
    public sealed record Name(string Host, string Path, bool Insecure)
    {
        public Uri Api => new($"{(Insecure ? "http" : "https")}://{Host}/v2/{Path}/");

        public override string ToString() => $"oci://{Host}/{Path}";

        /// <summary><c>oci://HOST/PATH</c> as a name, or null when it is not one.</summary>
        public static Name? Parse(string url, bool insecure)
        {
            if (!url.StartsWith("oci://", StringComparison.Ordinal)) return null;
            var rest = url["oci://".Length..].Trim('/');
            var slash = rest.IndexOf('/');
            if (slash <= 0 || slash == rest.Length - 1) return null;
            var path = rest[(slash + 1)..];
            return path.Split('/').All(p => PathComponent().IsMatch(p)) ? new Name(rest[..slash], path, insecure) : null;
        }
    }

    /// <summary>One layer of a manifest.</summary>
    public sealed record Layer(string MediaType, string Digest, long Size);

    /// <summary>Every tag of the repository.</summary>
    public IReadOnlyList<string> Tags(Name name, string what)
    {
        var tags = new List<string>();
        Uri? url = new(name.Api, "tags/list");
        for (var page = 0; url is not null && page < limits.MaxTagPages; page++)
        {
            var response = Send(name, url, limits.MaxManifestBytes, what, ["application/json"]);
            try
            {
                using var json = JsonDocument.Parse(response.Body);
                if (json.RootElement.TryGetProperty("tags", out var list) && list.ValueKind == JsonValueKind.Array)
                    tags.AddRange(list.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!));
            }
            catch (JsonException e)
            {
                throw new FetchFailure(FetchFailureKind.Refused, $"{what}: the tag list is not JSON ({e.Message})");
            }
            url = NextPage(response);
        }
        return tags;
    }

    /// <summary>A manifest by tag or digest: its digest (a digest asked for is checked) and its layers.</summary>
    public (string Digest, IReadOnlyList<Layer> Layers) Manifest(Name name, string reference, string what)
    {
        var response = Send(name, new Uri(name.Api, "manifests/" + reference), limits.MaxManifestBytes, what, ManifestTypes);
        var digest = ChartCache.Digest(response.Body);
        if (reference.Contains(':', StringComparison.Ordinal) && ChartCache.Normalize(reference) != digest)
            throw new FetchFailure(FetchFailureKind.DigestMismatch, $"{what}: the manifest of {name}@{reference} has digest {digest}");
        var layers = new List<Layer>();
        try
        {
            using var json = JsonDocument.Parse(response.Body);
            if (json.RootElement.TryGetProperty("layers", out var list) && list.ValueKind == JsonValueKind.Array)
                foreach (var layer in list.EnumerateArray())
                    if (layer.TryGetProperty("mediaType", out var type) && layer.TryGetProperty("digest", out var d) && layer.TryGetProperty("size", out var size)
                        && type.ValueKind == JsonValueKind.String && d.ValueKind == JsonValueKind.String && size.TryGetInt64(out var bytes))
                        layers.Add(new Layer(type.GetString()!, d.GetString()!, bytes));
        }
        catch (JsonException e)
        {
            throw new FetchFailure(FetchFailureKind.Refused, $"{what}: the manifest is not JSON ({e.Message})");
        }
        return (digest, layers);
    }

    /// <summary>A blob, checked against its digest.</summary>
    public byte[] Blob(Name name, Layer layer, string what)
    {
        if (layer.Size > limits.MaxArchiveBytes)
            throw new FetchFailure(FetchFailureKind.Refused, $"{what}: the chart layer is {BoundedHttp.Size(layer.Size)}, over the limit of {BoundedHttp.Size(limits.MaxArchiveBytes)}");
        var response = Send(name, new Uri(name.Api, "blobs/" + layer.Digest), limits.MaxArchiveBytes, what, null);
        var digest = ChartCache.Digest(response.Body);
        if (digest != ChartCache.Normalize(layer.Digest))
            throw new FetchFailure(FetchFailureKind.DigestMismatch, $"{what}: the layer's manifest names digest {layer.Digest}, the bytes served have {digest}");
        return response.Body;
    }

    private BoundedHttp.Response Send(Name name, Uri url, long maxBytes, string what, IReadOnlyList<string>? accept)
    {
        var key = $"{name.Host}|repository:{name.Path}:pull";
        tokens.TryGetValue(key, out var authorization);
        var response = http.Get(url, maxBytes, what, accept, authorization);
        if (response.Status == HttpStatusCode.Unauthorized)
        {
            authorization = Answer(name, response, what);
            tokens[key] = authorization;
            response = http.Get(url, maxBytes, what, accept, authorization);
        }
        if (!response.Ok) throw BoundedHttp.Failure(response, what);
        return response;
    }

    /// <summary>The Authorization a registry's challenge asks for.</summary>
    private AuthenticationHeaderValue Answer(Name name, BoundedHttp.Response response, string what)
    {
        var credential = credentials.For(name.Host);
        var basic = credential is null ? null
            : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credential.User}:{credential.Password}")));
        var challenge = response.Headers.WwwAuthenticate.FirstOrDefault();
        if (challenge is null || challenge.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
            return basic ?? throw new FetchFailure(FetchFailureKind.Denied,
                $"{what}: {name.Host} asks for credentials and neither {string.Join(" nor ", credentials.Files)} holds any for it");
        if (!challenge.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
            throw new FetchFailure(FetchFailureKind.Denied, $"{what}: {name.Host} asks for {challenge.Scheme} authentication, which the tool does not speak");
        var parameters = ChallengeParameter().Matches(challenge.Parameter ?? "")
            .GroupBy(m => m.Groups[1].Value.ToLowerInvariant()).ToDictionary(g => g.Key, g => g.First().Groups[2].Value);
        if (!parameters.TryGetValue("realm", out var realm) || !Uri.TryCreate(realm, UriKind.Absolute, out var realmUrl))
            throw new FetchFailure(FetchFailureKind.Denied, $"{what}: {name.Host}'s Bearer challenge names no realm");
        var query = new List<string>();
        if (parameters.TryGetValue("service", out var service)) query.Add("service=" + Uri.EscapeDataString(service));
        query.Add("scope=" + Uri.EscapeDataString(parameters.TryGetValue("scope", out var scope) ? scope : $"repository:{name.Path}:pull"));
        var tokenUrl = new UriBuilder(realmUrl) { Query = string.Join('&', query) }.Uri;
        var answer = http.Get(tokenUrl, 64 * 1024, $"{what}: a token from {realmUrl.GetLeftPart(UriPartial.Path)}", ["application/json"], basic);
        if (!answer.Ok) throw BoundedHttp.Failure(answer, $"{what}: the token service");
        try
        {
            using var json = JsonDocument.Parse(answer.Body);
            foreach (var field in new[] { "token", "access_token" })
                if (json.RootElement.TryGetProperty(field, out var token) && token.ValueKind == JsonValueKind.String && token.GetString() is { Length: > 0 } t)
                    return new AuthenticationHeaderValue("Bearer", t);
        }
        catch (JsonException) { }
        throw new FetchFailure(FetchFailureKind.Denied, $"{what}: the token service at {realmUrl.GetLeftPart(UriPartial.Path)} gave no token");
    }

    private static Uri? NextPage(BoundedHttp.Response response)
    {
        if (!response.Headers.TryGetValues("Link", out var links)) return null;
        foreach (var link in links)
            if (NextLink().Match(link) is { Success: true } m && Uri.TryCreate(response.Url, m.Groups[1].Value, out var next)) return next;
        return null;
    }

    [GeneratedRegex(@"(\w+)=""([^""]*)""")]
    private static partial Regex ChallengeParameter();

    [GeneratedRegex(@"<([^>]+)>\s*;\s*rel=""?next""?")]
    private static partial Regex NextLink();

    [GeneratedRegex(@"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$")]
    private static partial Regex PathComponent();
}
