using System.Text.Json;
using Airlock.Audit;
using Airlock.Configuration;
using Airlock.Policy;
using Airlock.Redaction;
using Airlock.Server.Store;

namespace Airlock.Server.Audit;

/// <summary>
/// A write transaction that appends an audit record for every state change it makes, in the same
/// transaction: the record commits (and is fsynced) together with the change, before the caller can act
/// on it, and no write path can skip it. Records link to the earlier records they depend on by sequence
/// number, so an offline verifier can find a consumed grant without its approval.
/// </summary>
internal sealed class AuditedTransaction(IGatewayTransaction inner, TimeProvider time) : IGatewayTransaction
{
    private long? _nextSeq;
    private AuditedProxyTables? _proxy;

    public void AddDecision(DecisionRecord d)
    {
        inner.AddDecision(d);
        var links = new List<(string, long)>();
        Link(links, "approval", "approval.requested", d.ApprovalId);
        if (d.ReasonCode == ReasonCodes.ApprovalGranted)
        {
            Link(links, "grant", "grant.consumed", d.ApprovalId);
        }

        Append(new AuditEntry("decision", d.At)
        {
            Reference = d.Id,
            Tenant = d.Tenant,
            Workspace = d.Workspace,
            Agent = d.Agent,
            Session = d.Session,
            Client = d.Client,
            Outcome = d.Outcome,
            ReasonCode = d.ReasonCode,
            Redactions = d.Redactions,
            Links = links,
            Fields = json =>
            {
                json.WriteString("decision_id", d.Id);
                json.WriteString("tool", d.Tool);
                AuditRecordJson.Embedded(json, "input", d.Input);
                AuditRecordJson.Optional(json, "cwd", d.Cwd);
                json.WriteString("outcome", d.Outcome);
                json.WriteString("reason_code", d.ReasonCode);
                json.WriteString("rule", d.Rule);
                AuditRecordJson.Embedded(json, "operations", d.Operations);
                AuditRecordJson.Optional(json, "approval_id", d.ApprovalId);
            },
        });
    }

    public void AddApproval(ApprovalRecord a)
    {
        inner.AddApproval(a);
        Append(Subject(new AuditEntry("approval.requested", a.CreatedAt), a) with
        {
            ReasonCode = a.ReasonCode,
            Fields = json =>
            {
                json.WriteString("approval_id", a.Id);
                json.WriteString("decision_id", a.DecisionId);
                json.WriteString("tool", a.Tool);
                json.WriteString("environment", a.Environment);
                json.WriteString("rule", a.Rule);
                json.WriteString("summary", a.Summary);
                json.WriteNumber("approvals_required", a.ApprovalsRequired);
                json.WriteBoolean("typed_confirmation", a.ConfirmText is not null);
                json.WriteNumber("cooling_off_ms", (long)a.CoolingOff.TotalMilliseconds);
                json.WriteNumber("grant_ttl_ms", (long)a.GrantTtl.TotalMilliseconds);
                AuditRecordJson.Time(json, "expires_at", a.ExpiresAt);
            },
        });
    }

    public bool TransitionApproval(string id, ApprovalStatus from, ApprovalStatus to, DateTimeOffset at, string? by, string? reason)
    {
        if (!inner.TransitionApproval(id, from, to, at, by, reason))
        {
            return false;
        }

        var approval = inner.Approval(id)!;
        var (text, notes) = Redacted(reason, "$.reason");
        Append(Subject(new AuditEntry("approval." + EnumNames.Of(to), at), approval) with
        {
            Actor = by,
            Redactions = notes,
            Links = Links("approval", "approval.requested", id),
            Fields = json =>
            {
                json.WriteString("approval_id", id);
                json.WriteString("from", EnumNames.Of(from));
                json.WriteString("to", EnumNames.Of(to));
                AuditRecordJson.Optional(json, "reason", text);
            },
        });
        return true;
    }

    public bool AddVote(VoteRecord vote)
    {
        if (!inner.AddVote(vote))
        {
            return false;
        }

        var (text, notes) = Redacted(vote.Reason, "$.reason");
        Append(Subject(new AuditEntry("approval.voted", vote.At), inner.Approval(vote.ApprovalId)) with
        {
            Actor = vote.Approver,
            Redactions = notes,
            Links = Links("approval", "approval.requested", vote.ApprovalId),
            Fields = json =>
            {
                json.WriteString("approval_id", vote.ApprovalId);
                json.WriteString("vote", vote.Vote);
                json.WriteString("token_id", vote.TokenId);
                AuditRecordJson.Optional(json, "reason", text);
            },
        });
        return true;
    }

    public void AddGrant(GrantRecord grant)
    {
        inner.AddGrant(grant);
        Append(Subject(new AuditEntry("grant.issued", time.GetUtcNow()), inner.Approval(grant.ApprovalId)) with
        {
            Reference = grant.ApprovalId,
            Links = Links("approval", "approval.approved", grant.ApprovalId),
            Fields = json =>
            {
                json.WriteString("grant_id", grant.Id);
                json.WriteString("approval_id", grant.ApprovalId);
                AuditRecordJson.Time(json, "usable_at", grant.UsableAt);
                AuditRecordJson.Time(json, "expires_at", grant.ExpiresAt);
            },
        });
    }

    public bool ConsumeGrant(string grantId, DateTimeOffset at, string decisionId)
    {
        if (!inner.ConsumeGrant(grantId, at, decisionId))
        {
            return false;
        }

        var grant = inner.Grant(grantId)!;
        Append(Subject(new AuditEntry("grant.consumed", at), inner.Approval(grant.ApprovalId)) with
        {
            Reference = grant.ApprovalId,
            Links = Links("grant", "grant.issued", grant.ApprovalId),
            Fields = json =>
            {
                json.WriteString("grant_id", grantId);
                json.WriteString("approval_id", grant.ApprovalId);
                json.WriteString("decision_id", decisionId);
            },
        });
        return true;
    }

    public void AddToken(TokenRecord token)
    {
        inner.AddToken(token);
        Append(new AuditEntry("token.created", token.CreatedAt)
        {
            Reference = token.Id,
            Tenant = token.Tenant,
            Workspace = token.Workspace,
            Actor = token.CreatedBy ?? "airlock serve",
            Fields = json =>
            {
                json.WriteString("token_id", token.Id);
                json.WriteString("name", token.Name);
                json.WriteString("role", EnumNames.Of(token.Role));
                json.WriteStartArray("scope");
                foreach (var entry in token.Scope)
                {
                    json.WriteStringValue(entry);
                }

                json.WriteEndArray();
                AuditRecordJson.Time(json, "expires_at", token.ExpiresAt);
            },
        });
    }

    public bool RevokeToken(string id, DateTimeOffset at, string by)
    {
        if (!inner.RevokeToken(id, at, by))
        {
            return false;
        }

        Append(new AuditEntry("token.revoked", at) { Reference = id, Actor = by, Fields = json => json.WriteString("token_id", id) });
        return true;
    }

    public void AddExecution(ExecutionRecord e)
    {
        inner.AddExecution(e);
        var decision = inner.Decision(e.DecisionId);
        Append(new AuditEntry("execution", e.At)
        {
            Reference = e.DecisionId,
            Tenant = decision?.Tenant,
            Workspace = decision?.Workspace,
            Agent = decision?.Agent,
            Session = decision?.Session,
            Client = decision?.Client,
            Actor = e.ReportedBy,
            Outcome = e.Status,
            Redactions = e.Redactions,
            Links = Links("decision", "decision", e.DecisionId),
            Fields = json =>
            {
                json.WriteString("decision_id", e.DecisionId);
                json.WriteString("status", e.Status);
                AuditRecordJson.Optional(json, "kind", e.Kind);
                AuditRecordJson.Optional(json, "target", e.Target);
                AuditRecordJson.Optional(json, "exit_code", e.ExitCode);
                AuditRecordJson.Optional(json, "http_status", e.HttpStatus);
                AuditRecordJson.Optional(json, "duration_ms", e.DurationMs);
                AuditRecordJson.Optional(json, "detail", e.Detail);
            },
        });
    }

    public string? NotePolicy(string source, string sha256)
    {
        var previous = inner.NotePolicy(source, sha256);
        Append(new AuditEntry("policy.loaded", time.GetUtcNow())
        {
            Reference = sha256,
            Actor = "airlock serve",
            Fields = json =>
            {
                json.WriteString("source", SecretRedactor.Redact(source).Text);
                json.WriteString("sha256", sha256);
                AuditRecordJson.Optional(json, "previous_sha256", previous);
                json.WriteBoolean("changed", previous is not null && previous != sha256);
            },
        });
        return previous;
    }

    public void AddAuditKey(AuditKeyRow key)
    {
        inner.AddAuditKey(key);
        Append(new AuditEntry("key.added", key.CreatedAt)
        {
            Reference = key.Fingerprint,
            Actor = key.Endorsement is null ? "airlock serve" : "airlock keys rotate",
            Fields = json =>
            {
                json.WriteString("fingerprint", key.Fingerprint);
                json.WriteString("name", key.Name);
                json.WriteString("public_key", key.PublicKeyPem);
                AuditRecordJson.Optional(json, "endorsement", key.Endorsement);
            },
        });
    }

    public bool RetireAuditKey(string fingerprint, DateTimeOffset at)
    {
        if (!inner.RetireAuditKey(fingerprint, at))
        {
            return false;
        }

        Append(new AuditEntry("key.retired", at) { Reference = fingerprint, Actor = "airlock keys rotate", Fields = json => json.WriteString("fingerprint", fingerprint) });
        return true;
    }

    // Writes that are not events pass straight through.
    public string SettingOrAdd(string name, string value) => inner.SettingOrAdd(name, value);

    public int SetSetting(string name, string value) => inner.SetSetting(name, value);

    public bool AddIdempotency(IdempotencyRecord record) => inner.AddIdempotency(record);

    public void UpdateIdempotency(IdempotencyRecord record) => inner.UpdateIdempotency(record);

    public int PurgeIdempotency(DateTimeOffset createdBefore) => inner.PurgeIdempotency(createdBefore);

    public void AddCheckpoint(CheckpointRow checkpoint) => inner.AddCheckpoint(checkpoint);

    /// <summary>Credential changes are events (<see cref="AuditedProxyTables"/>); the proxy's executions go through <see cref="AddExecution"/>.</summary>
    public IProxyTables Proxy => _proxy ??= new AuditedProxyTables(inner.Proxy, Append);

    public void AppendAudit(AuditRow row) => throw new InvalidOperationException("Audit records are appended by the audited transaction itself.");

    // Reads.
    public string? Setting(string name) => inner.Setting(name);

    public TokenRecord? TokenByHash(string hash) => inner.TokenByHash(hash);

    public IReadOnlyList<TokenRecord> Tokens() => inner.Tokens();

    public int TokenCount() => inner.TokenCount();

    public ApprovalRecord? Approval(string id) => inner.Approval(id);

    public IReadOnlyList<ApprovalRecord> Approvals(ApprovalStatus? status, int limit) => inner.Approvals(status, limit);

    public IReadOnlyList<ApprovalRecord> OpenApprovals(string fingerprint) => inner.OpenApprovals(fingerprint);

    public ApprovalRecord? RecentRejection(string fingerprint, DateTimeOffset since) => inner.RecentRejection(fingerprint, since);

    public IReadOnlyList<string> ExpiredApprovalIds(DateTimeOffset now, int limit) => inner.ExpiredApprovalIds(now, limit);

    public IReadOnlyList<VoteRecord> Votes(string approvalId) => inner.Votes(approvalId);

    public GrantRecord? GrantForApproval(string approvalId) => inner.GrantForApproval(approvalId);

    public IdempotencyRecord? Idempotency(string principal, string key) => inner.Idempotency(principal, key);

    public DecisionRecord? Decision(string id) => inner.Decision(id);

    public GrantRecord? Grant(string id) => inner.Grant(id);

    public long AuditSize() => inner.AuditSize();

    public IReadOnlyList<byte[]> AuditLeafHashes(long fromSeq, long toSeq) => inner.AuditLeafHashes(fromSeq, toSeq);

    public IReadOnlyList<AuditRow> AuditRecords(AuditQuery query) => inner.AuditRecords(query);

    public long? AuditSeq(string type, string reference) => inner.AuditSeq(type, reference);

    public CheckpointRow? LatestCheckpoint() => inner.LatestCheckpoint();

    public IReadOnlyList<CheckpointRow> Checkpoints(long minSize, long maxSize) => inner.Checkpoints(minSize, maxSize);

    public IReadOnlyList<AuditKeyRow> AuditKeys() => inner.AuditKeys();

    private void Append(AuditEntry entry)
    {
        // The sequence number is read inside the write transaction, which holds the database's write lock,
        // so two gateway processes sharing one database cannot take the same number.
        var seq = _nextSeq ??= inner.AuditSize();
        var bytes = AuditRecordJson.Build(seq, entry);
        inner.AppendAudit(new AuditRow
        {
            Seq = seq,
            At = entry.At,
            Type = entry.Type,
            Reference = entry.Reference,
            Tenant = entry.Tenant,
            Agent = entry.Agent,
            Session = entry.Session,
            Outcome = entry.Outcome,
            ReasonCode = entry.ReasonCode,
            Bytes = bytes,
            LeafHash = MerkleHash.Leaf(bytes),
        });
        _nextSeq = seq + 1;
    }

    private static AuditEntry Subject(AuditEntry entry, ApprovalRecord? approval) => approval is null ? entry : entry with
    {
        Reference = approval.Id,
        Tenant = approval.Tenant,
        Workspace = approval.Workspace,
        Agent = approval.Agent,
        Session = approval.Session,
        Client = approval.Client,
    };

    private List<(string, long)> Links(string name, string type, string reference)
    {
        var links = new List<(string, long)>(1);
        Link(links, name, type, reference);
        return links;
    }

    private void Link(List<(string, long)> links, string name, string type, string? reference)
    {
        if (reference is not null && inner.AuditSeq(type, reference) is { } seq)
        {
            links.Add((name, seq));
        }
    }

    private static (string? Text, IReadOnlyList<RedactionNote> Notes) Redacted(string? text, string path)
    {
        if (text is null)
        {
            return (null, []);
        }

        var redacted = SecretRedactor.Redact(text);
        return (redacted.Text, redacted.Kinds.Distinct().Select(kind => new RedactionNote(path, kind)).ToList());
    }
}
