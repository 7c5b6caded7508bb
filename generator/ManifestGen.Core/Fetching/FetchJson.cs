using System.Text.Json.Serialization;

namespace ManifestGen.Fetching;

/// <summary>The JSON the cache writes (a tag list), with source-generated serialization: the native build has no reflection.</summary>
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class FetchJson : JsonSerializerContext;
