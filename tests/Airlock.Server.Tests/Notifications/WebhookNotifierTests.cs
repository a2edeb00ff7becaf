using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Airlock.Server.Notifications;

namespace Airlock.Server.Tests.Notifications;

public sealed class WebhookNotifierTests
{
    private const string Secret = "whsec_n0t_in_logs_7c1e";
    private const int Delivered = 3100;
    private const int Retrying = 3101;
    private const int GaveUp = 3102;
    private const int Dropped = 3103;
    private const int Abandoned = 3104;

    [Fact]
    public async Task Publish_SignedWebhook_ReceiverHmacOverTimestampAndRawBodyMatches()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var harness = await NotifierHarness.StartAsync(Webhook(receiver.Url("/airlock")));

        harness.Notifier.Publish(Approvals.Event());
        await Eventually.Until(() => receiver.Requests.Count == 1, "the webhook request");

        var request = receiver.Requests[0];
        var header = request.Header("Airlock-Signature")!;
        var parts = header.Split(',').Select(part => part.Split('=', 2)).ToDictionary(part => part[0], part => part[1]);
        var timestamp = long.Parse(parts["t"], CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), (byte[])[.. Encoding.UTF8.GetBytes($"{timestamp}."), .. request.Body]);
        Assert.Equal(Convert.ToHexStringLower(mac), parts["v1"]);
        Assert.InRange(timestamp, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        Assert.True(WebhookSignature.Verify(Secret, header, request.Body, DateTimeOffset.UtcNow, WebhookSignature.RecommendedTolerance));
    }

    [Fact]
    public async Task Publish_AirlockFormat_SendsTheEventWithTheApprovalAndTheDocumentedHeaders()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var harness = await NotifierHarness.StartAsync(Webhook(receiver.Url("/airlock")));

        harness.Notifier.Publish(Approvals.Event("approval.requested", id: "evt_7"));
        await Eventually.Until(() => receiver.Requests.Count == 1, "the webhook request");

        var request = receiver.Requests[0];
        Assert.Equal("/airlock", request.PathAndQuery);
        Assert.Equal("approval.requested", request.Header("Airlock-Event"));
        Assert.Equal("evt_7", request.Header("Airlock-Delivery"));
        Assert.Equal("application/json", request.Header("Content-Type"));
        Assert.Equal("Airlock-Webhooks/1", request.Header("User-Agent"));
        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal("evt_7", body.GetProperty("id").GetString());
        Assert.Equal("approval.requested", body.GetProperty("type").GetString());
        Assert.Equal(new DateTimeOffset(2026, 5, 1, 12, 0, 1, TimeSpan.Zero), body.GetProperty("occurred_at").GetDateTimeOffset());
        var approval = body.GetProperty("approval");
        Assert.Equal("apr_01", approval.GetProperty("id").GetString());
        Assert.Equal("prod_irreversible", approval.GetProperty("reason_code").GetString());
        Assert.Equal(2, approval.GetProperty("approvals_required").GetInt32());
        Assert.Equal("psql \"$PROD_URL\" -c 'DROP TABLE invoices'", approval.GetProperty("input").GetProperty("command").GetString());
        Assert.Contains("\"command\":\"psql \\\"$PROD_URL\\\" -c 'DROP TABLE invoices'\"", Encoding.UTF8.GetString(request.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_WithoutSecret_SendsNoSignature()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var harness = await NotifierHarness.StartAsync(Webhook(receiver.Url("/")) with { Secret = null });

        harness.Notifier.Publish(Approvals.Event());
        await Eventually.Until(() => receiver.Requests.Count == 1, "the webhook request");

        Assert.Null(receiver.Requests[0].Header("Airlock-Signature"));
    }

    [Fact]
    public async Task Publish_FirstAttemptAnswered500_IsRetriedAndDelivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync(WebhookReceiver.Answer(500, 200));
        await using var harness = await NotifierHarness.StartAsync(Webhook(receiver.Url("/")));

        harness.Notifier.Publish(Approvals.Event());
        await Eventually.Until(() => harness.Logs.WithEventId(Delivered).Count == 1, "the delivery");

        Assert.Equal(2, receiver.Requests.Count);
        Assert.All(receiver.Requests, request =>
        {
            Assert.Equal("evt_01", request.Header("Airlock-Delivery"));
            Assert.True(WebhookSignature.Verify(Secret, request.Header("Airlock-Signature"), request.Body, DateTimeOffset.UtcNow, WebhookSignature.RecommendedTolerance));
        });
        var retry = Assert.Single(harness.Logs.WithEventId(Retrying));
        Assert.Contains("attempt 1 of 6", retry.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 500", retry.Message, StringComparison.Ordinal);
        Assert.Contains("attempt 2", harness.Logs.WithEventId(Delivered)[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(410)]
    public async Task Publish_Answered4xx_IsNotRetried(int status)
    {
        await using var receiver = await WebhookReceiver.StartAsync(WebhookReceiver.Answer(status, 200));
        await using var harness = await NotifierHarness.StartAsync(Webhook(receiver.Url("/")));

        harness.Notifier.Publish(Approvals.Event());
        await Eventually.Until(() => harness.Logs.WithEventId(GaveUp).Count == 1, "giving up");

        Assert.Single(receiver.Requests);
        Assert.Empty(harness.Logs.WithEventId(Retrying));
        Assert.Contains($"after 1 attempt(s): HTTP {status}", harness.Logs.WithEventId(GaveUp)[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_Answered429WithRetryAfter_RetriesWhenTheReceiverSays()
    {
        // The backoff alone would wait an hour; Retry-After: 0 says now.
        await using var receiver = await WebhookReceiver.StartAsync((number, context) =>
        {
            context.Response.StatusCode = number == 1 ? 429 : 200;
            if (number == 1)
            {
                context.Response.Headers.RetryAfter = "0";
            }

            return Task.CompletedTask;
        });
        await using var harness = await NotifierHarness.StartAsync(Webhook(receiver.Url("/")) with { FirstRetryDelay = TimeSpan.FromHours(1) });

        harness.Notifier.Publish(Approvals.Event());
        await Eventually.Until(() => harness.Logs.WithEventId(Delivered).Count == 1, "the delivery");

        Assert.Equal(2, receiver.Requests.Count);
        Assert.Contains("HTTP 429", harness.Logs.WithEventId(Retrying)[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_AttemptTimesOut_IsRetried()
    {
        await using var receiver = await WebhookReceiver.StartAsync(async (number, context) =>
        {
            if (number == 1)
            {
                await WebhookReceiver.HangAsync(context);
            }
        });
        await using var harness = await NotifierHarness.StartAsync(Webhook(receiver.Url("/")) with { AttemptTimeout = TimeSpan.FromMilliseconds(300) });

        harness.Notifier.Publish(Approvals.Event());
        await Eventually.Until(() => harness.Logs.WithEventId(Delivered).Count == 1, "the delivery");

        Assert.Contains("no answer within 0.3 s", harness.Logs.WithEventId(Retrying)[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_ReceiverUnreachable_RetriesThenGivesUpAfterMaxAttempts()
    {
        var harness = await NotifierHarness.StartAsync(Webhook(UnreachableUrl()) with { MaxAttempts = 3 });
        await using (harness)
        {
            harness.Notifier.Publish(Approvals.Event());
            await Eventually.Until(() => harness.Logs.WithEventId(GaveUp).Count == 1, "giving up");
        }

        Assert.Equal(2, harness.Logs.WithEventId(Retrying).Count);
        Assert.All(harness.Logs.WithEventId(Retrying), entry => Assert.Contains("network error (ConnectionError)", entry.Message, StringComparison.Ordinal));
        Assert.Contains("after 3 attempt(s)", harness.Logs.WithEventId(GaveUp)[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_EventsFilter_SendsOnlyTheListedTypes()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var harness = await NotifierHarness.StartAsync(
            Webhook(receiver.Url("/everything")) with { Name = "everything" },
            Webhook(receiver.Url("/decisions")) with { Name = "decisions", Events = ["approval.approved", "approval.rejected"] });

        harness.Notifier.Publish(Approvals.Event("approval.requested", id: "evt_1"));
        harness.Notifier.Publish(Approvals.Event("approval.voted", id: "evt_2"));
        harness.Notifier.Publish(Approvals.Event("approval.approved", id: "evt_3"));
        await Eventually.Until(() => harness.Logs.WithEventId(Delivered).Count == 4, "four deliveries");

        string[] Received(string path) => [.. receiver.Requests.Where(request => request.PathAndQuery == path).Select(request => request.Header("Airlock-Delivery")!).Order(StringComparer.Ordinal)];
        Assert.Equal(["evt_1", "evt_2", "evt_3"], Received("/everything"));
        Assert.Equal(["evt_3"], Received("/decisions"));
    }

    [Fact]
    public async Task Publish_SlackFormat_PostsTextAndBlocksWithTheButton()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var harness = await NotifierHarness.StartAsync(Webhook(receiver.Url("/services/T0/B0/x")) with { Format = "slack", Secret = null });

        harness.Notifier.Publish(Approvals.Event());
        await Eventually.Until(() => receiver.Requests.Count == 1, "the Slack message");

        var message = JsonDocument.Parse(receiver.Requests[0].Body).RootElement;
        Assert.StartsWith("Airlock: approval requested — claude-code", message.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("\"url\":\"https://airlock.example.com/approvals/apr_01\"", message.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("approval.requested", receiver.Requests[0].Header("Airlock-Event"));
    }

    [Fact]
    public async Task Logs_EveryOutcome_NeverContainTheSecretOrTheUrlPathOrQuery()
    {
        await using var failing = await WebhookReceiver.StartAsync(WebhookReceiver.Answer(503, 200));
        await using var rejecting = await WebhookReceiver.StartAsync(WebhookReceiver.Answer(404));
        var harness = await NotifierHarness.StartAsync(
            Webhook(failing.Url("/services/T0PATHSECRET/B0PATHSECRET/xoxPATHSECRET?token=QUERYSECRET")) with { Name = "ops-slack" },
            Webhook(rejecting.Url("/hooks/REJECTPATHSECRET")) with { Name = "pager" },
            Webhook(UnreachableUrl("/hooks/UNREACHABLEPATHSECRET?key=QUERYSECRET2")) with { Name = "down", MaxAttempts = 2 });
        await using (harness)
        {
            harness.Notifier.Publish(Approvals.Event());
            await Eventually.Until(
                () => harness.Logs.WithEventId(Delivered).Count == 1 && harness.Logs.WithEventId(GaveUp).Count == 2,
                "one delivery and two failures");
        }

        var logs = harness.Logs.AllText();
        Assert.Contains("ops-slack (127.0.0.1)", logs, StringComparison.Ordinal);
        Assert.Contains("pager (127.0.0.1)", logs, StringComparison.Ordinal);
        Assert.Contains("down (127.0.0.1)", logs, StringComparison.Ordinal);
        Assert.NotEmpty(harness.Logs.WithEventId(Retrying));
        foreach (var secret in new[] { Secret, "PATHSECRET", "QUERYSECRET", "/services", "/hooks", "token=", "key=" })
        {
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Publish_QueueFull_DropsTheEventWithAWarning()
    {
        // Not started: nothing drains the queue.
        await using var harness = NotifierHarness.NotStarted(Webhook(new Uri("https://hooks.example.com/x")));

        for (var i = 0; i <= WebhookNotifier.QueueCapacity; i++)
        {
            harness.Notifier.Publish(Approvals.Event(id: $"evt_{i}"));
        }

        var dropped = Assert.Single(harness.Logs.WithEventId(Dropped));
        Assert.Contains($"evt_{WebhookNotifier.QueueCapacity}", dropped.Message, StringComparison.Ordinal);
        Assert.Contains("queue is full", dropped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopAsync_DuringALongBackoff_StopsPromptlyAndLogsWhatWasGivenUp()
    {
        await using var receiver = await WebhookReceiver.StartAsync(WebhookReceiver.Answer(503));
        var harness = await NotifierHarness.StartAsync(Webhook(receiver.Url("/")) with { FirstRetryDelay = TimeSpan.FromMinutes(4) });
        await using (harness)
        {
            harness.Notifier.Publish(Approvals.Event());
            await Eventually.Until(() => harness.Logs.WithEventId(Retrying).Count == 1, "the first retry to be scheduled");

            // Waiting out the backoff would take minutes; the limit here fails the test long before.
            await harness.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        Assert.Contains("1 delivery(ies) not made", Assert.Single(harness.Logs.WithEventId(Abandoned)).Message, StringComparison.Ordinal);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public void Constructor_InvalidWebhooks_ReportsEveryProblemAtOnce()
    {
        using var httpClient = new HttpClient();
        using var logs = new CapturedLogs();
        WebhookOptions[] webhooks =
        [
            new() { Name = "a", Url = new Uri("ftp://example.com/x"), Format = "teams" },
            new() { Name = "b", Url = new Uri("https://example.com/x"), MaxAttempts = 0 },
        ];

        var exception = Assert.Throws<ArgumentException>(() => new WebhookNotifier(webhooks, httpClient, logs.Logger<WebhookNotifier>(), TimeProvider.System));

        Assert.Contains("'a': the url", exception.Message, StringComparison.Ordinal);
        Assert.Contains("'a': format 'teams'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("'b': max attempts", exception.Message, StringComparison.Ordinal);
    }

    private static WebhookOptions Webhook(Uri url) => new()
    {
        Name = "test",
        Url = url,
        Secret = Secret,
        FirstRetryDelay = TimeSpan.FromMilliseconds(50),
    };

    // A port that was just free: connecting to it is refused.
    private static Uri UnreachableUrl(string pathAndQuery = "/")
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}{pathAndQuery}");
    }
}
