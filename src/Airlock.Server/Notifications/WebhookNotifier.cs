using System.Net.Http.Headers;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Airlock.Server.Notifications;

/// <summary>
/// Posts approval events to the configured webhooks in the background: signed, with a fresh timestamp
/// per attempt, and retried with exponential backoff while the receiver says "not now".
/// </summary>
/// <remarks>
/// Each webhook has its own bounded queue and its own few senders, so a receiver that is down (and
/// being retried for minutes) neither delays the others nor fills their queues. Delivery is at least
/// once: a receiver drops <c>Airlock-Delivery</c> ids it has already handled.
/// </remarks>
internal sealed class WebhookNotifier : BackgroundService, IGatewayEvents
{
    /// <summary>Events waiting per webhook before new ones are dropped.</summary>
    public const int QueueCapacity = 10_000;

    /// <summary>The User-Agent header of every webhook request.</summary>
    public const string UserAgent = "Airlock-Webhooks/1";

    // Deliveries in flight per webhook: one event waiting out a backoff does not hold back the next.
    private const int SendersPerWebhook = 4;

    private readonly Webhook[] _webhooks;
    private readonly HttpClient _httpClient;
    private readonly ILogger<WebhookNotifier> _logger;
    private readonly TimeProvider _timeProvider;
    private int _abandoned;
    private volatile bool _stopping;

    /// <param name="webhooks">The webhooks; all are validated and every problem is reported at once.</param>
    /// <param name="httpClient">
    /// Not disposed here. <see cref="CreateHttpClient"/> makes a suitable one; a client from
    /// IHttpClientFactory logs each request's full URL, which for a Slack webhook is its credential.
    /// </param>
    public WebhookNotifier(IReadOnlyList<WebhookOptions> webhooks, HttpClient httpClient, ILogger<WebhookNotifier> logger, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(webhooks);
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var errors = webhooks.SelectMany(webhook => webhook.Validate()).ToList();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(webhooks));
        }

        _webhooks = webhooks.Select(options => new Webhook(options)).ToArray();
        _httpClient = httpClient;
        _logger = logger;
        _timeProvider = timeProvider;
    }

    /// <summary>
    /// An HttpClient for webhooks: no redirects (a signed body goes only where it was configured to go),
    /// connections renewed every few minutes so DNS changes are seen, and no client-wide timeout (each
    /// attempt has its own).
    /// </summary>
    public static HttpClient CreateHttpClient() => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <inheritdoc />
    public void Publish(GatewayEvent gatewayEvent)
    {
        foreach (var webhook in _webhooks)
        {
            if (!webhook.Options.Accepts(gatewayEvent.Type))
            {
                continue;
            }

            if (_stopping)
            {
                Drop(webhook, gatewayEvent, "notifications have stopped");
            }
            else if (!webhook.Queue.Writer.TryWrite(gatewayEvent))
            {
                Drop(webhook, gatewayEvent, "its queue is full");
            }
        }
    }

    /// <inheritdoc />
    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        return base.StopAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var senders = new List<Task>();
        foreach (var webhook in _webhooks)
        {
            for (var i = 0; i < SendersPerWebhook; i++)
            {
                senders.Add(SendAsync(webhook, stoppingToken));
            }
        }

        await Task.WhenAll(senders);

        // Shutdown does not wait out backoffs that can run to minutes: what is left is given up, and said so.
        var pending = Volatile.Read(ref _abandoned) + _webhooks.Sum(webhook => webhook.Queue.Reader.Count);
        if (pending > 0)
        {
            NotificationLog.AbandonedAtShutdown(_logger, pending);
        }
    }

    private async Task SendAsync(Webhook webhook, CancellationToken stoppingToken)
    {
        var reader = webhook.Queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                while (reader.TryRead(out var gatewayEvent))
                {
                    try
                    {
                        await DeliverAsync(webhook.Options, gatewayEvent, stoppingToken);
                    }
                    catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                    {
                        Interlocked.Increment(ref _abandoned);
                        throw;
                    }
                    catch (Exception exception)
                    {
                        // A bug here must not stop the host (a faulted BackgroundService does), nor the next
                        // event. Only the type is logged: an exception's message may quote the URL.
                        NotificationLog.DeliveryFailed(_logger, webhook.Options.Name, webhook.Options.Url.Host, gatewayEvent.Type, gatewayEvent.Id, exception.GetType().Name);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task DeliverAsync(WebhookOptions webhook, GatewayEvent gatewayEvent, CancellationToken stoppingToken)
    {
        var body = WebhookBody.Render(gatewayEvent, webhook);
        var host = webhook.Url.Host;
        for (var attempt = 1; ; attempt++)
        {
            var result = await AttemptAsync(webhook, gatewayEvent, body, stoppingToken);
            if (result.Failure is null)
            {
                NotificationLog.Delivered(_logger, webhook.Name, host, gatewayEvent.Type, gatewayEvent.Id, attempt, result.StatusCode);
                return;
            }

            if (!result.Retryable || attempt >= webhook.MaxAttempts)
            {
                NotificationLog.GaveUp(_logger, webhook.Name, host, gatewayEvent.Type, gatewayEvent.Id, attempt, result.Failure);
                return;
            }

            var delay = result.RetryAfter ?? WebhookRetry.Backoff(webhook.FirstRetryDelay, attempt, Random.Shared.NextDouble());
            NotificationLog.Retrying(_logger, webhook.Name, host, attempt, webhook.MaxAttempts, gatewayEvent.Type, gatewayEvent.Id, result.Failure, Math.Round(delay.TotalSeconds, 3));
            await Task.Delay(delay, _timeProvider, stoppingToken);
        }
    }

    private async Task<AttemptResult> AttemptAsync(WebhookOptions webhook, GatewayEvent gatewayEvent, byte[] body, CancellationToken stoppingToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url);
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        request.Headers.Add("Airlock-Event", gatewayEvent.Type);
        request.Headers.Add("Airlock-Delivery", gatewayEvent.Id);
        if (webhook.Secret is { } secret)
        {
            // Signed at send time, not at enqueue time, so a retry minutes later still passes the receiver's replay window.
            var timestamp = _timeProvider.GetUtcNow().ToUnixTimeSeconds();
            request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(secret, timestamp, body));
        }

        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var timeout = new CancellationTokenSource(webhook.AttemptTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
        try
        {
            using var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? new AttemptResult(status, null, false, null)
                : new AttemptResult(status, $"HTTP {status}", WebhookRetry.IsRetryable(response.StatusCode), WebhookRetry.RetryAfter(response, _timeProvider.GetUtcNow()));
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return new AttemptResult(0, $"no answer within {webhook.AttemptTimeout.TotalSeconds} s", true, null);
        }
        catch (HttpRequestException exception)
        {
            // The error kind, not the message: messages name the endpoint and, from some handlers, the URL.
            return new AttemptResult(0, $"network error ({exception.HttpRequestError})", true, null);
        }
    }

    private void Drop(Webhook webhook, GatewayEvent gatewayEvent, string reason)
    {
        var dropped = webhook.CountDrop();
        NotificationLog.Dropped(_logger, webhook.Options.Name, webhook.Options.Url.Host, gatewayEvent.Type, gatewayEvent.Id, reason, dropped);
    }

    private readonly record struct AttemptResult(int StatusCode, string? Failure, bool Retryable, TimeSpan? RetryAfter);

    private sealed class Webhook(WebhookOptions options)
    {
        public WebhookOptions Options { get; } = options;

        public Channel<GatewayEvent> Queue { get; } = Channel.CreateBounded<GatewayEvent>(new BoundedChannelOptions(QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
        });

        private long _dropped;

        public long CountDrop() => Interlocked.Increment(ref _dropped);
    }
}
