using System.Collections.Concurrent;
using Airlock.Server.Decisions;
using Airlock.Server.Http;
using Airlock.Server.Store;

namespace Airlock.Server.Proxy;

/// <summary>
/// <c>Idempotency-Key</c> on proxied requests, per agent and route: the first request with a key is
/// decided and, if allowed, forwarded; a retry with the same key and request gets the kept response
/// (up to <see cref="MaxKeptBodyBytes"/> of body) and never reaches the upstream again; a retry while
/// the first is in flight is 409; the same key with another request is 422. A request that was not
/// forwarded (refused, held for approval, upstream unreachable) releases its key, so sending it again
/// after an approval is decided afresh.
/// </summary>
internal sealed class ProxyIdempotency(IGatewayStore store, SecretBox box, TimeProvider time)
{
    public const int MaxKeptBodyBytes = 1 << 20;

    // Requests with a key running in this process: a long response must not let a retry take over its key when the lease runs out.
    private readonly ConcurrentDictionary<(string Principal, string Route, string Key), byte> _running = new();

    /// <summary>A record to complete or release when the request should run; otherwise the answer to give instead.</summary>
    public async Task<(ProxyResponseRecord? Run, ReplayableResponse? Replay)> BeginAsync(string principal, ProxyRoute route, string key, string requestHash, CancellationToken cancellationToken)
    {
        if (key.Length is 0 or > IdempotencyKeys.MaxKeyLength)
        {
            throw GatewayException.BadRequest($"The Idempotency-Key must be 1 to {IdempotencyKeys.MaxKeyLength} characters.");
        }

        var slot = (principal, route.Name, key);
        if (!_running.TryAdd(slot, 0))
        {
            throw InFlight();
        }

        try
        {
            var now = time.GetUtcNow();
            var lease = route.Timeout + TimeSpan.FromMinutes(1);
            var fresh = new ProxyResponseRecord { Principal = principal, Route = route.Name, Key = key, RequestHash = requestHash, CreatedAt = now };
            var existing = await store.WriteAsync(tx =>
            {
                if (tx.Proxy.AddResponse(fresh))
                {
                    return null;
                }

                var stored = tx.Proxy.Response(principal, route.Name, key)!;
                if (string.Equals(stored.RequestHash, requestHash, StringComparison.Ordinal) && stored.State == ProxyResponseState.InFlight && now - stored.CreatedAt >= lease)
                {
                    // Its first request died with its gateway process: this one runs instead.
                    tx.Proxy.UpdateResponse(fresh);
                    return null;
                }

                return stored;
            }, cancellationToken).ConfigureAwait(false);

            if (existing is null)
            {
                return (fresh, null);
            }

            _running.TryRemove(slot, out _);
            if (!string.Equals(existing.RequestHash, requestHash, StringComparison.Ordinal))
            {
                throw new GatewayException(422, "idempotency_key_reused", "This Idempotency-Key was used with a different request; use a new key for a new request.");
            }

            return existing.State switch
            {
                ProxyResponseState.Kept => (null, ReplayableResponse.Deserialize(box.Open(existing.Sealed!, AssociatedData(existing)))),
                ProxyResponseState.NotKept => throw new GatewayException(409, "idempotent_response_not_kept",
                    $"A request with this Idempotency-Key was already forwarded once (the answer was {existing.StatusCode}), and its response was too large to keep ({MaxKeptBodyBytes >> 20} MiB at most) or was cut off; it is not forwarded again. Use a new key to send a new request."),
                _ => throw InFlight(),
            };
        }
        catch
        {
            _running.TryRemove(slot, out _);
            throw;
        }
    }

    /// <summary>The request was forwarded and answered: keep the response (or the fact that it was sent) for retries.</summary>
    public Task CompleteAsync(ProxyResponseRecord running, ReplayableResponse? kept, int status) => FinishAsync(running, tx =>
    {
        var record = kept is null
            ? running with { State = ProxyResponseState.NotKept, StatusCode = status }
            : running with { State = ProxyResponseState.Kept, StatusCode = kept.Status, Sealed = box.Seal(kept.Serialize(), AssociatedData(running)) };
        tx.Proxy.UpdateResponse(record);
    });

    /// <summary>The request was not forwarded: forget the key, so the next request with it is decided afresh.</summary>
    public Task ReleaseAsync(ProxyResponseRecord running) =>
        FinishAsync(running, tx => tx.Proxy.ReleaseResponse(running.Principal, running.Route, running.Key, running.CreatedAt));

    public Task<int> PurgeAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken) =>
        store.WriteAsync(tx => tx.Proxy.PurgeResponses(createdBefore), cancellationToken);

    private async Task FinishAsync(ProxyResponseRecord running, Action<IGatewayTransaction> write)
    {
        try
        {
            await store.WriteAsync(tx => { write(tx); return 0; }, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _running.TryRemove((running.Principal, running.Route, running.Key), out _);
        }
    }

    private static string AssociatedData(ProxyResponseRecord record) => $"airlock proxy response\n{record.Principal}\n{record.Route}\n{record.Key}";

    private static GatewayException InFlight() =>
        new(409, "idempotency_in_flight", "A request with this Idempotency-Key is still being processed; retry shortly with the same key.");
}
