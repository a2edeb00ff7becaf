namespace Airlock.Audit;

/// <summary>One thing that does not hold in a bundle. <see cref="Kind"/> is a stable code (see <see cref="FindingKinds"/>).</summary>
public sealed record BundleFinding(string Kind, string Message, long? Seq = null);

/// <summary>The finding codes <c>airlock audit verify</c> reports.</summary>
public static class FindingKinds
{
    public const string BundleMalformed = "bundle_malformed";
    public const string RecordMalformed = "record_malformed";
    public const string RecordModified = "record_modified";
    public const string RecordMissing = "record_missing";
    public const string RecordDuplicated = "record_duplicated";
    public const string RecordReordered = "record_reordered";
    public const string RecordUncovered = "record_uncovered";
    public const string TreeMismatch = "tree_mismatch";
    public const string ProofInvalid = "proof_invalid";
    public const string SignatureInvalid = "signature_invalid";
    public const string UnknownKey = "unknown_key";
    public const string CheckpointStale = "checkpoint_stale";
    public const string CheckpointRollback = "checkpoint_rollback";
    public const string LinkBroken = "link_broken";
    public const string SiemMissing = "siem_missing";
    public const string SiemExtra = "siem_extra";
    public const string SiemAltered = "siem_altered";
    public const string SiemMalformed = "siem_malformed";
}
