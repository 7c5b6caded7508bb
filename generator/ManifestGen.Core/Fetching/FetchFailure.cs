using ManifestGen.Diagnostics;
using ManifestGen.Yaml;

namespace ManifestGen.Fetching;

/// <summary>Why a request gave nothing usable; each kind is one diagnostic code.</summary>
public enum FetchFailureKind
{
    /// <summary>Refused, reset, timed out, an HTTP error, the run's fetch time used up (MG6001).</summary>
    Unreachable,

    /// <summary>401 or 403 after any credentials there were (MG6006).</summary>
    Denied,

    /// <summary>404: the index, chart, tag or blob is not there (MG6002).</summary>
    NotFound,

    /// <summary>Over a size limit, a redirect to another scheme or too many, an answer that is not what was asked (MG6004).</summary>
    Refused,

    /// <summary>Content whose digest is not the one its source names (MG6003).</summary>
    DigestMismatch,
}

/// <summary>A failed fetch, with the words that say what failed; the fetcher turns it into a located diagnostic.</summary>
public sealed class FetchFailure(FetchFailureKind kind, string message) : Exception(message)
{
    public FetchFailureKind Kind { get; } = kind;

    public DiagnosticCode Code => Kind switch
    {
        FetchFailureKind.Unreachable => DiagnosticCodes.ChartSourceUnreachable,
        FetchFailureKind.Denied => DiagnosticCodes.ChartSourceDenied,
        FetchFailureKind.NotFound => DiagnosticCodes.ChartVersionNotInSource,
        FetchFailureKind.DigestMismatch => DiagnosticCodes.ChartDigestMismatch,
        _ => DiagnosticCodes.ChartFetchRefused,
    };
}
