using System.Security.Cryptography;
using System.Text;
using Airlock.Server.Http;
using Airlock.Server.Store;

namespace Airlock.Server.Decisions;

/// <summary>
/// <c>Idempotency-Key</c> with the semantics payment APIs use: the first request with a key runs; a
/// retry with the same key and the same body gets the stored answer; the same key with a different
/// body is 422; a retry while the first is still running is 409. A key whose first request died with
/// the process (in flight for longer than the lease) may run again.
/// </summary>
internal sealed class IdempotencyKeys(IGatewayStore store, TimeProvider time)
{
    public const int MaxKeyLength = 255;
    public static readonly TimeSpan InFlightLease = TimeSpan.FromSeconds(30);

    /// <summary>A record to complete when the request should run; otherwise the stored answer to replay instead.</summary>
    public async Task<(IdempotencyRecord? Run, GatewayAnswer? Instead)> BeginAsync(string principal, string key, string canonicalBody, CancellationToken cancellationToken)
    {
        if (key.Length is 0 or > MaxKeyLength)
        {
            throw GatewayException.BadRequest($"The Idempotency-Key must be 1 to {MaxKeyLength} characters.");
        }

        var now = time.GetUtcNow();
        var fresh = new IdempotencyRecord { Principal = principal, Key = key, RequestHash = Hash(canonicalBody), CreatedAt = now };
        return await store.WriteAsync<(IdempotencyRecord?, GatewayAnswer?)>(tx =>
        {
            if (tx.AddIdempotency(fresh))
            {
                return (fresh, null);
            }

            var existing = tx.Idempotency(principal, key)!;
            if (!string.Equals(existing.RequestHash, fresh.RequestHash, StringComparison.Ordinal))
            {
                throw new GatewayException(422, "idempotency_key_reused", "This Idempotency-Key was used with a different request; use a new key for a new request.");
            }

            if (existing.Response is not null)
            {
                return (null, new GatewayAnswer(existing.StatusCode, existing.Response));
            }

            if (now - existing.CreatedAt < InFlightLease)
            {
                throw new GatewayException(409, "idempotency_in_flight", "A request with this Idempotency-Key is still being processed; retry shortly with the same key.");
            }

            tx.UpdateIdempotency(fresh);
            return (fresh, null);
        }, cancellationToken).ConfigureAwait(false);
    }

    private static string Hash(string canonicalBody) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalBody)));
}
