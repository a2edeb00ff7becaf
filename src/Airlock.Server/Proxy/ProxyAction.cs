using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Airlock.Analysis;
using Airlock.Model;
using Microsoft.AspNetCore.Http;

namespace Airlock.Server.Proxy;

/// <summary>
/// A proxied request as the analyzer and the approvers see it: an <c>http_request</c> tool call with the
/// method, the upstream URL, the headers that say what it does, the body, and the route's configured
/// environment. This input is what an approval binds to, so sending the same request again matches it
/// and changing any of these does not.
/// </summary>
internal static class ProxyAction
{
    public const string Client = "proxy";

    // Keeps non-ASCII text as UTF-8: the analyzer's input limit counts bytes, and \uXXXX would sextuple them.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static ActionRequest Build(ProxyRoute route, HttpRequest request, Uri upstream, ProxyBody body, IReadOnlyList<KeyValuePair<string, string>> classifiedHeaders)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("route", route.Name);
            writer.WriteString("method", request.Method.ToUpperInvariant());
            writer.WriteString("url", upstream.AbsoluteUri);
            writer.WriteStartObject("headers");
            foreach (var (name, value) in classifiedHeaders)
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
            if (body.Text is not null)
            {
                writer.WriteString("body", body.Text);
            }

            if (body.Unread is not null)
            {
                writer.WriteString("body_unread", body.Unread);
            }

            if (route.Environment is not null)
            {
                writer.WriteString("environment", route.Environment);
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return new ActionRequest
        {
            Tool = HttpRequestToolAnalyzer.ToolName,
            Input = document.RootElement.Clone(),
            Client = Client,
            Subject = new Subject { Session = request.Headers[ProxyHeaders.AirlockSession].ToString() is { Length: > 0 and <= 200 } session ? session : null },
        };
    }

    /// <summary>
    /// What an <c>Idempotency-Key</c> is bound to: the classified request and the exact body bytes (or,
    /// for a streamed upload, its type and length). The same key with another request is refused.
    /// </summary>
    public static string RequestHash(ActionRequest action, ProxyBody body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(action.Input.GetRawText()));
        hash.AppendData("\n"u8);
        if (body.Bytes is not null)
        {
            hash.AppendData(body.Bytes);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
