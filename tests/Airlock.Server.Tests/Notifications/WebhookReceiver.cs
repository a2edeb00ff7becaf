using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Airlock.Server.Tests.Notifications;

/// <summary>A real Kestrel on 127.0.0.1 that records every request (headers and raw body) and answers as told.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _requests;

    private WebhookReceiver(WebApplication app, ConcurrentQueue<ReceivedRequest> requests, Uri baseAddress)
    {
        _app = app;
        _requests = requests;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public IReadOnlyList<ReceivedRequest> Requests => [.. _requests];

    /// <summary>Starts a receiver; <paramref name="respond"/> gets the 1-based request number and writes the answer (200 when null).</summary>
    public static async Task<WebhookReceiver> StartAsync(Func<int, HttpContext, Task>? respond = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        var requests = new ConcurrentQueue<ReceivedRequest>();
        var count = 0;
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            var headers = context.Request.Headers.ToDictionary(
                header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            requests.Enqueue(new ReceivedRequest(context.Request.Path + context.Request.QueryString, headers, body.ToArray()));
            var number = Interlocked.Increment(ref count);
            if (respond is null)
            {
                context.Response.StatusCode = StatusCodes.Status200OK;
            }
            else
            {
                await respond(number, context);
            }
        });

        await app.StartAsync();
        return new WebhookReceiver(app, requests, new Uri(app.Urls.Single()));
    }

    /// <summary>Answers request n with statuses[n - 1], and the last status after that.</summary>
    public static Func<int, HttpContext, Task> Answer(params int[] statuses) => (number, context) =>
    {
        context.Response.StatusCode = statuses[Math.Min(number, statuses.Length) - 1];
        return Task.CompletedTask;
    };

    /// <summary>Holds the request open until the client gives up on it.</summary>
    public static async Task HangAsync(HttpContext context)
    {
        var aborted = new TaskCompletionSource();
        using var registration = context.RequestAborted.Register(() => aborted.TrySetResult());
        await aborted.Task;
    }

    public Uri Url(string pathAndQuery) => new(BaseAddress, pathAndQuery);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One request as the receiver saw it.</summary>
internal sealed record ReceivedRequest(string PathAndQuery, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
