namespace ManifestGen.Import;

/// <summary>The patch types of <c>kubectl patch --type</c>.</summary>
public enum PatchType { Json, Merge, Strategic }
