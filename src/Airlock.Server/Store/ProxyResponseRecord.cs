namespace Airlock.Server.Store;

/// <summary>
/// A proxied request sent with an <c>Idempotency-Key</c>: in flight until the upstream has answered, then
/// the answer kept for replay (status, headers and body, sealed, since a response may carry secrets), or
/// the fact that it was forwarded once when its body was too large to keep.
/// </summary>
internal sealed record ProxyResponseRecord
{
    public required string Principal { get; init; }
    public required string Route { get; init; }
    public required string Key { get; init; }
    public required string RequestHash { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public ProxyResponseState State { get; init; } = ProxyResponseState.InFlight;

    /// <summary>The status the client got the first time (the upstream's, or the gateway's 502/504).</summary>
    public int StatusCode { get; init; }

    /// <summary>The sealed response (<see cref="Proxy.ReplayableResponse"/>) when <see cref="State"/> is <see cref="ProxyResponseState.Kept"/>.</summary>
    public byte[]? Sealed { get; init; }
}

/// <summary>Where a keyed proxied request stands.</summary>
internal enum ProxyResponseState
{
    InFlight,

    /// <summary>Answered; the whole response is kept and is replayed to retries.</summary>
    Kept,

    /// <summary>Forwarded once and answered, but the response was larger than the replay limit or cut off: retries are refused.</summary>
    NotKept,
}
