namespace Airlock.Server.Store;

/// <summary>
/// An idempotency key as payment APIs keep them: scoped to the principal, bound to a hash of the
/// request, in flight until its answer is stored, then replayed for every retry with the same key.
/// </summary>
internal sealed record IdempotencyRecord
{
    public required string Principal { get; init; }
    public required string Key { get; init; }
    public required string RequestHash { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The stored answer; null while the first request is in flight.</summary>
    public string? Response { get; init; }

    public int StatusCode { get; init; }
}
