namespace Airlock.Server.Store.Sqlite;

/// <summary>
/// The proxy's tables, added to an existing database on start (<c>CREATE … IF NOT EXISTS</c>: an
/// additive migration). Same conventions as <see cref="SqliteSchema"/>.
/// </summary>
internal static class SqliteProxySchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS proxy_credentials (
            route TEXT PRIMARY KEY,
            secret BLOB NOT NULL,
            updated_at BIGINT NOT NULL,
            updated_by TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS proxy_responses (
            principal TEXT NOT NULL,
            route TEXT NOT NULL,
            key TEXT NOT NULL,
            request_hash TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            state TEXT NOT NULL,
            status_code INTEGER NOT NULL,
            response BLOB,
            PRIMARY KEY (principal, route, key));
        CREATE INDEX IF NOT EXISTS proxy_responses_by_age ON proxy_responses (created_at);
        """;
}
