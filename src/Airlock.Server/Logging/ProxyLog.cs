using Microsoft.Extensions.Logging;

namespace Airlock.Server.Logging;

/// <summary>
/// The HTTP proxy's log lines, event ids 3100–3199. They name routes, decision ids, methods, statuses
/// and error kinds; never a credential, a token, a header value, a query string or a body.
/// </summary>
internal static partial class ProxyLog
{
    [LoggerMessage(3100, LogLevel.Information, "Proxy route {Route}: {Prefix} -> {Upstream} (environment {Environment}; credential {CredentialState})")]
    public static partial void RouteReady(ILogger logger, string route, string prefix, string upstream, string environment, string credentialState);

    // Debug, as decisions are: every forwarded request is already recorded (decision and execution).
    [LoggerMessage(3101, LogLevel.Debug, "Forwarded {DecisionId} on {Route}: {Method} -> {Status} in {DurationMs} ms")]
    public static partial void Forwarded(ILogger logger, string decisionId, string route, string method, int status, long durationMs);

    [LoggerMessage(3102, LogLevel.Warning, "Upstream of {Route} failed for {DecisionId}: {Failure} ({ErrorType})")]
    public static partial void UpstreamFailed(ILogger logger, string route, string decisionId, string failure, string errorType);

    [LoggerMessage(3103, LogLevel.Information, "Proxy credential of {Route} {Change} by {Principal}")]
    public static partial void CredentialChanged(ILogger logger, string route, string change, string principal);

    [LoggerMessage(3104, LogLevel.Error, "Recording the execution of {DecisionId} failed: {ErrorType}")]
    public static partial void ExecutionNotRecorded(ILogger logger, string decisionId, string errorType, Exception exception);

    [LoggerMessage(3105, LogLevel.Information, "Replayed the kept response of an Idempotency-Key on {Route} ({Status})")]
    public static partial void Replayed(ILogger logger, string route, int status);

    [LoggerMessage(3106, LogLevel.Error, "The proxy's sweep of kept responses failed: {ErrorType}")]
    public static partial void SweepFailed(ILogger logger, string errorType, Exception exception);
}
