namespace Airlock.Server.Store.Sqlite;

/// <summary>
/// The gateway's tables. Plain SQL types and statements that PostgreSQL reads the same way; times are
/// Unix milliseconds (BIGINT there), durations milliseconds, structured values JSON text.
/// </summary>
internal static class SqliteSchema
{
    public const int Version = 2;

    public const string Create = """
        CREATE TABLE IF NOT EXISTS settings (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS tokens (
            id TEXT PRIMARY KEY,
            hash TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            role TEXT NOT NULL,
            tenant TEXT NOT NULL,
            workspace TEXT NOT NULL,
            scope TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            expires_at BIGINT,
            revoked_at BIGINT);
        CREATE TABLE IF NOT EXISTS decisions (
            id TEXT PRIMARY KEY,
            at BIGINT NOT NULL,
            tenant TEXT NOT NULL,
            workspace TEXT NOT NULL,
            agent TEXT NOT NULL,
            session TEXT,
            client TEXT,
            tool TEXT NOT NULL,
            input TEXT NOT NULL,
            cwd TEXT,
            outcome TEXT NOT NULL,
            reason_code TEXT NOT NULL,
            rule TEXT NOT NULL,
            operations TEXT NOT NULL,
            approval_id TEXT);
        CREATE TABLE IF NOT EXISTS approvals (
            id TEXT PRIMARY KEY,
            fingerprint TEXT NOT NULL,
            status TEXT NOT NULL,
            tenant TEXT NOT NULL,
            workspace TEXT NOT NULL,
            agent TEXT NOT NULL,
            session TEXT,
            client TEXT,
            tool TEXT NOT NULL,
            input TEXT NOT NULL,
            cwd TEXT,
            decision_id TEXT NOT NULL,
            environment TEXT NOT NULL,
            reason_code TEXT NOT NULL,
            rule TEXT NOT NULL,
            summary TEXT NOT NULL,
            operations TEXT NOT NULL,
            approvals_required INTEGER NOT NULL,
            confirm_text TEXT,
            cooling_off_ms BIGINT NOT NULL,
            grant_ttl_ms BIGINT NOT NULL,
            created_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL,
            resolved_at BIGINT,
            resolved_by TEXT,
            resolution_reason TEXT);
        CREATE INDEX IF NOT EXISTS approvals_by_fingerprint ON approvals (fingerprint, status);
        CREATE INDEX IF NOT EXISTS approvals_by_status ON approvals (status, created_at);
        CREATE TABLE IF NOT EXISTS approval_votes (
            approval_id TEXT NOT NULL,
            approver TEXT NOT NULL,
            token_id TEXT NOT NULL,
            vote TEXT NOT NULL,
            reason TEXT,
            at BIGINT NOT NULL,
            PRIMARY KEY (approval_id, approver, vote));
        CREATE TABLE IF NOT EXISTS grants (
            id TEXT PRIMARY KEY,
            approval_id TEXT NOT NULL UNIQUE,
            fingerprint TEXT NOT NULL,
            usable_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL,
            consumed_at BIGINT,
            consumed_by TEXT);
        CREATE INDEX IF NOT EXISTS grants_by_fingerprint ON grants (fingerprint);
        CREATE TABLE IF NOT EXISTS idempotency_keys (
            principal TEXT NOT NULL,
            key TEXT NOT NULL,
            request_hash TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            response TEXT,
            status_code INTEGER NOT NULL,
            PRIMARY KEY (principal, key));
        CREATE TABLE IF NOT EXISTS executions (
            decision_id TEXT NOT NULL,
            at BIGINT NOT NULL,
            status TEXT NOT NULL,
            kind TEXT,
            target TEXT,
            exit_code INTEGER,
            http_status INTEGER,
            duration_ms BIGINT,
            detail TEXT,
            reported_by TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS executions_by_decision ON executions (decision_id);
        CREATE TABLE IF NOT EXISTS audit_records (
            seq BIGINT PRIMARY KEY,
            at BIGINT NOT NULL,
            type TEXT NOT NULL,
            reference TEXT,
            tenant TEXT,
            agent TEXT,
            session TEXT,
            outcome TEXT,
            reason_code TEXT,
            record BLOB NOT NULL,
            leaf_hash BLOB NOT NULL);
        CREATE INDEX IF NOT EXISTS audit_by_reference ON audit_records (reference, type);
        CREATE INDEX IF NOT EXISTS audit_by_session ON audit_records (session);
        CREATE TABLE IF NOT EXISTS audit_checkpoints (
            size BIGINT NOT NULL,
            at BIGINT NOT NULL,
            key_fingerprint TEXT NOT NULL,
            note TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS audit_checkpoints_by_size ON audit_checkpoints (size, at);
        CREATE TABLE IF NOT EXISTS audit_keys (
            fingerprint TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            public_key TEXT NOT NULL,
            private_key_file TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            retired_at BIGINT);
        """;
}
