namespace Airlock.Server.Store;

/// <summary>
/// What happened when an allowed call was carried out: reported by <c>airlock exec</c> and the MCP proxy,
/// or recorded by the gateway's own HTTP proxy (the upstream's status and how long the exchange took).
/// Always tied to the decision that let it run; the audit log records it after that decision.
/// </summary>
internal sealed record ExecutionRecord
{
    public required string DecisionId { get; init; }
    public required DateTimeOffset At { get; init; }

    /// <summary>completed, failed or not_started (reported); completed, upstream_error, upstream_timeout, upstream_unreachable, client_aborted (the HTTP proxy).</summary>
    public required string Status { get; init; }

    /// <summary><c>http</c> for the gateway's proxy; null when an enforcement point reported it.</summary>
    public string? Kind { get; init; }

    /// <summary>The proxy route.</summary>
    public string? Target { get; init; }

    public int? ExitCode { get; init; }
    public int? HttpStatus { get; init; }
    public long? DurationMs { get; init; }

    /// <summary>Free text from the reporter, already redacted.</summary>
    public string? Detail { get; init; }

    /// <summary>Where secrets were removed from <see cref="Detail"/> (for the audit record; not a column).</summary>
    public IReadOnlyList<Airlock.Redaction.RedactionNote> Redactions { get; init; } = [];

    /// <summary>The principal that reported it (the agent, or "airlock proxy").</summary>
    public required string ReportedBy { get; init; }
}
