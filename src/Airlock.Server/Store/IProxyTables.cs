namespace Airlock.Server.Store;

/// <summary>
/// The proxy's tables, inside the same write transaction as everything else (<see cref="IGatewayTransaction.Proxy"/>):
/// upstream credentials (sealed) and keyed proxied responses for replay.
/// </summary>
internal interface IProxyTables
{
    ProxyCredentialRecord? Credential(string route);

    IReadOnlyList<ProxyCredentialRecord> Credentials();

    void SetCredential(ProxyCredentialRecord credential);

    /// <summary>False when the route had no credential; <paramref name="at"/> and <paramref name="by"/> say when and by whom, for the audit log.</summary>
    bool DeleteCredential(string route, DateTimeOffset at, string by);

    ProxyResponseRecord? Response(string principal, string route, string key);

    /// <summary>False when the key exists for this principal and route.</summary>
    bool AddResponse(ProxyResponseRecord response);

    /// <summary>Replaces the stored record for the same principal, route and key.</summary>
    void UpdateResponse(ProxyResponseRecord response);

    /// <summary>Removes the key when it is still the in-flight record created at <paramref name="createdAt"/>: a request that was not forwarded leaves no trace.</summary>
    bool ReleaseResponse(string principal, string route, string key, DateTimeOffset createdAt);

    int PurgeResponses(DateTimeOffset createdBefore);
}
