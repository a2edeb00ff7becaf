namespace Airlock.Server.Store;

/// <summary>A stored approval request: the exact action (redacted for display), its fingerprint, who asked, what the policy requires.</summary>
internal sealed record ApprovalRecord
{
    public required string Id { get; init; }

    /// <summary>The keyed hash of the normalized action and subject; a grant covers only this.</summary>
    public required string Fingerprint { get; init; }

    public required ApprovalStatus Status { get; init; }
    public required string Tenant { get; init; }
    public required string Workspace { get; init; }
    public required string Agent { get; init; }
    public string? Session { get; init; }
    public string? Client { get; init; }
    public required string Tool { get; init; }

    /// <summary>The tool input as JSON, secrets redacted.</summary>
    public required string Input { get; init; }

    public string? Cwd { get; init; }
    public required string DecisionId { get; init; }
    public required string Environment { get; init; }
    public required string ReasonCode { get; init; }
    public required string Rule { get; init; }
    public required string Summary { get; init; }

    /// <summary>The operations with their evidence, as JSON (secrets redacted).</summary>
    public required string Operations { get; init; }

    public required int ApprovalsRequired { get; init; }
    public string? ConfirmText { get; init; }
    public required TimeSpan CoolingOff { get; init; }
    public required TimeSpan GrantTtl { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public string? ResolvedBy { get; init; }
    public string? ResolutionReason { get; init; }
}
