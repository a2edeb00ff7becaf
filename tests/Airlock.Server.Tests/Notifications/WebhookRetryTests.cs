using System.Net;
using Airlock.Server.Notifications;

namespace Airlock.Server.Tests.Notifications;

public sealed class WebhookRetryTests
{
    private static readonly TimeSpan First = TimeSpan.FromSeconds(1);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(5, 16)]
    public void Backoff_WithoutJitter_DoublesEachRetry(int retry, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), WebhookRetry.Backoff(First, retry, random: 0.5));
    }

    [Fact]
    public void Backoff_Jitter_StaysWithinTwentyPercent()
    {
        Assert.Equal(TimeSpan.FromSeconds(3.2), WebhookRetry.Backoff(First, 3, random: 0));
        Assert.InRange(WebhookRetry.Backoff(First, 3, random: 0.999_999), TimeSpan.FromSeconds(4.79), TimeSpan.FromSeconds(4.8));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(40)]
    [InlineData(int.MaxValue)]
    public void Backoff_ManyRetries_IsCappedAtFiveMinutes(int retry)
    {
        Assert.Equal(TimeSpan.FromMinutes(5), WebhookRetry.Backoff(First, retry, random: 0.999));
    }

    [Theory]
    [InlineData(HttpStatusCode.RequestTimeout, true)]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.GatewayTimeout, true)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    [InlineData(HttpStatusCode.Forbidden, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    [InlineData(HttpStatusCode.Gone, false)]
    [InlineData(HttpStatusCode.UnprocessableEntity, false)]
    [InlineData(HttpStatusCode.Found, false)]
    public void IsRetryable_Status_RetriesOnlyWhatMaySucceedLater(HttpStatusCode status, bool retryable)
    {
        Assert.Equal(retryable, WebhookRetry.IsRetryable(status));
    }

    [Theory]
    [InlineData("7", 7)]
    [InlineData("0", 0)]
    [InlineData("3600", 300)]
    public void RetryAfter_Seconds_AreHonouredUpToFiveMinutes(string header, int seconds)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", header);

        Assert.Equal(TimeSpan.FromSeconds(seconds), WebhookRetry.RetryAfter(response, DateTimeOffset.UtcNow));
    }

    [Fact]
    public void RetryAfter_Date_IsTheTimeUntilThen()
    {
        var now = new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.TryAddWithoutValidation("Retry-After", "Fri, 01 May 2026 12:00:30 GMT");

        Assert.Equal(TimeSpan.FromSeconds(30), WebhookRetry.RetryAfter(response, now));
        Assert.Equal(TimeSpan.Zero, WebhookRetry.RetryAfter(response, now.AddHours(1)));
    }

    [Fact]
    public void RetryAfter_Absent_IsNull()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        Assert.Null(WebhookRetry.RetryAfter(response, DateTimeOffset.UtcNow));
    }
}
