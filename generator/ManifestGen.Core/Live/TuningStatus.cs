namespace ManifestGen.Live;

/// <summary>Whether what the spec asks for is what runs.</summary>
public enum TuningStatus { InEffect, NotInEffect, Unknown }
