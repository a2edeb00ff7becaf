using Airlock.Server.Store;

namespace Airlock.Server.Audit;

/// <summary>
/// The proxy's tables inside an audited transaction: setting or deleting an upstream credential is an
/// event (who changed what the gateway sends in agents' names), recorded by route and actor — never the
/// credential, nor anything derived from it. Kept responses are not events and pass straight through.
/// </summary>
internal sealed class AuditedProxyTables(IProxyTables inner, Action<AuditEntry> append) : IProxyTables
{
    public void SetCredential(ProxyCredentialRecord credential)
    {
        inner.SetCredential(credential);
        append(Entry("proxy.credential.set", credential.Route, credential.UpdatedAt, credential.UpdatedBy));
    }

    public bool DeleteCredential(string route, DateTimeOffset at, string by)
    {
        if (!inner.DeleteCredential(route, at, by))
        {
            return false;
        }

        append(Entry("proxy.credential.deleted", route, at, by));
        return true;
    }

    public ProxyCredentialRecord? Credential(string route) => inner.Credential(route);

    public IReadOnlyList<ProxyCredentialRecord> Credentials() => inner.Credentials();

    public ProxyResponseRecord? Response(string principal, string route, string key) => inner.Response(principal, route, key);

    public bool AddResponse(ProxyResponseRecord response) => inner.AddResponse(response);

    public void UpdateResponse(ProxyResponseRecord response) => inner.UpdateResponse(response);

    public bool ReleaseResponse(string principal, string route, string key, DateTimeOffset createdAt) => inner.ReleaseResponse(principal, route, key, createdAt);

    public int PurgeResponses(DateTimeOffset createdBefore) => inner.PurgeResponses(createdBefore);

    private static AuditEntry Entry(string type, string route, DateTimeOffset at, string by) =>
        new(type, at) { Reference = route, Actor = by, Fields = json => json.WriteString("route", route) };
}
