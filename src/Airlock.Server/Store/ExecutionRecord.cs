namespace Airlock.Server.Store;

/// <summary>
/// What happened when an allowed call ran: reported by <c>airlock exec</c> and the MCP proxy, or recorded
/// by the gateway's own HTTP proxy. Always tied to the decision that let it run.
/// </summary>
internal sealed record ExecutionRecord
{
    public required string DecisionId { get; init; }
    public required DateTimeOffset At { get; init; }

    /// <summary>completed, failed or not_started.</summary>
    public required string Status { get; init; }

    public int? ExitCode { get; init; }
    public int? HttpStatus { get; init; }
    public long? DurationMs { get; init; }
    /// <summary>Free text from the reporter, already redacted.</summary>
    public string? Detail { get; init; }

    /// <summary>Where secrets were removed from <see cref="Detail"/> (for the audit record; not a column).</summary>
    public IReadOnlyList<Airlock.Redaction.RedactionNote> Redactions { get; init; } = [];

    /// <summary>The principal that reported it (the agent, or the gateway's proxy).</summary>
    public required string ReportedBy { get; init; }
}
