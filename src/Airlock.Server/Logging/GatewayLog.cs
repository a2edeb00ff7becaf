using Microsoft.Extensions.Logging;

namespace Airlock.Server.Logging;

/// <summary>
/// The gateway's log lines, with stable event ids. They name ids, principals, tools and outcomes;
/// never a token, a tool input or a header value.
/// </summary>
internal static partial class GatewayLog
{
    [LoggerMessage(3000, LogLevel.Information, "Airlock gateway listening on {Url} (data {DataDirectory}, policy {PolicySource})")]
    public static partial void Started(ILogger logger, string url, string dataDirectory, string policySource);

    // Debug: every decision is already in the database; at thousands per second a console line each costs more than the decision (docs/benchmarks.md).
    [LoggerMessage(3001, LogLevel.Debug, "Decision {DecisionId}: {Agent} {Tool} -> {Outcome} ({ReasonCode})")]
    public static partial void Decided(ILogger logger, string decisionId, string agent, string tool, string outcome, string reasonCode);

    [LoggerMessage(3002, LogLevel.Information, "Approval {ApprovalId} {Change} by {Principal}")]
    public static partial void ApprovalChanged(ILogger logger, string approvalId, string change, string principal);

    [LoggerMessage(3003, LogLevel.Warning, "Refused {Method} {Path}: {Status} {Code}")]
    public static partial void Refused(ILogger logger, string method, string path, int status, string code);

    [LoggerMessage(3004, LogLevel.Error, "Failed {Method} {Path}: {ErrorType}")]
    public static partial void Failed(ILogger logger, string method, string path, string errorType, Exception exception);

    [LoggerMessage(3005, LogLevel.Information, "Marked {Count} approval request(s) expired")]
    public static partial void Expired(ILogger logger, int count);

    [LoggerMessage(3006, LogLevel.Error, "The expiry sweep failed: {ErrorType}")]
    public static partial void SweepFailed(ILogger logger, string errorType, Exception exception);
}
