namespace Airlock.Policy;

/// <summary>A change freeze: during it, changes to shared or remote systems need at least <see cref="Outcome"/>.</summary>
public sealed record Freeze(DateTimeOffset From, DateTimeOffset Until, Outcome Outcome, string Reason);
