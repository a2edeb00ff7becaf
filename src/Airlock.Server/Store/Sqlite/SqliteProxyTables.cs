using Airlock.Configuration;
using Microsoft.Data.Sqlite;

namespace Airlock.Server.Store.Sqlite;

/// <summary>The proxy's tables inside one SQLite transaction (<see cref="SqliteProxySchema"/>).</summary>
internal sealed class SqliteProxyTables(SqliteConnection connection, SqliteTransaction transaction, SqliteStatementCache? statements)
    : SqliteStatements(connection, transaction, statements), IProxyTables
{
    private const string ResponseColumns = "principal, route, key, request_hash, created_at, state, status_code, response";

    public ProxyCredentialRecord? Credential(string route) =>
        Query("SELECT route, secret, updated_at, updated_by FROM proxy_credentials WHERE route = $route", ReadCredential, ("$route", route)).FirstOrDefault();

    public IReadOnlyList<ProxyCredentialRecord> Credentials() =>
        Query("SELECT route, secret, updated_at, updated_by FROM proxy_credentials ORDER BY route", ReadCredential);

    public void SetCredential(ProxyCredentialRecord credential) => Execute(
        "INSERT INTO proxy_credentials (route, secret, updated_at, updated_by) VALUES ($route, $secret, $at, $by) "
        + "ON CONFLICT (route) DO UPDATE SET secret = excluded.secret, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        ("$route", credential.Route), ("$secret", credential.Sealed), ("$at", Ms(credential.UpdatedAt)), ("$by", credential.UpdatedBy));

    public bool DeleteCredential(string route, DateTimeOffset at, string by) => Execute("DELETE FROM proxy_credentials WHERE route = $route", ("$route", route)) == 1;

    public ProxyResponseRecord? Response(string principal, string route, string key) => Query(
        $"SELECT {ResponseColumns} FROM proxy_responses WHERE principal = $principal AND route = $route AND key = $key",
        ReadResponse, ("$principal", principal), ("$route", route), ("$key", key)).FirstOrDefault();

    public bool AddResponse(ProxyResponseRecord response) => Execute(
        $"INSERT INTO proxy_responses ({ResponseColumns}) VALUES ($principal, $route, $key, $hash, $created, $state, $status, $response) ON CONFLICT DO NOTHING",
        ResponseParameters(response)) == 1;

    public void UpdateResponse(ProxyResponseRecord response) => Execute(
        "UPDATE proxy_responses SET request_hash = $hash, created_at = $created, state = $state, status_code = $status, response = $response "
        + "WHERE principal = $principal AND route = $route AND key = $key",
        ResponseParameters(response));

    public bool ReleaseResponse(string principal, string route, string key, DateTimeOffset createdAt) => Execute(
        "DELETE FROM proxy_responses WHERE principal = $principal AND route = $route AND key = $key AND created_at = $created AND state = $state",
        ("$principal", principal), ("$route", route), ("$key", key), ("$created", Ms(createdAt)), ("$state", EnumNames.Of(ProxyResponseState.InFlight))) == 1;

    public int PurgeResponses(DateTimeOffset createdBefore) =>
        Execute("DELETE FROM proxy_responses WHERE created_at < $before", ("$before", Ms(createdBefore)));

    private static (string, object?)[] ResponseParameters(ProxyResponseRecord r) =>
    [
        ("$principal", r.Principal), ("$route", r.Route), ("$key", r.Key), ("$hash", r.RequestHash), ("$created", Ms(r.CreatedAt)),
        ("$state", EnumNames.Of(r.State)), ("$status", r.StatusCode), ("$response", r.Sealed),
    ];

    private static ProxyCredentialRecord ReadCredential(SqliteDataReader r) => new()
    {
        Route = r.GetString(0),
        Sealed = (byte[])r.GetValue(1),
        UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2)),
        UpdatedBy = r.GetString(3),
    };

    private static ProxyResponseRecord ReadResponse(SqliteDataReader r) => new()
    {
        Principal = r.GetString(0),
        Route = r.GetString(1),
        Key = r.GetString(2),
        RequestHash = r.GetString(3),
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)),
        State = EnumNames.TryParse<ProxyResponseState>(r.GetString(5), out var state) ? state : throw new InvalidDataException($"unknown proxy response state '{r.GetString(5)}'"),
        StatusCode = r.GetInt32(6),
        Sealed = r.IsDBNull(7) ? null : (byte[])r.GetValue(7),
    };
}
