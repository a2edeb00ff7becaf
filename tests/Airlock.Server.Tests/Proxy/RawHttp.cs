using System.Net.Sockets;
using System.Text;

namespace Airlock.Server.Tests.Proxy;

/// <summary>
/// HTTP/1.1 written and read byte for byte over a socket, for what HttpClient would not send or would
/// tidy up: hop-by-hop headers of the agent's choosing, dot segments in the request target.
/// </summary>
internal static class RawHttp
{
    /// <summary>Sends <paramref name="head"/> (request line and headers, no body) and reads one answer, framed by Content-Length or chunked.</summary>
    public static async Task<RawResponse> SendAsync(Uri server, string head)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        await using var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ReplaceLineEndings("\r\n").TrimEnd() + "\r\n\r\n"));
        var received = new StringBuilder();
        var buffer = new byte[64 * 1024];
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var text = received.ToString();
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                var lines = text[..end].Split("\r\n");
                var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Select(p => new KeyValuePair<string, string>(p[0].Trim(), p[1].Trim())).ToList();
                var response = new RawResponse(int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), headers, text[(end + 4)..]);
                var complete = response.Header("Content-Length") is { } length
                    ? Encoding.UTF8.GetByteCount(response.Body) >= int.Parse(length, System.Globalization.CultureInfo.InvariantCulture)
                    : response.Body.EndsWith("0\r\n\r\n", StringComparison.Ordinal);
                if (complete)
                {
                    return response;
                }
            }

            var read = await stream.ReadAsync(buffer, limit.Token);
            if (read == 0)
            {
                throw new IOException("The server closed the connection before a whole answer: " + received);
            }

            received.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }
    }
}

/// <summary>A status, every header line as received, and the body as text (still chunk-framed if chunked).</summary>
internal sealed record RawResponse(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, string Body)
{
    public string? Header(string name)
    {
        var values = Headers.Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();
        return values.Count == 0 ? null : string.Join(", ", values);
    }
}
