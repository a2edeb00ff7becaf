using Microsoft.Extensions.Primitives;

namespace Airlock.Server.Proxy;

/// <summary>
/// Which headers cross the proxy, each way, and which say what a request does. Hop-by-hop headers are
/// removed as RFC 9110 §7.6.1 requires: the fixed list and every header a <c>Connection</c> header names.
/// </summary>
internal static class ProxyHeaders
{
    /// <summary>The agent's Airlock token when its client keeps <c>Authorization</c> for something else.</summary>
    public const string AirlockToken = "X-Airlock-Token";

    /// <summary>Optional: the agent's session, recorded with the decision.</summary>
    public const string AirlockSession = "Airlock-Session";

    public const string IdempotencyKey = "Idempotency-Key";

    /// <summary>RFC 9110 §7.6.1, with the pre-standard Keep-Alive and Proxy-Connection that clients still send.</summary>
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate", "Proxy-Authorization", "TE", "Trailer", "Transfer-Encoding", "Upgrade",
    };

    /// <summary>
    /// Request headers the gateway owns: how the message is framed (<c>Host</c> comes from the upstream URL,
    /// <c>Content-Length</c> from the body sent), the agent's credentials (never forwarded), Airlock's own,
    /// and what the gateway sets itself (<c>X-Forwarded-*</c>: the agent is not a trusted proxy).
    /// </summary>
    private static readonly HashSet<string> GatewayOwned = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Expect", "Authorization", AirlockToken, AirlockSession, IdempotencyKey,
        "Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Forwarded-Prefix", "X-Real-IP", "Via",
    };

    /// <summary>
    /// Request headers that do not change what a request does but differ between two sends of the same
    /// request (tracing ids, the client's version, cookies of a session): left out of what is classified
    /// and approved, so an approved request sent again still matches its approval.
    /// </summary>
    private static readonly HashSet<string> Incidental = new(StringComparer.OrdinalIgnoreCase)
    {
        "User-Agent", "Accept", "Accept-Encoding", "Accept-Language", "Cache-Control", "Pragma", "Date", "Cookie",
        "traceparent", "tracestate", "baggage", "sentry-trace", "Request-Id", "X-Request-Id", "X-Correlation-Id", "X-Amzn-Trace-Id",
        "b3", "X-B3-TraceId", "X-B3-SpanId", "X-B3-ParentSpanId", "X-B3-Sampled", "X-B3-Flags", "X-Cloud-Trace-Context",
    };

    /// <summary>Response headers not passed back: hop-by-hop, and <c>Alt-Svc</c> (it would point the client at the upstream, around the gateway).</summary>
    private static readonly HashSet<string> ResponseOwned = new(StringComparer.OrdinalIgnoreCase) { "Alt-Svc", "Content-Length" };

    /// <summary>The headers a <c>Connection</c> header names: hop-by-hop for this message only.</summary>
    /// <remarks>
    /// Kestrel keeps only <c>close</c> or <c>keep-alive</c> of a request's <c>Connection</c> header when
    /// either is among its tokens, so names listed beside those cannot be seen on requests; names listed
    /// alone, and every name in an upstream's response, are honoured.
    /// </remarks>
    public static HashSet<string> NamedByConnection(StringValues connection)
    {
        var named = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var value in connection)
        {
            foreach (var token in (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                named.Add(token);
            }
        }

        return named;
    }

    /// <summary>Whether a request header goes upstream (the route's credential header is the gateway's too).</summary>
    public static bool ForwardsRequest(string name, ProxyRoute route, HashSet<string> connectionNamed) =>
        !HopByHop.Contains(name)
        && !GatewayOwned.Contains(name)
        && !connectionNamed.Contains(name)
        && !string.Equals(name, route.CredentialHeader, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether a forwarded request header is part of what is classified and approved.</summary>
    public static bool Classified(string name) => !Incidental.Contains(name);

    /// <summary>Whether a response header goes back to the agent.</summary>
    public static bool ForwardsResponse(string name, HashSet<string> connectionNamed) =>
        !HopByHop.Contains(name) && !ResponseOwned.Contains(name) && !connectionNamed.Contains(name);
}
