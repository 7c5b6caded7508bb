using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace ManifestGen.Tests.Support;

/// <summary>
/// The CNCF distribution registry (Debian's <c>docker-registry</c>, <c>.ci/run</c> installs it) started by a test
/// on 127.0.0.1 with its storage in a temporary folder; charts are pushed to it through the distribution API with
/// Helm's media types, as <c>helm push</c> does. With <see cref="TokenService"/> it asks every client for a bearer
/// token (its <c>auth.token</c> settings), which the test's own token endpoint signs.
/// </summary>
public sealed class DockerRegistry : IDisposable
{
    public const string Binary = "docker-registry";
    public const string ChartLayer = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
    public const string ChartConfig = "application/vnd.cncf.helm.config.v1+json";

    private readonly Process process;
    private readonly HttpClient client = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly TokenService? tokens;

    public DockerRegistry(TokenService? tokens = null)
    {
        this.tokens = tokens;
        Folder = Path.Combine(Path.GetTempPath(), "manifestgen-registry-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Folder);
        Port = LocalHttpServer.FreePort();
        var config = new StringBuilder($"""
            version: 0.1
            log:
              level: warn
              accesslog:
                disabled: true
            storage:
              filesystem:
                rootdirectory: {Folder}/storage
            http:
              addr: 127.0.0.1:{Port}
            """).Append('\n');
        if (tokens is not null)
            config.Append($"""
                auth:
                  token:
                    realm: {tokens.Realm}
                    service: {TokenService.Service}
                    issuer: {TokenService.Issuer}
                    rootcertbundle: {tokens.CertificateFile}
                """).Append('\n');
        File.WriteAllText(Path.Combine(Folder, "config.yml"), config.ToString());
        var psi = new ProcessStartInfo(BinaryPath ?? Binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("serve");
        psi.ArgumentList.Add(Path.Combine(Folder, "config.yml"));
        process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        WaitUntilUp();
    }

    private readonly StringBuilder log = new();

    /// <summary>Where the binary is, or null when this machine has none.</summary>
    public static string? BinaryPath => new[] { "/usr/bin/docker-registry", "/usr/local/bin/docker-registry" }.FirstOrDefault(File.Exists);

    public static bool Available => BinaryPath is not null;

    public string Folder { get; }
    public int Port { get; }
    public string Host => $"127.0.0.1:{Port}";

    private void WaitUntilUp()
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (process.HasExited) throw new InvalidOperationException($"docker-registry exited ({process.ExitCode}): {log}");
            try
            {
                using var response = client.GetAsync($"http://{Host}/v2/").Result;
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized) return;
            }
            catch (AggregateException) { }
            Thread.Sleep(100);
        }
        throw new InvalidOperationException($"docker-registry did not answer within 20 s: {log}");
    }

    /// <summary>Pushes a chart archive as Helm does: a config blob, the chart layer, an OCI manifest under the tag. Returns the manifest's digest.</summary>
    public string Push(string repository, string tag, byte[] chart, string layerType = ChartLayer)
    {
        var config = Encoding.UTF8.GetBytes($$"""{"name":"{{repository.Split('/')[^1]}}","version":"{{tag.Replace('_', '+')}}","apiVersion":"v2"}""");
        var configDigest = Upload(repository, config);
        var layerDigest = Upload(repository, chart);
        var manifest = Encoding.UTF8.GetBytes($$"""
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"{{ChartConfig}}","digest":"{{configDigest}}","size":{{config.Length}}},"layers":[{"mediaType":"{{layerType}}","digest":"{{layerDigest}}","size":{{chart.Length}}}]}
            """.Trim());
        using var request = new HttpRequestMessage(HttpMethod.Put, $"http://{Host}/v2/{repository}/manifests/{tag}") { Content = new ByteArrayContent(manifest) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.oci.image.manifest.v1+json");
        Send(request, repository, "push the manifest");
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(manifest));
    }

    private string Upload(string repository, byte[] blob)
    {
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(blob));
        using var start = new HttpRequestMessage(HttpMethod.Post, $"http://{Host}/v2/{repository}/blobs/uploads/");
        using var started = Send(start, repository, "start an upload");
        var location = started.Headers.Location!;
        var url = location.IsAbsoluteUri ? location : new Uri(new Uri($"http://{Host}"), location);
        var put = new UriBuilder(url) { Query = (url.Query.Length > 1 ? url.Query[1..] + "&" : "") + "digest=" + Uri.EscapeDataString(digest) }.Uri;
        using var finish = new HttpRequestMessage(HttpMethod.Put, put) { Content = new ByteArrayContent(blob) };
        finish.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        Send(finish, repository, "upload a blob").Dispose();
        return digest;
    }

    private HttpResponseMessage Send(HttpRequestMessage request, string repository, string what)
    {
        if (tokens is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Sign(repository, ["pull", "push"]));
        var response = client.Send(request);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"docker-registry refused to {what}: {(int)response.StatusCode} {response.Content.ReadAsStringAsync().Result}");
        return response;
    }

    /// <summary>The file the registry keeps a blob in (the filesystem driver's layout), for a test that tampers with it.</summary>
    public string BlobFile(string digest) =>
        Path.Combine(Folder, "storage", "docker", "registry", "v2", "blobs", "sha256", digest[7..9], digest[7..], "data");

    public void Dispose()
    {
        try
        {
            if (!process.HasExited) process.Kill(true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException) { }
        process.Dispose();
        client.Dispose();
        try { Directory.Delete(Folder, true); } catch (IOException) { }
    }
}

/// <summary>
/// A registry token endpoint, as a registry's <c>auth.token.realm</c> names one: it signs JWTs (RS256, the
/// certificate in the <c>x5c</c> header, the registry trusting it through <c>rootcertbundle</c>) granting the scope
/// asked for. With <see cref="RequireUser"/>, only to a client that sends that user's Basic credentials.
/// </summary>
public sealed class TokenService : IDisposable
{
    public const string Service = "manifestgen-test-registry";
    public const string Issuer = "manifestgen-test-issuer";

    private readonly RSA key = RSA.Create(2048);
    private readonly X509Certificate2 certificate;
    private readonly LocalHttpServer server = new();
    private readonly string folder = Path.Combine(Path.GetTempPath(), "manifestgen-token-" + Guid.NewGuid().ToString("N")[..12]);

    public TokenService((string User, string Password)? requireUser = null)
    {
        RequireUser = requireUser;
        var request = new CertificateRequest("CN=manifestgen test token issuer", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1));
        Directory.CreateDirectory(folder);
        CertificateFile = Path.Combine(folder, "root.pem");
        File.WriteAllText(CertificateFile, certificate.ExportCertificatePem() + "\n");
        server.Handle("/token", Answer);
    }

    public (string User, string Password)? RequireUser { get; }
    public string CertificateFile { get; }
    public string Realm => server.Url + "token";

    /// <summary>Requests the endpoint saw (<c>GET /token?service=...&amp;scope=...</c>).</summary>
    public IReadOnlyList<string> Requests => server.Requests;

    private (int, byte[], IReadOnlyDictionary<string, string>?) Answer(HttpListenerRequest request)
    {
        if (RequireUser is { } user)
        {
            var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user.User}:{user.Password}"));
            if (request.Headers["Authorization"] != expected) return (401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}"u8.ToArray(), null);
        }
        var scope = request.QueryString["scope"] ?? "";
        var parts = scope.Split(':');
        var token = parts.Length == 3 && parts[0] == "repository" ? Sign(parts[1], parts[2].Split(',')) : Sign("", []);
        return (200, Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Dictionary<string, string> { ["token"] = token })), null);
    }

    /// <summary>A token granting <paramref name="actions"/> on a repository.</summary>
    public string Sign(string repository, IReadOnlyList<string> actions)
    {
        static string B64(byte[] data) => Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var header = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["typ"] = "JWT", ["alg"] = "RS256", ["x5c"] = new[] { Convert.ToBase64String(certificate.RawData) },
        });
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = Issuer, ["sub"] = "test", ["aud"] = Service, ["exp"] = now + 600, ["nbf"] = now - 60, ["iat"] = now - 60,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["access"] = repository.Length == 0 ? Array.Empty<object>() : new object[] { new Dictionary<string, object> { ["type"] = "repository", ["name"] = repository, ["actions"] = actions } },
        });
        var signed = B64(header) + "." + B64(claims);
        var signature = key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signed + "." + B64(signature);
    }

    public void Dispose()
    {
        server.Dispose();
        certificate.Dispose();
        key.Dispose();
        try { Directory.Delete(folder, true); } catch (IOException) { }
    }
}
