namespace Airlock.Server.Executions;

/// <summary>How an allowed call ended, as recorded in <see cref="Store.ExecutionRecord.Status"/>.</summary>
internal static class ExecutionStatus
{
    /// <summary>The upstream answered and the whole response reached the agent (whatever the upstream's status).</summary>
    public const string Completed = "completed";

    /// <summary>No connection could be made: nothing was sent.</summary>
    public const string UpstreamUnreachable = "upstream_unreachable";

    /// <summary>No answer within the route's timeout: the upstream may or may not have acted.</summary>
    public const string UpstreamTimeout = "upstream_timeout";

    /// <summary>The exchange failed after the request may have been sent, or the response was cut off.</summary>
    public const string UpstreamError = "upstream_error";

    /// <summary>The agent went away before the response was complete.</summary>
    public const string ClientAborted = "client_aborted";
}
