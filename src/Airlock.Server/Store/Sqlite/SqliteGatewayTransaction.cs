using System.Globalization;
using System.Text.Json;
using Airlock.Configuration;
using Airlock.Server.Auth;
using Microsoft.Data.Sqlite;

namespace Airlock.Server.Store.Sqlite;

/// <summary>Reads and writes of the gateway's tables inside one SQLite transaction.</summary>
internal sealed class SqliteGatewayTransaction(SqliteConnection connection, SqliteTransaction transaction, SqliteStatementCache? statements = null)
    : SqliteStatements(connection, transaction, statements), IGatewayTransaction
{
    private const string ApprovalColumns = "id, fingerprint, status, tenant, workspace, agent, session, client, tool, input, cwd, decision_id, environment, reason_code, rule, summary, operations, approvals_required, confirm_text, cooling_off_ms, grant_ttl_ms, created_at, expires_at, resolved_at, resolved_by, resolution_reason";
    private const string TokenColumns = "id, hash, name, role, tenant, workspace, scope, created_at, expires_at, revoked_at";
    private const string GrantColumns = "id, approval_id, fingerprint, usable_at, expires_at, consumed_at, consumed_by";

    public string? Setting(string name) => Scalar<string>("SELECT value FROM settings WHERE name = $name", ("$name", name));

    public string SettingOrAdd(string name, string value)
    {
        Execute("INSERT INTO settings (name, value) VALUES ($name, $value) ON CONFLICT (name) DO NOTHING", ("$name", name), ("$value", value));
        return Setting(name)!;
    }

    public int SetSetting(string name, string value) =>
        Execute("INSERT INTO settings (name, value) VALUES ($name, $value) ON CONFLICT (name) DO UPDATE SET value = $value", ("$name", name), ("$value", value));

    public TokenRecord? TokenByHash(string hash) => Query($"SELECT {TokenColumns} FROM tokens WHERE hash = $hash", ReadToken, ("$hash", hash)).FirstOrDefault();

    public IReadOnlyList<TokenRecord> Tokens() => Query($"SELECT {TokenColumns} FROM tokens ORDER BY created_at", ReadToken);

    public int TokenCount() => (int)Scalar<long>("SELECT count(*) FROM tokens");

    public void AddToken(TokenRecord token) => Execute(
        $"INSERT INTO tokens ({TokenColumns}) VALUES ($id, $hash, $name, $role, $tenant, $workspace, $scope, $created, $expires, NULL)",
        ("$id", token.Id), ("$hash", token.Hash), ("$name", token.Name), ("$role", EnumNames.Of(token.Role)), ("$tenant", token.Tenant),
        ("$workspace", token.Workspace), ("$scope", JsonSerializer.Serialize(token.Scope, StoreJsonContext.Default.IReadOnlyListString)),
        ("$created", Ms(token.CreatedAt)), ("$expires", Ms(token.ExpiresAt)));

    public bool RevokeToken(string id, DateTimeOffset at, string by) =>
        Execute("UPDATE tokens SET revoked_at = $at WHERE id = $id AND revoked_at IS NULL", ("$id", id), ("$at", Ms(at))) == 1;

    public void AddDecision(DecisionRecord decision)
    {
        Execute(
            "INSERT INTO decisions (id, at, tenant, workspace, agent, session, client, tool, input, cwd, outcome, reason_code, rule, operations, approval_id) "
            + "VALUES ($id, $at, $tenant, $workspace, $agent, $session, $client, $tool, $input, $cwd, $outcome, $reason, $rule, $operations, $approval)",
            ("$id", decision.Id), ("$at", Ms(decision.At)), ("$tenant", decision.Tenant), ("$workspace", decision.Workspace), ("$agent", decision.Agent),
            ("$session", decision.Session), ("$client", decision.Client), ("$tool", decision.Tool), ("$input", decision.Input), ("$cwd", decision.Cwd),
            ("$outcome", decision.Outcome), ("$reason", decision.ReasonCode), ("$rule", decision.Rule), ("$operations", decision.Operations), ("$approval", decision.ApprovalId));
        if (decision.Idempotency is { } idempotency)
        {
            UpdateIdempotency(idempotency);
        }
    }

    public ApprovalRecord? Approval(string id) => Query($"SELECT {ApprovalColumns} FROM approvals WHERE id = $id", ReadApproval, ("$id", id)).FirstOrDefault();

    public IReadOnlyList<ApprovalRecord> Approvals(ApprovalStatus? status, int limit) => status is null
        ? Query($"SELECT {ApprovalColumns} FROM approvals ORDER BY created_at DESC, id DESC LIMIT $limit", ReadApproval, ("$limit", limit))
        : Query($"SELECT {ApprovalColumns} FROM approvals WHERE status = $status ORDER BY created_at DESC, id DESC LIMIT $limit", ReadApproval, ("$status", EnumNames.Of(status.Value)), ("$limit", limit));

    public IReadOnlyList<ApprovalRecord> OpenApprovals(string fingerprint) => Query(
        $"SELECT {ApprovalColumns} FROM approvals WHERE fingerprint = $fingerprint AND status IN ('pending', 'approved') ORDER BY created_at DESC, id DESC",
        ReadApproval, ("$fingerprint", fingerprint));

    public ApprovalRecord? RecentRejection(string fingerprint, DateTimeOffset since) => Query(
        $"SELECT {ApprovalColumns} FROM approvals WHERE fingerprint = $fingerprint AND status = 'rejected' AND created_at >= $since ORDER BY created_at DESC, id DESC LIMIT 1",
        ReadApproval, ("$fingerprint", fingerprint), ("$since", Ms(since))).FirstOrDefault();

    public IReadOnlyList<string> ExpiredApprovalIds(DateTimeOffset now, int limit) => Query(
        "SELECT id FROM approvals WHERE status = 'pending' AND expires_at <= $now "
        + "UNION SELECT a.id FROM approvals a JOIN grants g ON g.approval_id = a.id WHERE a.status = 'approved' AND g.consumed_at IS NULL AND g.expires_at <= $now LIMIT $limit",
        r => r.GetString(0), ("$now", Ms(now)), ("$limit", limit));

    public void AddApproval(ApprovalRecord a) => Execute(
        $"INSERT INTO approvals ({ApprovalColumns}) VALUES ($id, $fingerprint, $status, $tenant, $workspace, $agent, $session, $client, $tool, $input, $cwd, $decision, $environment, $reason, $rule, $summary, $operations, $required, $confirm, $cooling, $grantTtl, $created, $expires, NULL, NULL, NULL)",
        ("$id", a.Id), ("$fingerprint", a.Fingerprint), ("$status", EnumNames.Of(a.Status)), ("$tenant", a.Tenant), ("$workspace", a.Workspace), ("$agent", a.Agent),
        ("$session", a.Session), ("$client", a.Client), ("$tool", a.Tool), ("$input", a.Input), ("$cwd", a.Cwd), ("$decision", a.DecisionId), ("$environment", a.Environment),
        ("$reason", a.ReasonCode), ("$rule", a.Rule), ("$summary", a.Summary), ("$operations", a.Operations), ("$required", a.ApprovalsRequired), ("$confirm", a.ConfirmText),
        ("$cooling", (long)a.CoolingOff.TotalMilliseconds), ("$grantTtl", (long)a.GrantTtl.TotalMilliseconds), ("$created", Ms(a.CreatedAt)), ("$expires", Ms(a.ExpiresAt)));

    public bool TransitionApproval(string id, ApprovalStatus from, ApprovalStatus to, DateTimeOffset at, string? by, string? reason) => Execute(
        "UPDATE approvals SET status = $to, resolved_at = $at, resolved_by = COALESCE($by, resolved_by), resolution_reason = COALESCE($reason, resolution_reason) WHERE id = $id AND status = $from",
        ("$id", id), ("$from", EnumNames.Of(from)), ("$to", EnumNames.Of(to)), ("$at", Ms(at)), ("$by", by), ("$reason", reason)) == 1;

    public IReadOnlyList<VoteRecord> Votes(string approvalId) => Query(
        "SELECT approval_id, approver, token_id, vote, reason, at FROM approval_votes WHERE approval_id = $id ORDER BY at, approver",
        r => new VoteRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), Text(r, 4), Time(r, 5)), ("$id", approvalId));

    public bool AddVote(VoteRecord vote) => Execute(
        "INSERT INTO approval_votes (approval_id, approver, token_id, vote, reason, at) VALUES ($id, $approver, $token, $vote, $reason, $at) ON CONFLICT DO NOTHING",
        ("$id", vote.ApprovalId), ("$approver", vote.Approver), ("$token", vote.TokenId), ("$vote", vote.Vote), ("$reason", vote.Reason), ("$at", Ms(vote.At))) == 1;

    public GrantRecord? GrantForApproval(string approvalId) => Query($"SELECT {GrantColumns} FROM grants WHERE approval_id = $id", ReadGrant, ("$id", approvalId)).FirstOrDefault();

    public void AddGrant(GrantRecord grant) => Execute(
        $"INSERT INTO grants ({GrantColumns}) VALUES ($id, $approval, $fingerprint, $usable, $expires, NULL, NULL)",
        ("$id", grant.Id), ("$approval", grant.ApprovalId), ("$fingerprint", grant.Fingerprint), ("$usable", Ms(grant.UsableAt)), ("$expires", Ms(grant.ExpiresAt)));

    public bool ConsumeGrant(string grantId, DateTimeOffset at, string decisionId) => Execute(
        "UPDATE grants SET consumed_at = $at, consumed_by = $decision WHERE id = $id AND consumed_at IS NULL",
        ("$id", grantId), ("$at", Ms(at)), ("$decision", decisionId)) == 1;

    public IdempotencyRecord? Idempotency(string principal, string key) => Query(
        "SELECT principal, key, request_hash, created_at, response, status_code FROM idempotency_keys WHERE principal = $principal AND key = $key",
        r => new IdempotencyRecord { Principal = r.GetString(0), Key = r.GetString(1), RequestHash = r.GetString(2), CreatedAt = Time(r, 3), Response = Text(r, 4), StatusCode = r.GetInt32(5) },
        ("$principal", principal), ("$key", key)).FirstOrDefault();

    public bool AddIdempotency(IdempotencyRecord record) => Execute(
        "INSERT INTO idempotency_keys (principal, key, request_hash, created_at, response, status_code) VALUES ($principal, $key, $hash, $created, $response, $status) ON CONFLICT DO NOTHING",
        IdempotencyParameters(record)) == 1;

    public void UpdateIdempotency(IdempotencyRecord record) => Execute(
        "UPDATE idempotency_keys SET request_hash = $hash, created_at = $created, response = $response, status_code = $status WHERE principal = $principal AND key = $key",
        IdempotencyParameters(record));

    public int PurgeIdempotency(DateTimeOffset createdBefore) => Execute("DELETE FROM idempotency_keys WHERE created_at < $before", ("$before", Ms(createdBefore)));

    public DecisionRecord? Decision(string id) => Query(
        "SELECT id, at, tenant, workspace, agent, session, client, tool, input, cwd, outcome, reason_code, rule, operations, approval_id FROM decisions WHERE id = $id",
        r => new DecisionRecord
        {
            Id = r.GetString(0),
            At = Time(r, 1),
            Tenant = r.GetString(2),
            Workspace = r.GetString(3),
            Agent = r.GetString(4),
            Session = Text(r, 5),
            Client = Text(r, 6),
            Tool = r.GetString(7),
            Input = r.GetString(8),
            Cwd = Text(r, 9),
            Outcome = r.GetString(10),
            ReasonCode = r.GetString(11),
            Rule = r.GetString(12),
            Operations = r.GetString(13),
            ApprovalId = Text(r, 14),
        },
        ("$id", id)).FirstOrDefault();

    public GrantRecord? Grant(string id) => Query($"SELECT {GrantColumns} FROM grants WHERE id = $id", ReadGrant, ("$id", id)).FirstOrDefault();

    public void AddExecution(ExecutionRecord e) => Execute(
        "INSERT INTO executions (decision_id, at, status, kind, target, exit_code, http_status, duration_ms, detail, reported_by) VALUES ($decision, $at, $status, $kind, $target, $exit, $http, $duration, $detail, $by)",
        ("$decision", e.DecisionId), ("$at", Ms(e.At)), ("$status", e.Status), ("$kind", e.Kind), ("$target", e.Target), ("$exit", e.ExitCode), ("$http", e.HttpStatus), ("$duration", e.DurationMs), ("$detail", e.Detail), ("$by", e.ReportedBy));

    public string? NotePolicy(string source, string sha256)
    {
        var previous = Setting("policy_sha256");
        SetSetting("policy_sha256", sha256);
        SetSetting("policy_source", source);
        return previous;
    }

    public long AuditSize() => OptionalLong("SELECT max(seq) FROM audit_records") is { } last ? last + 1 : 0;

    public IReadOnlyList<byte[]> AuditLeafHashes(long fromSeq, long toSeq) => Query(
        "SELECT leaf_hash FROM audit_records WHERE seq >= $from AND seq < $to ORDER BY seq", r => (byte[])r.GetValue(0), ("$from", fromSeq), ("$to", toSeq));

    public IReadOnlyList<AuditRow> AuditRecords(AuditQuery q)
    {
        var sql = new System.Text.StringBuilder("SELECT seq, at, type, reference, tenant, agent, session, outcome, reason_code, record, leaf_hash FROM audit_records WHERE seq >= $from");
        var parameters = new List<(string, object?)> { ("$from", q.FromSeq), ("$limit", q.Limit) };
        void Filter(string column, string name, object? value)
        {
            if (value is not null)
            {
                sql.Append(System.Globalization.CultureInfo.InvariantCulture, $" AND {column} {name}");
                parameters.Add((name.Split(' ')[^1], value));
            }
        }

        Filter("seq", "< $to", q.ToSeq);
        if (q.Tenant is not null)
        {
            sql.Append(" AND (tenant IS NULL OR tenant = $tenant)");
            parameters.Add(("$tenant", q.Tenant));
        }

        Filter("session", "= $session", q.Session);
        Filter("agent", "= $agent", q.Agent);
        Filter("outcome", "= $outcome", q.Outcome);
        Filter("reason_code", "= $reason", q.ReasonCode);
        Filter("type", "= $type", q.Type);
        Filter("at", ">= $since", Ms(q.Since));
        Filter("at", "< $until", Ms(q.Until));
        sql.Append(q.NewestFirst ? " ORDER BY seq DESC LIMIT $limit" : " ORDER BY seq LIMIT $limit");
        return Query(sql.ToString(), r => new AuditRow
        {
            Seq = r.GetInt64(0),
            At = Time(r, 1),
            Type = r.GetString(2),
            Reference = Text(r, 3),
            Tenant = Text(r, 4),
            Agent = Text(r, 5),
            Session = Text(r, 6),
            Outcome = Text(r, 7),
            ReasonCode = Text(r, 8),
            Bytes = (byte[])r.GetValue(9),
            LeafHash = (byte[])r.GetValue(10),
        }, [.. parameters]);
    }

    public long? AuditSeq(string type, string reference) =>
        OptionalLong("SELECT max(seq) FROM audit_records WHERE reference = $reference AND type = $type", ("$reference", reference), ("$type", type));

    public CheckpointRow? LatestCheckpoint() => Query(
        "SELECT size, at, key_fingerprint, note FROM audit_checkpoints ORDER BY size DESC, at DESC LIMIT 1", ReadCheckpoint).FirstOrDefault();

    public IReadOnlyList<CheckpointRow> Checkpoints(long minSize, long maxSize) => Query(
        "SELECT size, at, key_fingerprint, note FROM audit_checkpoints WHERE size >= $min AND size <= $max ORDER BY size, at", ReadCheckpoint, ("$min", minSize), ("$max", maxSize));

    public IReadOnlyList<AuditKeyRow> AuditKeys() => Query(
        "SELECT fingerprint, name, public_key, private_key_file, created_at, retired_at FROM audit_keys ORDER BY created_at, fingerprint",
        r => new AuditKeyRow(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), Time(r, 4), OptionalTime(r, 5)));

    public void AppendAudit(AuditRow row) => Execute(
        "INSERT INTO audit_records (seq, at, type, reference, tenant, agent, session, outcome, reason_code, record, leaf_hash) VALUES ($seq, $at, $type, $reference, $tenant, $agent, $session, $outcome, $reason, $record, $leaf)",
        ("$seq", row.Seq), ("$at", Ms(row.At)), ("$type", row.Type), ("$reference", row.Reference), ("$tenant", row.Tenant), ("$agent", row.Agent),
        ("$session", row.Session), ("$outcome", row.Outcome), ("$reason", row.ReasonCode), ("$record", row.Bytes), ("$leaf", row.LeafHash));

    public void AddCheckpoint(CheckpointRow checkpoint) => Execute(
        "INSERT INTO audit_checkpoints (size, at, key_fingerprint, note) VALUES ($size, $at, $key, $note)",
        ("$size", checkpoint.Size), ("$at", Ms(checkpoint.At)), ("$key", checkpoint.KeyFingerprint), ("$note", checkpoint.Note));

    public void AddAuditKey(AuditKeyRow key) => Execute(
        "INSERT INTO audit_keys (fingerprint, name, public_key, private_key_file, created_at, retired_at) VALUES ($fingerprint, $name, $public, $file, $created, $retired)",
        ("$fingerprint", key.Fingerprint), ("$name", key.Name), ("$public", key.PublicKeyPem), ("$file", key.PrivateKeyFile), ("$created", Ms(key.CreatedAt)), ("$retired", Ms(key.RetiredAt)));

    public bool RetireAuditKey(string fingerprint, DateTimeOffset at) =>
        Execute("UPDATE audit_keys SET retired_at = $at WHERE fingerprint = $fingerprint AND retired_at IS NULL", ("$fingerprint", fingerprint), ("$at", Ms(at))) == 1;

    private static CheckpointRow ReadCheckpoint(SqliteDataReader r) => new(r.GetInt64(0), Time(r, 1), r.GetString(2), r.GetString(3));
    public IProxyTables Proxy => new SqliteProxyTables(Connection, Transaction, Statements);

    private static (string, object?)[] IdempotencyParameters(IdempotencyRecord record) =>
        [("$principal", record.Principal), ("$key", record.Key), ("$hash", record.RequestHash), ("$created", Ms(record.CreatedAt)), ("$response", record.Response), ("$status", record.StatusCode)];

    private static TokenRecord ReadToken(SqliteDataReader r) => new()
    {
        Id = r.GetString(0),
        Hash = r.GetString(1),
        Name = r.GetString(2),
        Role = EnumNames.TryParse<Role>(r.GetString(3), out var role) ? role : throw new InvalidDataException($"unknown role '{r.GetString(3)}'"),
        Tenant = r.GetString(4),
        Workspace = r.GetString(5),
        Scope = JsonSerializer.Deserialize(r.GetString(6), StoreJsonContext.Default.IReadOnlyListString) ?? [],
        CreatedAt = Time(r, 7),
        ExpiresAt = OptionalTime(r, 8),
        RevokedAt = OptionalTime(r, 9),
    };

    private static ApprovalRecord ReadApproval(SqliteDataReader r) => new()
    {
        Id = r.GetString(0),
        Fingerprint = r.GetString(1),
        Status = EnumNames.TryParse<ApprovalStatus>(r.GetString(2), out var status) ? status : throw new InvalidDataException($"unknown status '{r.GetString(2)}'"),
        Tenant = r.GetString(3),
        Workspace = r.GetString(4),
        Agent = r.GetString(5),
        Session = Text(r, 6),
        Client = Text(r, 7),
        Tool = r.GetString(8),
        Input = r.GetString(9),
        Cwd = Text(r, 10),
        DecisionId = r.GetString(11),
        Environment = r.GetString(12),
        ReasonCode = r.GetString(13),
        Rule = r.GetString(14),
        Summary = r.GetString(15),
        Operations = r.GetString(16),
        ApprovalsRequired = r.GetInt32(17),
        ConfirmText = Text(r, 18),
        CoolingOff = TimeSpan.FromMilliseconds(r.GetInt64(19)),
        GrantTtl = TimeSpan.FromMilliseconds(r.GetInt64(20)),
        CreatedAt = Time(r, 21),
        ExpiresAt = Time(r, 22),
        ResolvedAt = OptionalTime(r, 23),
        ResolvedBy = Text(r, 24),
        ResolutionReason = Text(r, 25),
    };

    private static GrantRecord ReadGrant(SqliteDataReader r) => new()
    {
        Id = r.GetString(0),
        ApprovalId = r.GetString(1),
        Fingerprint = r.GetString(2),
        UsableAt = Time(r, 3),
        ExpiresAt = Time(r, 4),
        ConsumedAt = OptionalTime(r, 5),
        ConsumedBy = Text(r, 6),
    };
}
