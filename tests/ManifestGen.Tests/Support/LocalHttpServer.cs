using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace ManifestGen.Tests.Support;

/// <summary>
/// A real HTTP server on 127.0.0.1 (the framework's HttpListener) for the tests: a Helm repository is a folder of
/// files on a static server, so it serves files (a folder, or bytes put at a path), answers with handlers where a test
/// needs more (a token endpoint), and records every request it sees (a test proves that none came).
/// </summary>
public sealed class LocalHttpServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentDictionary<string, byte[]> files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Func<HttpListenerRequest, (int Status, byte[] Body, IReadOnlyDictionary<string, string>? Headers)>> handlers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> requests = new();
    private readonly ConcurrentQueue<string> authorizations = new();
    private readonly ConcurrentDictionary<string, (byte[] Bytes, int Chunk, TimeSpan Pause)> trickles = new(StringComparer.Ordinal);
    private long sent;
    private readonly string? folder;
    private readonly Thread loop;

    public LocalHttpServer(string? folder = null)
    {
        this.folder = folder;
        Port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        loop = new Thread(Serve) { IsBackground = true, Name = "LocalHttpServer" };
        loop.Start();
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/";

    /// <summary>Every request seen, as <c>GET /path?query</c>.</summary>
    public IReadOnlyList<string> Requests => requests.ToList();

    /// <summary>Every Authorization header seen, as <c>/path VALUE</c>.</summary>
    public IReadOnlyList<string> Authorizations => authorizations.ToList();

    /// <summary>Serves <paramref name="bytes"/> at <paramref name="path"/> (<c>/index.yaml</c>).</summary>
    public void Put(string path, byte[] bytes)
    {
        trickles.TryRemove(path, out _);
        files[path] = bytes;
    }

    public void Put(string path, string text) => Put(path, System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>Serves <paramref name="bytes"/> at <paramref name="path"/> slowly: a chunk, then a pause, and so on
    /// (a download a test can interrupt halfway); <see cref="Sent"/> counts what went out.</summary>
    public void Trickle(string path, byte[] bytes, int chunk, TimeSpan pause) => trickles[path] = (bytes, chunk, pause);

    /// <summary>Bytes of trickled answers written so far.</summary>
    public long Sent => Interlocked.Read(ref sent);

    public void Handle(string path, Func<HttpListenerRequest, (int Status, byte[] Body, IReadOnlyDictionary<string, string>? Headers)> handler) => handlers[path] = handler;

    /// <summary>A port nothing listens on (for an unreachable source): bound, read and released.</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private void Serve()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = listener.GetContext();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            ThreadPool.QueueUserWorkItem(_ => Answer(context));
        }
    }

    private void Answer(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        requests.Enqueue($"{context.Request.HttpMethod} {context.Request.Url.PathAndQuery}");
        if (context.Request.Headers["Authorization"] is { } authorization) authorizations.Enqueue($"{path} {authorization}");
        try
        {
            if (trickles.TryGetValue(path, out var slow))
            {
                context.Response.ContentLength64 = slow.Bytes.Length;
                for (var at = 0; at < slow.Bytes.Length; at += slow.Chunk)
                {
                    var n = Math.Min(slow.Chunk, slow.Bytes.Length - at);
                    context.Response.OutputStream.Write(slow.Bytes, at, n);
                    context.Response.OutputStream.Flush();
                    Interlocked.Add(ref sent, n);
                    Thread.Sleep(slow.Pause);
                }
                context.Response.Close();
                return;
            }
            var (status, body, headers) = handlers.TryGetValue(path, out var handler) ? handler(context.Request)
                : files.TryGetValue(path, out var bytes) ? (200, bytes, null)
                : FromFolder(path) is { } file ? (200, file, null)
                : (404, "not found\n"u8.ToArray(), null);
            context.Response.StatusCode = status;
            foreach (var (name, value) in headers ?? new Dictionary<string, string>()) context.Response.AddHeader(name, value);
            context.Response.ContentLength64 = body.Length;
            context.Response.OutputStream.Write(body);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // the client went away
        }
    }

    private byte[]? FromFolder(string path)
    {
        if (folder is null) return null;
        var relative = Uri.UnescapeDataString(path).TrimStart('/');
        if (relative.Split('/').Any(p => p is ".." or "")) return null;
        var full = Path.Combine(folder, relative);
        return File.Exists(full) ? File.ReadAllBytes(full) : null;
    }

    public void Dispose()
    {
        if (listener.IsListening) listener.Stop();
        listener.Close();
    }
}
