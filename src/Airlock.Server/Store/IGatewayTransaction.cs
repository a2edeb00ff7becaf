using Airlock.Server.Auth;

namespace Airlock.Server.Store;

/// <summary>Writes, inside one transaction that also sees its own writes.</summary>
internal interface IGatewayTransaction : IGatewayReader
{
    /// <summary>Stores the value unless the setting exists; returns the value in force.</summary>
    string SettingOrAdd(string name, string value);

    /// <summary>Stores the value, replacing any; returns 1.</summary>
    int SetSetting(string name, string value);

    void AddToken(TokenRecord token);

    bool RevokeToken(string id, DateTimeOffset at, string by);

    void AddDecision(DecisionRecord decision);

    void AddApproval(ApprovalRecord approval);

    /// <summary>Moves a request from <paramref name="from"/> to <paramref name="to"/>; false when it was no longer in <paramref name="from"/>.</summary>
    bool TransitionApproval(string id, ApprovalStatus from, ApprovalStatus to, DateTimeOffset at, string? by, string? reason);

    /// <summary>False when this approver already cast this vote on this request.</summary>
    bool AddVote(VoteRecord vote);

    void AddGrant(GrantRecord grant);

    /// <summary>Marks the grant consumed by a decision; false when it was already consumed.</summary>
    bool ConsumeGrant(string grantId, DateTimeOffset at, string decisionId);

    /// <summary>False when the key exists for this principal.</summary>
    bool AddIdempotency(IdempotencyRecord record);

    /// <summary>Replaces the stored record for the same principal and key.</summary>
    void UpdateIdempotency(IdempotencyRecord record);

    int PurgeIdempotency(DateTimeOffset createdBefore);

    void AddExecution(ExecutionRecord execution);

    /// <summary>Notes the policy in force (its source and content hash); returns the hash noted before, if any.</summary>
    string? NotePolicy(string source, string sha256);

    /// <summary>Appends one record to the audit log; its sequence number must be <see cref="IGatewayReader.AuditSize"/>.</summary>
    void AppendAudit(AuditRow row);

    void AddCheckpoint(CheckpointRow checkpoint);

    void AddAuditKey(AuditKeyRow key);

    /// <summary>False when the key was already retired.</summary>
    bool RetireAuditKey(string fingerprint, DateTimeOffset at);
    /// <summary>The HTTP proxy's tables, in this same transaction.</summary>
    IProxyTables Proxy { get; }
}
