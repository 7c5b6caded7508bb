using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace ManifestGen.Fetching;

/// <summary>
/// GET, and nothing else, within <see cref="FetchLimits"/>: a deadline per request and for the run, a size per
/// answer (read no further than it), redirects followed by hand (few, http and https only, credentials never carried
/// to another host), and a small number of requests in flight. Every failure is a <see cref="FetchFailure"/>.
/// </summary>
public sealed class BoundedHttp : IDisposable
{
    private readonly HttpClient client;
    private readonly FetchLimits limits;
    private readonly SemaphoreSlim slots;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly ConcurrentDictionary<string, string> unreachable = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, byte> reached = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, object> contacts = new(StringComparer.OrdinalIgnoreCase);
    private int requests;

    public BoundedHttp(FetchLimits limits)
    {
        this.limits = limits;
        slots = new SemaphoreSlim(limits.Parallel);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = limits.RequestTimeout,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        };
        client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("manifestgen", "0.1"));
    }

    /// <summary>Requests sent or tried (each redirect hop counts).</summary>
    public int Requests => requests;

    public sealed record Response(HttpStatusCode Status, Uri Url, byte[] Body, HttpResponseHeaders Headers)
    {
        public bool Ok => (int)Status is >= 200 and < 300;
    }

    /// <summary>
    /// The answer to a GET of <paramref name="url"/>, any status (the caller decides what a 401 means), with a body of
    /// at most <paramref name="maxBytes"/>; <paramref name="what"/> names it in failures (<c>the index of HelmRepository cilium</c>).
    /// </summary>
    public Response Get(Uri url, long maxBytes, string what, IReadOnlyList<string>? accept = null, AuthenticationHeaderValue? authorization = null)
    {
        var origin = url.Authority;
        for (var hop = 0; ; hop++)
        {
            if (url.Scheme is not ("http" or "https"))
                throw new FetchFailure(FetchFailureKind.Refused, $"{what}: {Redact(url)} is not http or https");
            var left = limits.RunTimeout - clock.Elapsed;
            if (left <= TimeSpan.Zero)
                throw new FetchFailure(FetchFailureKind.Unreachable, $"{what}: the run's fetch time ({Seconds(limits.RunTimeout)}) is used up");
            var deadline = left < limits.RequestTimeout ? left : limits.RequestTimeout;
            using var cancel = new CancellationTokenSource(deadline);
            // The first request to a host goes alone, and a host that could not be reached once in this run is not
            // asked again: a machine without the network would otherwise wait on every OCIRepository of one registry.
            using var first = FirstContact(url.Authority);
            if (unreachable.TryGetValue(url.Authority, out var earlier))
                throw new FetchFailure(FetchFailureKind.Unreachable, $"{what}: {url.Authority} could not be reached earlier in this run ({earlier})");
            slots.Wait();
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                foreach (var type in accept ?? []) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
                // Credentials go to the host they were meant for, never along a redirect to another.
                if (authorization is not null && url.Authority == origin) request.Headers.Authorization = authorization;
                Interlocked.Increment(ref requests);
                using var response = Send(request, url, what, deadline, cancel.Token);
                if ((int)response.StatusCode is 301 or 302 or 303 or 307 or 308)
                {
                    if (response.Headers.Location is not { } location)
                        throw new FetchFailure(FetchFailureKind.Refused, $"{what}: {Redact(url)} redirects without a Location");
                    if (hop >= limits.MaxRedirects)
                        throw new FetchFailure(FetchFailureKind.Refused, $"{what}: more than {limits.MaxRedirects} redirects from {Redact(url)}");
                    url = location.IsAbsoluteUri ? location : new Uri(url, location);
                    continue;
                }
                // An error's body is only read for its first bytes (a registry's error JSON); a success's up to the limit.
                var limit = response.IsSuccessStatusCode ? maxBytes : 64 * 1024;
                if (response.IsSuccessStatusCode && response.Content.Headers.ContentLength is { } length && length > limit)
                    throw TooLarge(what, url, limit, length);
                var body = ReadAtMost(response.Content.ReadAsStream(cancel.Token), limit, what, url, truncate: !response.IsSuccessStatusCode);
                return new Response(response.StatusCode, url, body, response.Headers);
            }
            catch (OperationCanceledException)
            {
                throw new FetchFailure(FetchFailureKind.Unreachable, $"{what}: no answer from {Redact(url)} within {Seconds(deadline)}");
            }
            catch (IOException e)
            {
                throw new FetchFailure(FetchFailureKind.Unreachable, $"{what}: {Redact(url)}: {e.Message}");
            }
            finally
            {
                slots.Release();
            }
        }
    }

    /// <summary>Held while a host has never answered in this run: its requests go one at a time until one does.</summary>
    private Gate? FirstContact(string authority)
    {
        if (reached.ContainsKey(authority)) return null;
        var gate = contacts.GetOrAdd(authority, _ => new object());
        Monitor.Enter(gate);
        return new Gate(gate);
    }

    private sealed class Gate(object held) : IDisposable
    {
        public void Dispose() => Monitor.Exit(held);
    }

    /// <summary>Sends; a host that cannot be connected to (no name, refused, no answer in time) is remembered as unreachable.</summary>
    private HttpResponseMessage Send(HttpRequestMessage request, Uri url, string what, TimeSpan deadline, CancellationToken cancel)
    {
        try
        {
            var response = client.Send(request, HttpCompletionOption.ResponseHeadersRead, cancel);
            reached.TryAdd(url.Authority, 0);
            return response;
        }
        catch (OperationCanceledException)
        {
            unreachable.TryAdd(url.Authority, $"no answer within {Seconds(deadline)}");
            throw;
        }
        catch (HttpRequestException e)
        {
            if (e.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError)
                unreachable.TryAdd(url.Authority, e.Message);
            throw new FetchFailure(FetchFailureKind.Unreachable, $"{what}: {Redact(url)}: {e.Message}");
        }
    }

    /// <summary>A failure for any answer that is not a success: 401/403 denied, 404 not found, the rest unreachable.</summary>
    public static FetchFailure Failure(Response response, string what) => (int)response.Status switch
    {
        401 or 403 => new FetchFailure(FetchFailureKind.Denied, $"{what}: {Redact(response.Url)} answered {(int)response.Status} {response.Status}"),
        404 => new FetchFailure(FetchFailureKind.NotFound, $"{what}: {Redact(response.Url)} answered 404 Not Found"),
        var status => new FetchFailure(FetchFailureKind.Unreachable, $"{what}: {Redact(response.Url)} answered {status} {response.Status}"),
    };

    private static byte[] ReadAtMost(Stream stream, long limit, string what, Uri url, bool truncate)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + n > limit)
            {
                if (truncate) break;
                throw TooLarge(what, url, limit, null);
            }
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }

    private static FetchFailure TooLarge(string what, Uri url, long limit, long? length) =>
        new(FetchFailureKind.Refused, $"{what}: {Redact(url)} is larger than the limit of {Size(limit)}" + (length is { } l ? $" ({Size(l)})" : ""));

    /// <summary>A URL without any user or password in it, for messages.</summary>
    public static string Redact(Uri url) => url.UserInfo.Length == 0 ? url.ToString() : new UriBuilder(url) { UserName = "", Password = "" }.Uri.ToString();

    public static string Size(long count) => count >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{count / (1024.0 * 1024):0.#} MiB")
        : count >= 1024 ? string.Create(CultureInfo.InvariantCulture, $"{count / 1024.0:0.#} KiB") : $"{count} bytes";

    /// <summary>A span in messages and progress lines: <c>0.3 s</c>, <c>30 s</c>.</summary>
    public static string Seconds(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.#} s");

    public void Dispose()
    {
        client.Dispose();
        slots.Dispose();
    }
}
