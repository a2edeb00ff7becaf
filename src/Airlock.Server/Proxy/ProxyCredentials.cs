using System.Collections.Concurrent;
using System.Text;
using Airlock.Server.Auth;
using Airlock.Server.Http;
using Airlock.Server.Store;

namespace Airlock.Server.Proxy;

/// <summary>
/// The upstream credentials: set by an admin, sealed at rest (<see cref="SecretBox"/>, the route's name
/// as associated data), opened only to be put in an outgoing request. No API returns one and no log
/// line or error message names one.
/// </summary>
internal sealed class ProxyCredentials(IGatewayStore store, SecretBox box, TimeProvider time)
{
    public const int MaxSecretLength = 8192;

    /// <summary>How long an opened credential is used without reading it again: a change on this gateway applies at once, on another instance sharing the database within this.</summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, (string? Secret, DateTimeOffset ReadAt)> _cache = new(StringComparer.Ordinal);

    /// <summary>The route's credential, or null when none is set.</summary>
    public async Task<string?> GetAsync(string route, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(route, out var cached) && now - cached.ReadAt < CacheLifetime)
        {
            return cached.Secret;
        }

        var record = await store.WriteAsync(tx => tx.Proxy.Credential(route), cancellationToken).ConfigureAwait(false);
        var secret = record is null ? null : Encoding.UTF8.GetString(box.Open(record.Sealed, AssociatedData(route)));
        _cache[route] = (secret, now);
        return secret;
    }

    public async Task SetAsync(string route, string secret, Principal admin, CancellationToken cancellationToken)
    {
        // Validated without echoing it: the value must never appear in an answer.
        if (secret.Length is 0 or > MaxSecretLength || secret.Any(c => char.IsControl(c) || c > '\u007e') || secret.Trim().Length != secret.Length)
        {
            throw GatewayException.BadRequest($"The credential must be 1 to {MaxSecretLength} printable ASCII characters on one line, without leading or trailing spaces (it is sent as a header value).");
        }

        var record = new ProxyCredentialRecord { Route = route, Sealed = box.Seal(Encoding.UTF8.GetBytes(secret), AssociatedData(route)), UpdatedAt = time.GetUtcNow(), UpdatedBy = admin.Key };
        await store.WriteAsync(tx => { tx.Proxy.SetCredential(record); return 0; }, cancellationToken).ConfigureAwait(false);
        _cache.TryRemove(route, out _);
    }

    public async Task<bool> DeleteAsync(string route, Principal admin, CancellationToken cancellationToken)
    {
        var deleted = await store.WriteAsync(tx => tx.Proxy.DeleteCredential(route, time.GetUtcNow(), admin.Key), cancellationToken).ConfigureAwait(false);
        _cache.TryRemove(route, out _);
        return deleted;
    }

    /// <summary>When and by whom each route's credential was set; never the credential.</summary>
    public Task<Dictionary<string, (DateTimeOffset UpdatedAt, string UpdatedBy)>> ListAsync(CancellationToken cancellationToken) =>
        store.WriteAsync(tx => tx.Proxy.Credentials().ToDictionary(c => c.Route, c => (c.UpdatedAt, c.UpdatedBy), StringComparer.Ordinal), cancellationToken);

    private static string AssociatedData(string route) => $"airlock proxy credential\n{route}";
}
