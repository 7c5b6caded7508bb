using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using ManifestGen.Charts;
using ManifestGen.Charts.Analysis;
using ManifestGen.Diagnostics;
using ManifestGen.Yaml;

namespace ManifestGen.Fetching;

/// <summary>
/// <c>--fetch-charts</c>: for a HelmRelease whose exact chart version the run does not know, the chart from where
/// Flux gets it. A HelmRepository's <c>index.yaml</c> (a range resolved against it, the archive at the entry's URL,
/// checked against the entry's digest) or an OCI registry (a range resolved against the tag list, the manifest's
/// Helm chart layer, checked against its digest). The cache is asked first, and is all there is with
/// <c>--offline</c>; an index or tag list is fetched at most once a run. What could not be fetched is a diagnostic
/// (<c>MG6xxx</c>), and the run goes on with what it knows; a digest that does not match is an error.
/// </summary>
public sealed class ChartFetcher : IChartFetcher, IDisposable
{
    private readonly ChartCatalog catalog;
    private readonly FetchSettings settings;
    private readonly BoundedHttp http;
    private readonly OciRegistry registry;
    private readonly ConcurrentDictionary<ChartRequest, Lazy<FetchedVersion?>> answers = new();
    // A reference's request, made once (the same reference is prefetched and then resolved).
    private readonly ConcurrentDictionary<ChartReference, ChartRequest?> requests = new(ReferenceEqualityComparer.Instance);
    // An index or a tag list per source, fetched (or read from the cache) once a run, whoever asks.
    private readonly ConcurrentDictionary<string, Lazy<HelmIndex?>> indexes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<IReadOnlyList<string>?>> tagLists = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Diagnostic, byte> diagnostics = new();
    // An archive per source and version or tag, read from the cache or fetched once a run, whichever HelmReleases (a
    // repository may give each of 74 HelmReleases an OCIRepository of its own for the same chart) ask for it.
    private readonly ConcurrentDictionary<string, Lazy<string?>> archivesOnce = new(StringComparer.Ordinal);
    // The releases this fetcher found, by chart and version: each archive is analysed once a run (and, once cached, never again).
    private readonly ConcurrentDictionary<(string Chart, string Version), FetchedRelease> found = new();
    private int archives, cached, listingsFetched, analysed;
    private long archiveBytes;

    /// <param name="catalog">The charts the run knows already (read only: a version it knows is not fetched).</param>
    public ChartFetcher(ChartCatalog catalog, FetchSettings settings)
    {
        this.catalog = catalog;
        this.settings = settings;
        // Prefetch blocks a few pool threads on requests whose connections complete on the pool: with as few threads as
        // cores, each completion waited for the pool to grow (a second a step). Enough threads from the start.
        ThreadPool.GetMinThreads(out var workers, out var io);
        var wanted = settings.Limits.Parallel * 2 + Environment.ProcessorCount;
        if (workers < wanted) ThreadPool.SetMinThreads(wanted, Math.Max(io, wanted));
        http = new BoundedHttp(settings.Limits);
        registry = new OciRegistry(http, settings.Limits, settings.Credentials);
    }

    /// <summary>What the fetches found that a user must hear: one diagnostic each, in a stable order.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics
    {
        get
        {
            var bag = new DiagnosticBag();
            bag.AddRange(diagnostics.Keys.OrderBy(d => d.Message, StringComparer.Ordinal));
            return bag.Sorted();
        }
    }

    public FetchedVersion? Resolve(SourcedReference reference)
    {
        if (Request(reference) is not { } request) return null;
        return answers.GetOrAdd(request, r => new Lazy<FetchedVersion?>(() => Fetch(r))).Value;
    }

    /// <inheritdoc/>
    public void Prefetch(IEnumerable<SourcedReference> references)
    {
        var requests = references.Select(Request).OfType<ChartRequest>().Distinct().ToList();
        Parallel.ForEach(requests, new ParallelOptions { MaxDegreeOfParallelism = settings.Limits.Parallel },
            r => _ = answers.GetOrAdd(r, x => new Lazy<FetchedVersion?>(() => Fetch(x))).Value);
    }

    /// <summary>The request for a reference, or null when there is nothing to fetch (the version is known) or it cannot be fetched (noted).</summary>
    private ChartRequest? Request(SourcedReference sourced) => requests.GetOrAdd(sourced.Reference, _ => MakeRequest(sourced));

    private ChartRequest? MakeRequest(SourcedReference sourced)
    {
        var reference = sourced.Reference;
        if (reference.Name is not { } chart) return null;
        if (KnowsVersion(chart, reference.Version)) return null;
        var request = ChartRequest.From(reference, sourced.Source, host => settings.Credentials.For(host) is not null, out var why);
        if (request is null)
            Add(Diagnostic.Of(DiagnosticCodes.ChartNotFetched, reference.VersionFile, reference.VersionAt, $"chart {chart} not fetched: {why}"));
        return request;
    }

    private bool KnowsVersion(string chart, string? version) =>
        version is not null && !version.Contains("${", StringComparison.Ordinal) && SemanticVersion.TryParse(VersionChoice.AsVersion(version)) is { } exact
        && catalog.Releases(chart).Any(k => k.Release.ChartVersion.Equals(exact));

    /// <summary>The answer for a version found: with the release when this fetcher found it.</summary>
    private FetchedVersion Answer(ChartRequest request, string version, string? note) =>
        new(version, note, found.GetValueOrDefault((request.Chart, version)));

    private FetchedVersion? Fetch(ChartRequest request)
    {
        try
        {
            return request.Origin.Index is { } index ? FromIndex(request, index) : FromRegistry(request, request.Origin.Oci!);
        }
        catch (FetchFailure failure)
        {
            Report(request, failure);
            return null;
        }
    }

    // ----- a HelmRepository of http or https -----

    private FetchedVersion? FromIndex(ChartRequest request, Uri repository)
    {
        var source = request.Origin.CacheKey;
        var exact = SemanticVersion.TryParse(request.Version) is not null ? request.Version!.Trim() : null;
        if (exact is not null && FromCache(request, source, exact) is { } known) return Answer(request, known, null);
        if (Once(indexes, request, () => Index(request, repository)) is not { } index) return null;
        var entries = index.EntriesOf(request.Chart);
        if (entries.Count == 0)
            throw new FetchFailure(FetchFailureKind.NotFound, $"the index of {request.Origin.Label} ({request.Origin.Url}) holds no chart {request.Chart}");
        var version = VersionChoice.Choose(entries.Select(e => e.Version), request.Version, out var why)
            ?? throw new FetchFailure(FetchFailureKind.NotFound, $"the index of {request.Origin.Label} ({request.Origin.Url}) holds chart {request.Chart}, but {why}");
        var note = Resolved(request, version, $"{request.Origin.Label}'s index");
        if (KnowsVersion(request.Chart, version)) return new FetchedVersion(version, note);
        var built = OnceAnArchive(source, version, () =>
        {
            if (FromCache(request, source, version) is { } hit) return hit;
            if (settings.Offline) return null;
            var entry = entries.First(e => e.Version == version);
            var url = HelmIndex.ArchiveUrl(repository, entry)
                ?? throw new FetchFailure(FetchFailureKind.Refused, $"the index of {request.Origin.Label} names no usable URL for {request.Chart} {version}");
            var what = $"{request.Chart} {version} from {request.Origin.Label}";
            var clock = Stopwatch.StartNew();
            BoundedHttp.Response response;
            using (Slow($"fetching {request.Chart} {version} from {BoundedHttp.Redact(url)} ..."))
                response = http.Get(url, settings.Limits.MaxArchiveBytes, what);
            if (!response.Ok) throw BoundedHttp.Failure(response, what);
            var digest = ChartCache.Digest(response.Body);
            if (entry.Digest is { Length: > 0 } expected && ChartCache.Normalize(expected) != digest)
                throw new FetchFailure(FetchFailureKind.DigestMismatch,
                    $"{what}: the index names digest sha256:{ChartCache.Normalize(expected)[7..]}, the archive served at {BoundedHttp.Redact(url)} has {digest}; it was refused and not cached");
            Progress($"fetched {request.Chart} {version} from {BoundedHttp.Redact(url)} ({BoundedHttp.Size(response.Body.Length)}, {Seconds(clock)})");
            return Build(request, source, response.Body, digest, BoundedHttp.Redact(url), [$"{request.Chart}@{version}"]);
        });
        if (built is null && settings.Offline) return NotCached(request, version);
        return built is null ? null : Answer(request, built, note);
    }

    /// <summary>An archive read from the cache or fetched, once a run for a source and a version or tag.</summary>
    private string? OnceAnArchive(string source, string reference, Func<string?> read) =>
        archivesOnce.GetOrAdd($"{source}\n{reference}", _ => new Lazy<string?>(read)).Value;

    private HelmIndex? Index(ChartRequest request, Uri repository)
    {
        var source = request.Origin.CacheKey;
        var what = $"the index of {request.Origin.Label}";
        byte[]? bytes = null;
        if (!settings.Offline)
        {
            try
            {
                var url = HelmIndex.IndexUrl(repository);
                var clock = Stopwatch.StartNew();
                BoundedHttp.Response response;
                using (Slow($"fetching {what} from {BoundedHttp.Redact(url)} ..."))
                    response = http.Get(url, settings.Limits.MaxIndexBytes, what, ["application/x-yaml", "text/yaml", "*/*"]);
                if (!response.Ok) throw BoundedHttp.Failure(response, what);
                var parsed = HelmIndex.Parse(response.Body, what);
                Interlocked.Increment(ref listingsFetched);
                Progress($"fetched {what} from {BoundedHttp.Redact(url)} ({BoundedHttp.Size(response.Body.Length)}, {Seconds(clock)})");
                TryCache(() => settings.Cache.WriteDocument(source, "index.yaml", response.Body));
                return parsed;
            }
            catch (FetchFailure failure)
            {
                // Unreachable today: the index fetched before still answers what it can.
                bytes = settings.Cache.ReadDocument(source, "index.yaml");
                Report(request, failure, bytes is null ? null : "the index cached before is used");
                if (bytes is null) return null;
            }
        }
        bytes ??= settings.Cache.ReadDocument(source, "index.yaml");
        if (bytes is null) return NotCachedListing<HelmIndex>(request, "its index");
        return HelmIndex.Parse(bytes, $"{what} (cached)");
    }

    // ----- an OCI registry -----

    private FetchedVersion? FromRegistry(ChartRequest request, OciRegistry.Name name)
    {
        var source = request.Origin.CacheKey;
        string reference;
        string? note = null;
        if (request.Digest is { } digest) reference = ChartCache.Normalize(digest);
        else if (request.IsTag || SemanticVersion.TryParse(request.Version) is not null)
            // An exact version is its tag, as source-controller takes it: no tag list is read.
            reference = request.Version!.Trim().Replace('+', '_');
        else
        {
            if (Once(tagLists, request, () => Tags(request, name)) is not { } tags) return null;
            reference = VersionChoice.Choose(Filtered(tags, request), request.Version, out var why)
                ?? throw new FetchFailure(FetchFailureKind.NotFound, $"the tags of {name} ({request.Origin.Label}): {why}");
            note = Resolved(request, VersionChoice.AsVersion(reference), $"the tags of {name}");
        }
        var version = reference.Contains(':', StringComparison.Ordinal) ? null : VersionChoice.AsVersion(reference);
        if (version is not null && KnowsVersion(request.Chart, version)) return new FetchedVersion(version, note);
        // A version's tag, or a digest, names one chart for good: the cache answers it. "latest" moves: online, the registry does.
        var pinned = version is null || SemanticVersion.TryParse(version) is not null;
        var built = OnceAnArchive(source, reference, () =>
        {
            if ((pinned || settings.Offline) && FromCache(request, source, reference) is { } hit) return hit;
            if (settings.Offline) return null;
            var what = $"{request.Chart} {reference} from {request.Origin.Label} ({name})";
            var clock = Stopwatch.StartNew();
            var (manifestDigest, layers) = registry.Manifest(name, reference, what);
            var layer = layers.FirstOrDefault(l => l.MediaType == request.LayerType)
                ?? throw new FetchFailure(FetchFailureKind.Refused, $"{what}: the manifest has no layer of type {request.LayerType} (its layers: {string.Join(", ", layers.Select(l => l.MediaType).DefaultIfEmpty("none"))})");
            byte[] archive;
            using (Slow($"fetching {request.Chart} {reference} from {name} ({BoundedHttp.Size(layer.Size)}) ..."))
                archive = registry.Blob(name, layer, what);
            Progress($"fetched {request.Chart} {reference} from {name} ({BoundedHttp.Size(archive.Length)}, {Seconds(clock)})");
            return Build(request, source, archive, ChartCache.Normalize(layer.Digest), $"{name}@{manifestDigest}", [reference, manifestDigest]);
        });
        if (built is null && settings.Offline) return NotCached(request, reference);
        return built is null ? null : Answer(request, built, note ?? Pinned(request, built));
    }

    private IReadOnlyList<string>? Tags(ChartRequest request, OciRegistry.Name name)
    {
        var source = request.Origin.CacheKey;
        const string file = "tags.json";
        if (!settings.Offline)
        {
            try
            {
                var clock = Stopwatch.StartNew();
                var tags = registry.Tags(name, $"the tags of {name} ({request.Origin.Label})");
                Interlocked.Increment(ref listingsFetched);
                Progress($"fetched the tags of {name} ({tags.Count}, {Seconds(clock)})");
                TryCache(() => settings.Cache.WriteDocument(source, file, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(tags, FetchJson.Default.IReadOnlyListString)));
                return tags;
            }
            catch (FetchFailure failure)
            {
                var old = settings.Cache.ReadDocument(source, file);
                Report(request, failure, old is null ? null : "the tag list cached before is used");
                if (old is null) return null;
            }
        }
        if (settings.Cache.ReadDocument(source, file) is not { } bytes) return NotCachedListing<IReadOnlyList<string>>(request, "its tag list");
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize(bytes, FetchJson.Default.IReadOnlyListString) ?? [];
        }
        catch (System.Text.Json.JsonException)
        {
            return NotCachedListing<IReadOnlyList<string>>(request, "its tag list");
        }
    }

    /// <summary>The tags an OCIRepository's ref.semverFilter lets through (source-controller applies it before the range).</summary>
    private static IEnumerable<string> Filtered(IReadOnlyList<string> tags, ChartRequest request)
    {
        if (request.TagFilter is not { } filter) return tags;
        try
        {
            var regex = new System.Text.RegularExpressions.Regex(filter, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
            return tags.Where(t => regex.IsMatch(t)).ToList();
        }
        catch (Exception e) when (e is ArgumentException or System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            throw new FetchFailure(FetchFailureKind.Refused, $"{request.Origin.Label} ref.semverFilter '{filter}' is not a regular expression the tool can apply ({e.Message})");
        }
    }

    // ----- shared -----

    // Lazy<T> asks the trimmer to keep T's constructor (it would make one for Lazy's parameterless form); say so.
    private static T? Once<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>(
        ConcurrentDictionary<string, Lazy<T?>> done, ChartRequest request, Func<T?> fetch) where T : class =>
        done.GetOrAdd(request.Origin.CacheKey, _ => new Lazy<T?>(fetch)).Value;

    /// <summary>A chart version the cache holds: read, checked against its digest, built; the version, or null.</summary>
    private string? FromCache(ChartRequest request, string source, string reference)
    {
        if (settings.Cache.ReadRef(source, RefName(request, reference)) is not { } digest || settings.Cache.ReadBlob(source, digest) is not { } archive) return null;
        var built = Build(request, source, archive, digest, $"{settings.Cache.Root}/{ChartCache.SourceFolder(source)} ({request.Chart} {reference})", null);
        if (built is not null) Interlocked.Increment(ref cached);
        return built;
    }

    private static string RefName(ChartRequest request, string reference) =>
        request.Origin.Index is not null ? reference.Contains('@', StringComparison.Ordinal) ? reference : $"{request.Chart}@{reference}" : reference;

    /// <summary>
    /// The archive read as a chart and analysed (or its analysis read back from beside it in the cache, when the same
    /// analyser made it), kept for the run, and when fetched written to the cache under its digest and refs.
    /// </summary>
    private string? Build(ChartRequest request, string source, byte[] archive, string digest, string display, IReadOnlyList<string>? refs)
    {
        var analysis = AnalysisName(digest);
        var release = refs is null ? CachedAnalysis(request, source, analysis, display) : null;
        if (release is null)
        {
            try
            {
                var (metadata, tree) = ChartAnalyzer.Analyze(ChartFiles.ReadArchive(archive, display));
                Interlocked.Increment(ref analysed);
                if (metadata.Name != request.Chart)
                    throw new FetchFailure(FetchFailureKind.Refused, $"{request.Chart} from {request.Origin.Label}: {display} holds chart {metadata.Name}, not {request.Chart}");
                release = new FetchedRelease(request.Chart, new ChartRelease(metadata.Version, metadata.Version, metadata.AppVersion, display), tree);
            }
            catch (InvalidInputException e)
            {
                throw new FetchFailure(FetchFailureKind.Refused, $"{request.Chart} from {request.Origin.Label}: {display}: {e.Diagnostics.FirstOrDefault()?.Message ?? "not a chart"}");
            }
            // The analysis goes beside the archive, for the next run: analysing a chart with its dependencies is the costly part.
            TryCache(() => settings.Cache.WriteDocument(source, analysis,
                Encoding.UTF8.GetBytes(ChartDataText.Write(ChartData.Of(release.Chart, [(release.Release, release.Tree)])))));
        }
        if (refs is not null)
        {
            Interlocked.Increment(ref archives);
            Interlocked.Add(ref archiveBytes, archive.Length);
            // Only now, digest and chart checked, does the archive reach the cache.
            TryCache(() =>
            {
                settings.Cache.WriteBlob(source, digest, archive);
                foreach (var r in refs) settings.Cache.WriteRef(source, RefName(request, r), digest);
            });
        }
        var version = release.Release.ChartVersion.Text;
        if (!KnowsVersion(request.Chart, version)) found.TryAdd((request.Chart, version), release);
        return version;
    }

    /// <summary>The cache file of an archive's analysis: by its digest and the analyser's version.</summary>
    private static string AnalysisName(string digest) =>
        Path.Combine("analysis", $"{ChartCache.Normalize(digest).Replace(':', '-')}.v{ChartAnalyzer.Version}.txt");

    private FetchedRelease? CachedAnalysis(ChartRequest request, string source, string name, string display)
    {
        if (settings.Cache.ReadDocument(source, name) is not { } bytes) return null;
        try
        {
            var data = ChartDataText.Read(Encoding.UTF8.GetString(bytes), display);
            if (data.Chart != request.Chart || data.Releases.Count != 1) return null;
            var r = data.Releases[0];
            return new FetchedRelease(data.Chart, r with { Source = display }, data.Tree(0));
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or ArgumentException)
        {
            return null; // not what this analyser wrote: analyse the archive again
        }
    }

    private string? Resolved(ChartRequest request, string version, string where) =>
        request.Version is { } text && text.Trim() == version ? null
            : request.Version is null ? $"{request.VersionFrom} pins no version: {where} gives the latest, {request.Chart} {version}"
            : $"{request.VersionFrom} '{request.Version}' resolves to {request.Chart} {version} in {where}, as Flux resolves it";

    private static string? Pinned(ChartRequest request, string version) =>
        request.Digest is null ? null : $"{request.VersionFrom} pins {request.Digest}: the chart of that digest is {request.Chart} {version}";

    private FetchedVersion? NotCached(ChartRequest request, string reference)
    {
        Note(request, $"--offline, and {request.Chart} {reference} from {request.Origin.Label} is not in the cache ({settings.Cache.Root}); run once with --fetch-charts online");
        return null;
    }

    private T? NotCachedListing<T>(ChartRequest request, string what) where T : class
    {
        Note(request, $"--offline, and {what} ({request.Origin.Label}, {request.Origin.Url}) is not in the cache ({settings.Cache.Root}); run once with --fetch-charts online");
        return null;
    }

    private void Note(ChartRequest request, string message) =>
        Add(Diagnostic.Of(DiagnosticCodes.ChartNotFetched, request.Origin.File, request.Origin.At, $"chart {request.Chart} not fetched: {message}"));

    private void Report(ChartRequest request, FetchFailure failure, string? fallback = null)
    {
        var goesOn = failure.Kind == FetchFailureKind.DigestMismatch ? ""
            : fallback is not null ? $"; {fallback}"
            : catalog.Releases(request.Chart).Count == 0 ? $"; the values of chart {request.Chart} are not checked"
            : $"; chart {request.Chart} is checked against the releases the tool knows";
        var message = failure.Message + goesOn;
        var hint = failure.Kind switch
        {
            FetchFailureKind.Denied => "log in on this machine (docker login or helm registry login HOST); the tool reads those files, never the repository's Secrets",
            FetchFailureKind.DigestMismatch => "the source serves other bytes than it lists: fix the source before Flux installs them",
            FetchFailureKind.Unreachable => "check the URL and the network, or run with --offline to use the cache",
            _ => null,
        };
        var code = failure.Code;
        Add(code.Severity switch
        {
            Severity.Error => Diagnostic.Of(code, request.Origin.File, request.Origin.At, message, hint),
            Severity.Warning => Diagnostic.Of(code, request.Origin.File, request.Origin.At, message, hint),
            _ => Diagnostic.Of(code, request.Origin.File, request.Origin.At, message, hint),
        });
    }

    private void Add(Diagnostic diagnostic) => diagnostics.TryAdd(diagnostic, 0);

    private void Progress(string line) => settings.Progress?.Invoke(line);

    /// <summary>A line that says what is being fetched, printed only when the fetch takes more than a moment (a second).</summary>
    private IDisposable? Slow(string line) => settings.Progress is { } progress ? new SlowLine(line, progress) : null;

    /// <summary>The line, a second after it was made, unless disposed first (then never, not even late).</summary>
    private sealed class SlowLine : IDisposable
    {
        private readonly Timer timer;
        private readonly object gate = new();
        private bool done;

        public SlowLine(string line, Action<string> progress) =>
            timer = new Timer(_ => { lock (gate) if (!done) progress(line); }, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        public void Dispose()
        {
            lock (gate) done = true;
            timer.Dispose();
        }
    }

    private void TryCache(Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Progress($"the chart cache at {settings.Cache.Root} cannot be written ({e.Message}); the run goes on without it");
        }
    }

    private static string Seconds(Stopwatch clock) => BoundedHttp.Seconds(clock.Elapsed);

    /// <summary>One line for the end of the run (<c>charts: 2 fetched (240 KiB), 1 from the cache, 3 request(s), 2 analysed</c>), or null when nothing was asked.</summary>
    public string? Summary()
    {
        if (answers.IsEmpty && diagnostics.IsEmpty) return null;
        var failed = diagnostics.Keys.Count(d => d.Severity != Severity.Info);
        var parts = new List<string> { $"{archives} fetched" + (archives > 0 ? $" ({BoundedHttp.Size(archiveBytes)})" : ""), $"{cached} from the cache" };
        if (listingsFetched > 0) parts.Add($"{listingsFetched} index(es) or tag list(s) read");
        parts.Add($"{http.Requests} request(s)" + (settings.Offline ? " (offline)" : ""));
        // An archive's analysis is kept beside it in the cache: a second run analyses nothing.
        parts.Add($"{analysed} analysed");
        if (failed > 0) parts.Add($"{failed} problem(s) reported");
        return "charts: " + string.Join(", ", parts);
    }

    public void Dispose() => http.Dispose();
}
