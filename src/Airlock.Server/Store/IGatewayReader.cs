namespace Airlock.Server.Store;

/// <summary>Reads of the gateway's state.</summary>
internal interface IGatewayReader
{
    string? Setting(string name);

    TokenRecord? TokenByHash(string hash);

    IReadOnlyList<TokenRecord> Tokens();

    int TokenCount();

    ApprovalRecord? Approval(string id);

    /// <summary>Newest first; all statuses when <paramref name="status"/> is null.</summary>
    IReadOnlyList<ApprovalRecord> Approvals(ApprovalStatus? status, int limit);

    /// <summary>Requests with this fingerprint that are still pending or approved, newest first.</summary>
    IReadOnlyList<ApprovalRecord> OpenApprovals(string fingerprint);

    /// <summary>The newest rejected request with this fingerprint created after <paramref name="since"/>.</summary>
    ApprovalRecord? RecentRejection(string fingerprint, DateTimeOffset since);

    /// <summary>Pending requests past their expiry, and approved ones whose grant expired unused.</summary>
    IReadOnlyList<string> ExpiredApprovalIds(DateTimeOffset now, int limit);

    IReadOnlyList<VoteRecord> Votes(string approvalId);

    GrantRecord? GrantForApproval(string approvalId);

    IdempotencyRecord? Idempotency(string principal, string key);

    DecisionRecord? Decision(string id);

    GrantRecord? Grant(string id);

    /// <summary>The number of records in the audit log, which is also the next sequence number.</summary>
    long AuditSize();

    /// <summary>The leaf hashes of records [<paramref name="fromSeq"/>, <paramref name="toSeq"/>), in order.</summary>
    IReadOnlyList<byte[]> AuditLeafHashes(long fromSeq, long toSeq);

    IReadOnlyList<AuditRow> AuditRecords(AuditQuery query);

    /// <summary>The sequence number of the newest record of this type about this id.</summary>
    long? AuditSeq(string type, string reference);

    CheckpointRow? LatestCheckpoint();

    /// <summary>Checkpoints whose tree size is in [<paramref name="minSize"/>, <paramref name="maxSize"/>], oldest first.</summary>
    IReadOnlyList<CheckpointRow> Checkpoints(long minSize, long maxSize);

    /// <summary>Every checkpoint-signing key, oldest first.</summary>
    IReadOnlyList<AuditKeyRow> AuditKeys();
}
