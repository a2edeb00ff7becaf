namespace Airlock.Audit;

/// <summary>
/// An audit bundle: one JSON Lines file an auditor can verify offline. In order:
/// <list type="number">
/// <item><c>bundle</c>: origin, export time, the range of records [from_seq, to_seq), the log's size at export, the checkpoint cadence.</item>
/// <item><c>key</c>: every checkpoint-signing key (PEM, fingerprint, lifetime).</item>
/// <item><c>compact_range</c>: when the range does not start at 0, the hashes of the perfect subtrees covering [0, from_seq).</item>
/// <item><c>checkpoint</c>: the signed notes whose tree size falls in the range, oldest first.</item>
/// <item><c>consistency</c>: RFC 9162 consistency proofs between consecutive checkpoint sizes.</item>
/// <item><c>inclusion</c>: inclusion proofs of the first and last record in the last checkpoint.</item>
/// <item><c>record</c>: each record, its leaf hash, and the record itself as the exact bytes that were hashed.</item>
/// </list>
/// Records come last so a verifier streams them once, checking each checkpoint's root as the tree reaches its size.
/// </summary>
public static class AuditBundleFormat
{
    public const string Format = "airlock-audit-bundle/1";
    public const string RecordPrefix = "{\"type\":\"record\",";

    /// <summary>The checkpoint extension line that carries its signing time.</summary>
    public const string TimeExtension = "time ";
}
