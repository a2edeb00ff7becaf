using Microsoft.Extensions.Logging;

namespace Airlock.Server.Notifications;

/// <summary>
/// Every log line about webhook notifications, with stable event ids 3100–3199. A webhook is named by its
/// configured name and its URL's host, never by its path or query (a Slack webhook's path is its credential),
/// and no line carries a secret or an exception message that could quote the URL.
/// </summary>
internal static partial class NotificationLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Information,
        Message = "Webhook {Webhook} ({Host}) received {EventType} {EventId} on attempt {Attempt} (HTTP {StatusCode})")]
    public static partial void Delivered(ILogger logger, string webhook, string host, string eventType, string eventId, int attempt, int statusCode);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning,
        Message = "Webhook {Webhook} ({Host}) attempt {Attempt} of {MaxAttempts} for {EventType} {EventId} failed ({Failure}); retrying in {DelaySeconds} s")]
    public static partial void Retrying(ILogger logger, string webhook, string host, int attempt, int maxAttempts, string eventType, string eventId, string failure, double delaySeconds);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Error,
        Message = "Webhook {Webhook} ({Host}) gave up on {EventType} {EventId} after {Attempts} attempt(s): {Failure}")]
    public static partial void GaveUp(ILogger logger, string webhook, string host, string eventType, string eventId, int attempts, string failure);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning,
        Message = "Webhook {Webhook} ({Host}) dropped {EventType} {EventId}: {Reason} ({Dropped} dropped so far)")]
    public static partial void Dropped(ILogger logger, string webhook, string host, string eventType, string eventId, string reason, long dropped);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning,
        Message = "Webhook notifications stopped with {Pending} delivery(ies) not made")]
    public static partial void AbandonedAtShutdown(ILogger logger, int pending);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Error,
        Message = "Webhook {Webhook} ({Host}) could not deliver {EventType} {EventId}: unexpected {ErrorType}")]
    public static partial void DeliveryFailed(ILogger logger, string webhook, string host, string eventType, string eventId, string errorType);
}
