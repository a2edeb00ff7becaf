using Microsoft.Extensions.Logging;

namespace Airlock.Server.Logging;

/// <summary>The audit log's own log lines (ids 3200–3299): sizes, fingerprints and counts, never a record's content.</summary>
internal static partial class AuditLog
{
    [LoggerMessage(3200, LogLevel.Information, "Audit log {Origin}: {Size} records, signing key {Fingerprint}")]
    public static partial void Opened(ILogger logger, string origin, long size, string fingerprint);

    // Debug: one per second while records arrive.
    [LoggerMessage(3201, LogLevel.Debug, "Checkpoint of {Size} records signed by {Fingerprint}")]
    public static partial void Checkpointed(ILogger logger, long size, string fingerprint);

    [LoggerMessage(3202, LogLevel.Error, "Signing an audit checkpoint failed: {ErrorType}; retrying")]
    public static partial void CheckpointFailed(ILogger logger, string errorType, Exception exception);

    [LoggerMessage(3203, LogLevel.Warning, "Forwarding audit records to Splunk failed ({Reason}); retry {Attempt} in {Delay}")]
    public static partial void ForwardFailed(ILogger logger, string reason, int attempt, TimeSpan delay);

    [LoggerMessage(3204, LogLevel.Debug, "Forwarded audit records up to {Seq} to Splunk")]
    public static partial void Forwarded(ILogger logger, long seq);
}
