namespace Airlock.Server.Store;

/// <summary>One decision the gateway made, as it is durably recorded before the answer leaves (secrets redacted).</summary>
internal sealed record DecisionRecord
{
    public required string Id { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string Tenant { get; init; }
    public required string Workspace { get; init; }
    public required string Agent { get; init; }
    public string? Session { get; init; }
    public string? Client { get; init; }
    public required string Tool { get; init; }
    public required string Input { get; init; }
    public string? Cwd { get; init; }
    public required string Outcome { get; init; }
    public required string ReasonCode { get; init; }
    public required string Rule { get; init; }
    public required string Operations { get; init; }
    public string? ApprovalId { get; init; }

    /// <summary>Where secrets were removed from the input and operations (for the audit record; not a column).</summary>
    public IReadOnlyList<Airlock.Redaction.RedactionNote> Redactions { get; init; } = [];

    /// <summary>When the request carried an idempotency key: the stored answer, written in the same transaction.</summary>
    public IdempotencyRecord? Idempotency { get; init; }
}
