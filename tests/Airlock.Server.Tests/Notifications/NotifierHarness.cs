using Airlock.Server.Notifications;

namespace Airlock.Server.Tests.Notifications;

/// <summary>A started <see cref="WebhookNotifier"/> with captured logs, stopped and disposed at the end of a test.</summary>
internal sealed class NotifierHarness : IAsyncDisposable
{
    private readonly HttpClient _httpClient = WebhookNotifier.CreateHttpClient();
    private bool _stopped;

    private NotifierHarness(params WebhookOptions[] webhooks)
    {
        Notifier = new WebhookNotifier(webhooks, _httpClient, Logs.Logger<WebhookNotifier>(), TimeProvider.System);
    }

    public CapturedLogs Logs { get; } = new();

    public WebhookNotifier Notifier { get; }

    public static async Task<NotifierHarness> StartAsync(params WebhookOptions[] webhooks)
    {
        var harness = new NotifierHarness(webhooks);
        await harness.Notifier.StartAsync(CancellationToken.None);
        return harness;
    }

    public static NotifierHarness NotStarted(params WebhookOptions[] webhooks) => new(webhooks);

    public async Task StopAsync()
    {
        _stopped = true;
        await Notifier.StopAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            await StopAsync();
        }

        Notifier.Dispose();
        _httpClient.Dispose();
        Logs.Dispose();
    }
}
