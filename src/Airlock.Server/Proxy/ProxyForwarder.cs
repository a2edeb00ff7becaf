using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Airlock.Server.Executions;
using Airlock.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Airlock.Server.Proxy;

/// <summary>
/// Sends an allowed request upstream and streams the answer back: the request is rebuilt (hop-by-hop
/// and gateway-owned headers removed, the route's credential put in, <c>Via</c> and <c>X-Forwarded-*</c>
/// set), the response is copied chunk by chunk as it arrives, and at most <see cref="ProxyIdempotency.MaxKeptBodyBytes"/>
/// of it is kept when the request had an <c>Idempotency-Key</c>. A failure before the response starts is
/// a 502 or 504 JSON answer; a failure after it started aborts the connection, so a cut-off response is
/// never mistaken for a complete one.
/// </summary>
internal sealed class ProxyForwarder : IDisposable
{
    private const int ChunkSize = 64 * 1024;
    private readonly HttpMessageInvoker _client;

    public ProxyForwarder(HttpMessageHandler handler)
    {
        _client = new HttpMessageInvoker(handler, disposeHandler: true);
    }

    /// <summary>
    /// No redirects followed (the agent sees them), no cookies kept, no decompression (bytes pass as they
    /// are), no system proxy, and no trace headers added (the agent's own pass through). Not
    /// IHttpClientFactory: its logging writes full URLs.
    /// </summary>
    public static SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = TimeSpan.FromSeconds(15),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        ActivityHeadersPropagator = DistributedContextPropagator.CreateNoOutputPropagator(),
    };

    public static HttpRequestMessage CreateRequest(HttpContext context, ProxyRoute route, Uri upstream, ProxyBody body, string? credential, string? idempotencyKey)
    {
        var request = context.Request;
        var message = new HttpRequestMessage(new HttpMethod(request.Method), upstream)
        {
            Version = HttpVersion.Version11,
            // HTTP/2 when a TLS upstream offers it; never h2c on cleartext.
            VersionPolicy = HttpVersionPolicy.RequestVersionOrHigher,
        };
        if (body.Bytes is not null)
        {
            message.Content = new ByteArrayContent(body.Bytes);
        }
        else if (body.Streamed)
        {
            message.Content = new StreamContent(request.Body, ChunkSize);
            message.Content.Headers.ContentLength = request.ContentLength;
        }
        else if (request.ContentLength == 0)
        {
            message.Content = new ByteArrayContent([]);
        }

        var connectionNamed = ProxyHeaders.NamedByConnection(request.Headers.Connection);
        foreach (var (name, values) in request.Headers)
        {
            if (ProxyHeaders.ForwardsRequest(name, route, connectionNamed) && !message.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                // A content header (Content-Type…) belongs to the body; without one it says nothing.
                message.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        if (route.CredentialHeader is not null && credential is not null)
        {
            message.Headers.TryAddWithoutValidation(route.CredentialHeader, route.CredentialValue(credential));
        }

        if (idempotencyKey is not null)
        {
            message.Headers.TryAddWithoutValidation(ProxyHeaders.IdempotencyKey, idempotencyKey);
        }

        // The agent is not a trusted proxy: what it claims in these headers is replaced, not extended.
        if (context.Connection.RemoteIpAddress is { } remote)
        {
            message.Headers.TryAddWithoutValidation("X-Forwarded-For", remote.ToString());
        }

        message.Headers.TryAddWithoutValidation("X-Forwarded-Proto", request.Scheme);
        message.Headers.TryAddWithoutValidation("X-Forwarded-Host", request.Host.Value);
        message.Headers.TryAddWithoutValidation("Via", Via(request.Headers.Via, ReceivedProtocol(request.Protocol)));
        return message;
    }

    /// <summary>Sends the request and streams the response to the agent; the caller completes the response afterwards.</summary>
    public async Task<ForwardResult> ForwardAsync(HttpContext context, ProxyRoute route, HttpRequestMessage message, bool keep, IReadOnlyList<KeyValuePair<string, string>> extraHeaders)
    {
        var aborted = context.RequestAborted;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        timeout.CancelAfter(route.Timeout);
        HttpResponseMessage response;
        try
        {
            response = await _client.SendAsync(message, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            return ForwardResult.Failed(ExecutionStatus.ClientAborted, 0, mayHaveBeenSent: true, answer: null);
        }
        catch (OperationCanceledException)
        {
            return ForwardResult.Failed(ExecutionStatus.UpstreamTimeout, 504, mayHaveBeenSent: true, Error(504, "upstream_timeout",
                $"The upstream of route '{route.Name}' did not answer within {route.Timeout.TotalSeconds:0} s. It may or may not have acted on the request; check before sending it again."));
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError)
        {
            return ForwardResult.Failed(ExecutionStatus.UpstreamUnreachable, 502, mayHaveBeenSent: false, Error(502, "upstream_unreachable",
                $"The upstream of route '{route.Name}' could not be reached ({Describe(e.HttpRequestError)}); the request was not sent."), e.HttpRequestError.ToString());
        }
        catch (HttpRequestException e)
        {
            return ForwardResult.Failed(ExecutionStatus.UpstreamError, 502, mayHaveBeenSent: true, Error(502, "upstream_error",
                $"The exchange with the upstream of route '{route.Name}' failed ({Describe(e.HttpRequestError)}). It may or may not have acted on the request; check before sending it again."), e.HttpRequestError.ToString());
        }

        using (response)
        {
            // The timeout covers waiting for the answer, not reading a long response.
            timeout.CancelAfter(Timeout.InfiniteTimeSpan);
            return await StreamResponseAsync(context, response, keep, extraHeaders).ConfigureAwait(false);
        }
    }

    /// <summary>Writes a kept or gateway-made answer to the agent.</summary>
    public static async Task WriteAsync(HttpContext context, ReplayableResponse answer, IReadOnlyList<KeyValuePair<string, string>> extraHeaders)
    {
        var response = context.Response;
        response.StatusCode = answer.Status;
        foreach (var (name, value) in answer.Headers.Concat(extraHeaders))
        {
            response.Headers.Append(name, value);
        }

        if (AllowsBody(answer.Status))
        {
            response.ContentLength = answer.Body.Length;
            await response.Body.WriteAsync(answer.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>A gateway-made JSON error in the shape every other gateway error has.</summary>
    public static ReplayableResponse Error(int status, string code, string message) => new(
        status,
        [new("Content-Type", "application/json; charset=utf-8"), new("Cache-Control", "no-store")],
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new ErrorJson { Error = message, Code = code }, WireJsonContext.Readable.ErrorJson)));

    public void Dispose() => _client.Dispose();

    private static async Task<ForwardResult> StreamResponseAsync(HttpContext context, HttpResponseMessage upstream, bool keep, IReadOnlyList<KeyValuePair<string, string>> extraHeaders)
    {
        var response = context.Response;
        var status = (int)upstream.StatusCode;
        response.StatusCode = status;
        var connectionNamed = ProxyHeaders.NamedByConnection(upstream.Headers.TryGetValues("Connection", out var connection) ? connection.ToArray() : []);
        var passed = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in upstream.Headers.Concat(upstream.Content.Headers))
        {
            if (!ProxyHeaders.ForwardsResponse(name, connectionNamed) || string.Equals(name, "Via", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var value in values)
            {
                passed.Add(new(name, value));
                response.Headers.Append(name, value);
            }
        }

        var via = Via(upstream.Headers.Via.Select(v => v.ToString()).ToArray(), upstream.Version.Major >= 2 ? "2" : "1.1");
        passed.Add(new("Via", via));
        response.Headers.Via = via;
        foreach (var (name, value) in extraHeaders)
        {
            response.Headers.Append(name, value);
        }

        if (upstream.Content.Headers.ContentLength is { } length && AllowsBody(status))
        {
            response.ContentLength = length;
        }

        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var kept = keep ? new MemoryStream() : null;
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            await using var body = await upstream.Content.ReadAsStreamAsync(context.RequestAborted).ConfigureAwait(false);
            int read;
            while ((read = await ReadUpstreamAsync(body, buffer, context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                // Each chunk goes to the agent as it arrives: a large or slow response is never held whole.
                await response.Body.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted).ConfigureAwait(false);
                if (kept is not null)
                {
                    if (kept.Length + read > ProxyIdempotency.MaxKeptBodyBytes)
                    {
                        await kept.DisposeAsync().ConfigureAwait(false);
                        kept = null;
                    }
                    else
                    {
                        kept.Write(buffer, 0, read);
                    }
                }
            }
        }
        catch (UpstreamReadException e)
        {
            // Cut off mid-response: end the agent's connection too, rather than let a short body look complete.
            context.Abort();
            return ForwardResult.Failed(ExecutionStatus.UpstreamError, status, mayHaveBeenSent: true, answer: null, e.InnerException?.GetType().Name);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested)
        {
            return ForwardResult.Failed(ExecutionStatus.ClientAborted, status, mayHaveBeenSent: true, answer: null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        var replay = kept is null ? null : new ReplayableResponse(status, passed, kept.ToArray());
        return new ForwardResult(ExecutionStatus.Completed, status, MayHaveBeenSent: true, Answer: null, Kept: replay, Failure: null);
    }

    private static async Task<int> ReadUpstreamAsync(Stream body, byte[] buffer, CancellationToken cancellationToken)
    {
        try
        {
            return await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            throw new UpstreamReadException(e);
        }
    }

    private static string Via(IReadOnlyList<string?> existing, string receivedProtocol)
    {
        var own = $"{receivedProtocol} airlock";
        var prior = string.Join(", ", existing.Where(v => !string.IsNullOrWhiteSpace(v)));
        return prior.Length == 0 ? own : $"{prior}, {own}";
    }

    private static string ReceivedProtocol(string protocol) => protocol switch
    {
        "HTTP/2" => "2",
        "HTTP/3" => "3",
        "HTTP/1.0" => "1.0",
        _ => "1.1",
    };

    private static bool AllowsBody(int status) => status is >= 200 and not 204 and not 304;

    private static string Describe(HttpRequestError error) => error switch
    {
        HttpRequestError.ConnectionError => "connection refused or failed",
        HttpRequestError.NameResolutionError => "its host name did not resolve",
        HttpRequestError.SecureConnectionError => "the TLS handshake failed",
        HttpRequestError.ResponseEnded => "the connection closed before a response",
        HttpRequestError.InvalidResponse => "the response was not valid HTTP",
        _ => "an HTTP error",
    };

    private sealed class UpstreamReadException(Exception inner) : Exception("The upstream's response was cut off.", inner);
}
