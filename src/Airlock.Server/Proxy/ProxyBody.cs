using System.Net.Http.Headers;
using System.Text;
using System.Text.Unicode;
using Airlock.Server.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Airlock.Server.Proxy;

/// <summary>
/// A proxied request's body as classification needs it. A body that can say what the request does
/// (JSON, GraphQL, form, text — anything sent to a GraphQL endpoint) is read whole, up to
/// <see cref="MaxClassifiedBytes"/>, classified and then forwarded byte for byte; a larger one is
/// refused (fail closed). Binary content to a non-GraphQL endpoint (an upload) is not read: it is
/// classified by method and path and streamed upstream after the decision.
/// </summary>
internal sealed class ProxyBody
{
    /// <summary>
    /// The analyzer reads at most 1 MiB of tool input (<see cref="Analysis.ActionAnalyzer.MaxInputChars"/>);
    /// half of it leaves room for the JSON escaping of the body inside that input.
    /// </summary>
    public const int MaxClassifiedBytes = 512 * 1024;

    private static readonly string[] BinaryTypes = ["application/octet-stream", "application/zip", "application/gzip", "application/x-gzip", "application/x-tar", "application/pdf", "multipart/form-data"];
    private static readonly string[] BinaryFamilies = ["image/", "audio/", "video/", "font/"];

    private ProxyBody(byte[]? bytes, string? text, string? unread, bool streamed)
    {
        Bytes = bytes;
        Text = text;
        Unread = unread;
        Streamed = streamed;
    }

    /// <summary>The body as received, when it was read (forwarded exactly).</summary>
    public byte[]? Bytes { get; }

    /// <summary>The body as text for classification, when it was read and is UTF-8.</summary>
    public string? Text { get; }

    /// <summary>Why a body that is sent was not classified (binary content), for the analyzer.</summary>
    public string? Unread { get; }

    /// <summary>The body is streamed from the agent to the upstream after the decision.</summary>
    public bool Streamed { get; }

    public static ProxyBody None { get; } = new(null, null, null, false);

    public static async Task<ProxyBody> ReadAsync(HttpContext context, Uri upstream)
    {
        var request = context.Request;
        var canHaveBody = context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? request.ContentLength > 0;
        if (!canHaveBody)
        {
            return None;
        }

        var mediaType = MediaType(request.ContentType);
        var graphQlEndpoint = upstream.AbsolutePath.Contains("graphql", StringComparison.OrdinalIgnoreCase);
        if (!graphQlEndpoint && mediaType is not null && IsBinary(mediaType))
        {
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                // An upload streams through; Kestrel's default 30 MB cap is for bodies the gateway reads itself.
                limit.MaxRequestBodySize = null;
            }

            return new ProxyBody(null, null, $"binary content ({mediaType}{Length(request.ContentLength)})", streamed: true);
        }

        if (request.Headers.ContentEncoding.ToString() is { Length: > 0 } encoding && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            throw new GatewayException(415, "body_encoded", $"Airlock must read this request's body to decide it and does not decode '{encoding}'; send it without Content-Encoding.");
        }

        if (request.ContentLength > MaxClassifiedBytes)
        {
            throw TooLarge();
        }

        var bytes = await ReadBoundedAsync(request.Body, context.RequestAborted).ConfigureAwait(false);
        return Utf8.IsValid(bytes)
            ? new ProxyBody(bytes, Encoding.UTF8.GetString(bytes), null, streamed: false)
            : new ProxyBody(bytes, null, $"not UTF-8 text ({mediaType ?? "no content type"}, {bytes.Length} bytes)", streamed: false);
    }

    private static async Task<byte[]> ReadBoundedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxClassifiedBytes)
            {
                throw TooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static GatewayException TooLarge() => new(413, "body_too_large_to_classify",
        $"Airlock reads a request body of up to {MaxClassifiedBytes / 1024} KiB to decide it, and this one is larger, so it is refused; send a smaller request, or binary content with its own Content-Type (application/octet-stream) to a non-GraphQL endpoint.");

    private static string? MediaType(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) && parsed.MediaType is { } type ? type.ToLowerInvariant() : null;

    private static bool IsBinary(string mediaType) =>
        BinaryTypes.Contains(mediaType, StringComparer.Ordinal) || BinaryFamilies.Any(f => mediaType.StartsWith(f, StringComparison.Ordinal));

    private static string Length(long? contentLength) => contentLength is { } n ? $", {n} bytes" : "";
}
