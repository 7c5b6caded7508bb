namespace ManifestGen.Workspace;

/// <summary>A run's writes failed; every file is back to what it was (or says which could not be).</summary>
public sealed class WriteFailedException(string message, Exception inner) : Exception(message, inner);
