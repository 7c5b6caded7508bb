namespace ManifestGen.Diagnostics;

/// <summary>
/// Every diagnostic code the tool emits, in one place so codes stay stable and unique.
/// MG1xxx: YAML parsing and editing (see ManifestGen.Yaml). MG2xxx: the spec. MG3xxx: target files.
/// MG4xxx: what generate did or left alone. MG9xxx: internal errors.
/// </summary>
public static class DiagnosticCodes
{
    public const string SpecUnknownKey = "MG2001";
    public const string SpecWrongType = "MG2002";
    public const string SpecMissingKey = "MG2003";
    public const string SpecBadDuration = "MG2004";
    public const string SpecBadQuantity = "MG2005";
    public const string SpecBadHeader = "MG2006";
    public const string SpecPathOutsideRoot = "MG2007";
    public const string SpecBadValue = "MG2008";
    public const string SpecMissing = "MG2010";
    public const string SpecDuplicate = "MG2011";
    public const string SpecAlias = "MG2012";

    public const string TargetMissing = "MG3001";
    public const string TargetWrongKind = "MG3002";
    public const string TargetUnreadable = "MG3003";
    public const string TargetNotOwned = "MG3004";
    public const string ContainerNotFound = "MG3005";
    public const string NotReferenced = "MG3006";
    public const string ValuesNotEditable = "MG3007";
    public const string OrchestratorBuildUnknown = "MG3008";

    public const string DeadCiliumKeyRemoved = "MG4001";
    public const string PrunedValue = "MG4002";
    public const string PruneSkipped = "MG4003";
    public const string PrunedPostRenderer = "MG4004";
    public const string PrunedFile = "MG4005";
    public const string FixtureSkipped = "MG4006";
    public const string StaleTempFileRemoved = "MG4007";

    /// <summary>MG5xxx: import (runbooks of kubectl patch commands) and init (adopting a repository).</summary>
    public const string RunbookPatchUnreadable = "MG5001";
    public const string RunbookPatchNotExpressible = "MG5002";
    public const string RunbookCommentNamesOtherContainer = "MG5003";
    public const string RunbookPatchSkipped = "MG5004";
    public const string ImportSuggestion = "MG5005";
    public const string InitAmbiguous = "MG5006";

    public const string Internal = "MG9001";
    public const string WriteFailed = "MG9002";
    public const string LockFailed = "MG9003";
}
