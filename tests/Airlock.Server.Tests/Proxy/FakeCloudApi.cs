using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Airlock.Server.Tests.Proxy;

/// <summary>
/// A real Kestrel on 127.0.0.1 that behaves like a cloud provider's GraphQL API (Railway's shape): it
/// records every request it receives, answers <c>query { me { id } }</c> and the <c>volumeDelete</c>
/// mutation, streams large responses on demand, and can hold a request open until a test releases it.
/// </summary>
internal sealed class FakeCloudApi : IAsyncDisposable
{
    public const string Credential = "rw_live_7f3c9a1e5b2d4c6f8a0b1c2d3e4f5a6b";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<UpstreamRequest> _requests = new();
    private int _volumeDeletes;

    private FakeCloudApi(WebApplication app)
    {
        _app = app;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<UpstreamRequest> Requests => [.. _requests];

    /// <summary>How many <c>volumeDelete</c> mutations reached the API: what exactly-once is measured by.</summary>
    public int VolumeDeletes => Volatile.Read(ref _volumeDeletes);

    /// <summary>Released by the test to let <c>/slow</c> answer.</summary>
    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set when <c>/stream</c> has written its last byte.</summary>
    public TaskCompletionSource StreamFinished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set when <c>/slow</c> has received its request.</summary>
    public TaskCompletionSource SlowArrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<FakeCloudApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = null);
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        var api = new FakeCloudApi(app);
        app.Run(api.HandleAsync);
        await app.StartAsync();
        api.BaseAddress = new Uri(app.Urls.Single() + "/");
        return api;
    }

    public async ValueTask DisposeAsync()
    {
        Release.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new UpstreamRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, headers, buffer.ToArray());
        _requests.Enqueue(request);

        if (!string.Equals(headers.GetValueOrDefault("Authorization"), "Bearer " + Credential, StringComparison.Ordinal))
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsJsonAsync(new { errors = new[] { new { message = "Not Authorized" } } });
            return;
        }

        switch (context.Request.Path.Value)
        {
            case "/graphql/v2":
                await GraphQlAsync(context, request);
                break;
            case "/headers":
                // Hop-by-hop headers a careless proxy would pass back, and one named by Connection.
                context.Response.Headers.Connection = "X-Upstream-Hop";
                context.Response.Headers["X-Upstream-Hop"] = "must not pass";
                context.Response.Headers["Keep-Alive"] = "timeout=5";
                context.Response.Headers["Proxy-Authenticate"] = "Basic realm=upstream";
                context.Response.Headers["Alt-Svc"] = "h3=\":443\"";
                context.Response.Headers["X-Upstream-Kept"] = "passes";
                context.Response.Headers.Via = "1.1 upstream-lb";
                await context.Response.WriteAsJsonAsync(new { ok = true });
                break;
            case "/stream":
                await StreamAsync(context);
                break;
            case "/slow":
                SlowArrived.TrySetResult();
                await Release.Task.WaitAsync(context.RequestAborted);
                await context.Response.WriteAsJsonAsync(new { data = new { slow = true } });
                break;
            default:
                context.Response.StatusCode = 404;
                break;
        }
    }

    private async Task GraphQlAsync(HttpContext context, UpstreamRequest request)
    {
        using var json = JsonDocument.Parse(request.Body);
        var query = json.RootElement.GetProperty("query").GetString() ?? "";
        if (query.Contains("volumeDelete", StringComparison.Ordinal))
        {
            var count = Interlocked.Increment(ref _volumeDeletes);
            context.Response.Headers["X-Request-Number"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await context.Response.WriteAsJsonAsync(new { data = new { volumeDelete = true } });
            return;
        }

        await context.Response.WriteAsJsonAsync(new { data = new { me = new { id = "user_1", email = "dev@example.com" } } });
    }

    /// <summary>
    /// <c>/stream?mib=N</c>: one MiB, then a wait until the test releases it, then the rest, without a
    /// Content-Length (chunked), as a log download or an export would come.
    /// </summary>
    private async Task StreamAsync(HttpContext context)
    {
        var mib = int.Parse(context.Request.Query["mib"].ToString(), System.Globalization.CultureInfo.InvariantCulture);
        context.Response.ContentType = "application/octet-stream";
        var chunk = new byte[64 * 1024];
        for (var i = 0; i < chunk.Length; i++)
        {
            chunk[i] = (byte)(i % 251);
        }

        for (var sent = 0; sent < mib * 16; sent++)
        {
            if (sent == 16)
            {
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Release.Task.WaitAsync(context.RequestAborted);
            }

            await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
        }

        StreamFinished.TrySetResult();
    }
}

/// <summary>One request as the upstream received it.</summary>
internal sealed record UpstreamRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public string AllText => string.Join('\n', Headers.Select(h => $"{h.Key}: {h.Value}")) + "\n" + System.Text.Encoding.UTF8.GetString(Body);
}
