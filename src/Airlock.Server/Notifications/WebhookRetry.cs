using System.Net;

namespace Airlock.Server.Notifications;

/// <summary>When a failed delivery is tried again, and after how long.</summary>
internal static class WebhookRetry
{
    /// <summary>No wait between attempts is longer than this, whatever the backoff or the receiver's Retry-After says.</summary>
    public static TimeSpan MaxDelay { get; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// 408, 429 and 5xx say "not now"; any other 4xx says the request itself is wrong (a revoked Slack
    /// webhook answers 403, 404 or 410) and sending it again cannot help.
    /// </summary>
    public static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || ((int)status >= 500 && (int)status <= 599);

    /// <summary>
    /// The wait before retry number <paramref name="retry"/> (1 for the first): <paramref name="firstRetryDelay"/>
    /// doubled for each retry after the first, with ±20% jitter from <paramref name="random"/> (in [0, 1)) so
    /// deliveries that failed together do not retry together, capped at <see cref="MaxDelay"/>.
    /// </summary>
    public static TimeSpan Backoff(TimeSpan firstRetryDelay, int retry, double random)
    {
        var exponential = firstRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Clamp(retry - 1, 0, 30));
        var jittered = exponential * (0.8 + (0.4 * random));
        return TimeSpan.FromMilliseconds(Math.Min(jittered, MaxDelay.TotalMilliseconds));
    }

    /// <summary>The receiver's Retry-After (seconds or a date), within [0, <see cref="MaxDelay"/>]; null when absent.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var header = response.Headers.RetryAfter;
        var delay = header?.Delta ?? (header?.Date - now);
        if (delay is not { } value)
        {
            return null;
        }

        return value < TimeSpan.Zero ? TimeSpan.Zero : value > MaxDelay ? MaxDelay : value;
    }
}
