
namespace ManifestGen.Live;

/// <summary>A live object wanted by <c>verify</c>: what <c>kubectl get</c> must fetch.</summary>
public sealed record LiveRef(string Kind, string? Namespace, string Name)
{
    public override string ToString() => $"{Kind} {(Namespace is null ? "" : Namespace + "/")}{Name}";
}
