using Airlock.Server.Auth;

namespace Airlock.Server.Store;

/// <summary>A stored token: its SHA-256 hash (never the token), the principal it names, role, subject and scope.</summary>
internal sealed record TokenRecord
{
    public required string Id { get; init; }
    public required string Hash { get; init; }

    /// <summary>The principal: two tokens with the same tenant and name are the same person or agent.</summary>
    public required string Name { get; init; }

    public required Role Role { get; init; }
    public required string Tenant { get; init; }
    public required string Workspace { get; init; }
    public IReadOnlyList<string> Scope { get; init; } = [];
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Who created it, for the audit log (not stored with the token); null for the first admin token.</summary>
    public string? CreatedBy { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }

    public bool IsUsable(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || now < ExpiresAt);
}
