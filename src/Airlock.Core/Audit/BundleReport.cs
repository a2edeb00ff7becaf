namespace Airlock.Audit;

/// <summary>The result of verifying a bundle: counts, the checkpoints and keys it relied on, and every finding.</summary>
public sealed class BundleReport
{
    public BundleHeader? Header { get; set; }

    /// <summary>The records the bundle says it holds (to_seq − from_seq).</summary>
    public long RecordsExpected { get; set; }

    public long RecordsRead { get; set; }

    /// <summary>Records that are well-formed, in place, not flagged, and covered by a checkpoint whose signature and root hold.</summary>
    public long RecordsValid { get; set; }

    public int CheckpointsVerified { get; set; }
    public int CheckpointsTotal { get; set; }
    public int ProofsVerified { get; set; }

    /// <summary>Size, signing time and key fingerprint of the newest checkpoint that verified.</summary>
    public (long Size, DateTimeOffset? At, string Fingerprint)? LastCheckpoint { get; set; }

    /// <summary>The fingerprints trusted, and why: "pinned", "bundle" (no --public-key given) or "endorsed" (introduced by a trusted key).</summary>
    public List<(string Fingerprint, string Trust)> Keys { get; } = [];

    public List<BundleFinding> Findings { get; } = [];

    public bool Ok => Findings.Count == 0 && Header is not null;

    public void Add(string kind, string message, long? seq = null) => Findings.Add(new BundleFinding(kind, message, seq));
}
