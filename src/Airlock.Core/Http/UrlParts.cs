namespace Airlock.Http;

/// <summary>
/// The pieces of a URL as a command line wrote it. Hand-split rather than <see cref="Uri"/>, which
/// rejects what tools accept: curl globs (<c>{a,b}</c>), shell variables, schemeless hosts.
/// </summary>
internal readonly record struct UrlParts(string Scheme, string Authority, string? UserInfo, string? Host, string Path, string Query, string Fragment)
{
    public static UrlParts Parse(string url)
    {
        var rest = url;
        var scheme = "";
        var schemeEnd = SchemeLength(url);
        if (schemeEnd > 0)
        {
            scheme = url[..schemeEnd].ToLowerInvariant();
            rest = url[(schemeEnd + 3)..];
        }

        var fragment = "";
        var hash = rest.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            fragment = rest[(hash + 1)..];
            rest = rest[..hash];
        }

        var query = "";
        var question = rest.IndexOf('?', StringComparison.Ordinal);
        if (question >= 0)
        {
            query = rest[(question + 1)..];
            rest = rest[..question];
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = slash >= 0 ? rest[..slash] : rest;
        var path = slash >= 0 ? rest[slash..] : "";

        string? userInfo = null;
        var hostPort = authority;
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            userInfo = authority[..at];
            hostPort = authority[(at + 1)..];
        }

        return new UrlParts(scheme, authority, userInfo, HostOf(hostPort), path, query, fragment);
    }

    /// <summary>The length of <c>scheme</c> in <c>scheme://…</c>, or 0 when the URL has no scheme.</summary>
    public static int SchemeLength(string url)
    {
        var end = url.IndexOf("://", StringComparison.Ordinal);
        if (end <= 0 || !char.IsAsciiLetter(url[0]))
        {
            return 0;
        }

        for (var i = 1; i < end; i++)
        {
            var c = url[i];
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return 0;
            }
        }

        return end;
    }

    /// <summary>The host without port, lower-case; null when it is empty or only known at run time.</summary>
    private static string? HostOf(string hostPort)
    {
        string host;
        if (hostPort.StartsWith('['))
        {
            var close = hostPort.IndexOf(']', StringComparison.Ordinal);
            host = close > 0 ? hostPort[..(close + 1)] : hostPort;
        }
        else
        {
            var colon = hostPort.IndexOf(':', StringComparison.Ordinal);
            host = colon >= 0 ? hostPort[..colon] : hostPort;
        }

        if (host.Length == 0)
        {
            return null;
        }

        foreach (var c in host)
        {
            // Anything beyond host characters and curl's glob syntax is a variable, a
            // substitution or garbage: the real host is decided at run time.
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '-' or '_' or '~' or '%' or '[' or ']' or ':' or '{' or '}' or ','))
            {
                return null;
            }
        }

        return host.ToLowerInvariant();
    }
}
