namespace Airlock.Server.Store;

/// <summary>
/// What an approval produces: permission for one identical action, usable after the cooling-off
/// delay, until it expires, exactly once.
/// </summary>
internal sealed record GrantRecord
{
    public required string Id { get; init; }
    public required string ApprovalId { get; init; }
    public required string Fingerprint { get; init; }
    public required DateTimeOffset UsableAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? ConsumedAt { get; init; }
    public string? ConsumedBy { get; init; }

    public bool IsUsable(DateTimeOffset now) => ConsumedAt is null && UsableAt <= now && now < ExpiresAt;
}
