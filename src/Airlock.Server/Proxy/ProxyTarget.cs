using Airlock.Server.Http;

namespace Airlock.Server.Proxy;

/// <summary>
/// Where a proxied request goes: the upstream base URL with the rest of the request target appended
/// as the client spelled it (the raw target, not the decoded path, so <c>%2F</c> stays <c>%2F</c>).
/// A target the upstream could resolve outside the route's base path — a dot segment, a backslash —
/// is refused rather than normalized, so what is classified is exactly what is sent.
/// </summary>
internal static class ProxyTarget
{
    public static Uri Upstream(ProxyRoute route, string rawTarget)
    {
        var bare = ProxyRoute.PathPrefix + route.Name;
        string rest;
        if (rawTarget.StartsWith(route.Prefix, StringComparison.Ordinal))
        {
            rest = rawTarget[route.Prefix.Length..];
        }
        else if (rawTarget == bare || rawTarget.StartsWith(bare + "?", StringComparison.Ordinal))
        {
            rest = rawTarget[bare.Length..];
        }
        else
        {
            throw GatewayException.BadRequest($"The request target must start with {route.Prefix} spelled out, without percent-encoding.");
        }

        var query = rest.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? rest : rest[..query];
        if (path.Contains('\\', StringComparison.Ordinal) || path.Split('/').Select(Decode).Any(segment => segment is "." or ".." || segment.Contains('\\', StringComparison.Ordinal)))
        {
            throw GatewayException.BadRequest("The request path has a '.' or '..' segment or a backslash; send the path the upstream should receive, already resolved.");
        }

        if (rest.Contains('#', StringComparison.Ordinal) || rest.Any(char.IsControl) || rest.Contains(' ', StringComparison.Ordinal))
        {
            throw GatewayException.BadRequest("The request target has characters that are not allowed in a URL.");
        }

        return Uri.TryCreate(route.Upstream.AbsoluteUri + rest, UriKind.Absolute, out var upstream)
            ? upstream
            : throw GatewayException.BadRequest("The request target does not make a valid URL on the upstream.");
    }

    private static string Decode(string segment)
    {
        try
        {
            return Uri.UnescapeDataString(segment);
        }
        catch (UriFormatException)
        {
            return segment;
        }
    }
}
