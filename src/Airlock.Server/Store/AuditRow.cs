namespace Airlock.Server.Store;

/// <summary>
/// One record of the audit log as stored: the exact bytes that were hashed into the Merkle tree (never
/// re-serialized), their leaf hash, and copies of a few fields so records can be found without parsing.
/// </summary>
internal sealed record AuditRow
{
    /// <summary>The record's position in the log: its leaf index, from 0, without gaps.</summary>
    public required long Seq { get; init; }

    public required DateTimeOffset At { get; init; }
    public required string Type { get; init; }

    /// <summary>The id the record is about: a decision, approval or token id; links are looked up by type and this.</summary>
    public string? Reference { get; init; }

    public string? Tenant { get; init; }
    public string? Agent { get; init; }
    public string? Session { get; init; }
    public string? Outcome { get; init; }
    public string? ReasonCode { get; init; }
    public required byte[] Bytes { get; init; }
    public required byte[] LeafHash { get; init; }
}
