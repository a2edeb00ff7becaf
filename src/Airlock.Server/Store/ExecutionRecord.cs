namespace Airlock.Server.Store;

/// <summary>
/// What happened when an allowed call was carried out: for the HTTP proxy the upstream's status and how
/// long the exchange took. One decision, one execution; the audit log records it after the decision.
/// </summary>
internal sealed record ExecutionRecord
{
    public required string DecisionId { get; init; }

    /// <summary><c>http</c> for the proxy; <c>process</c> for a command run by Airlock.</summary>
    public required string Kind { get; init; }

    /// <summary>The proxy route, or the program.</summary>
    public required string Target { get; init; }

    /// <summary>completed, upstream_error, upstream_timeout, upstream_unreachable, client_aborted.</summary>
    public required string Status { get; init; }

    public int? HttpStatus { get; init; }
    public int? ExitCode { get; init; }
    public required long DurationMs { get; init; }
    public required DateTimeOffset At { get; init; }
}
