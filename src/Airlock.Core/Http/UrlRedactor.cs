namespace Airlock.Http;

/// <summary>Masks credentials in a URL before it is shown as a target or evidence.</summary>
internal static class UrlRedactor
{
    public const string Mask = "***";

    private static readonly HashSet<string> SecretNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "token", "access_token", "refresh_token", "id_token", "auth", "authorization", "key", "apikey",
        "api_key", "api-key", "sig", "signature", "secret", "client_secret", "password", "passwd", "pwd",
        "pass", "jwt", "session", "sessionid", "private_token", "code", "x-amz-signature",
        "x-amz-security-token", "x-amz-credential", "x-goog-signature", "x-goog-credential",
    };

    // Suffixes catch the many spellings services invent: authToken, github_token, X-Api-Key.
    private static readonly string[] SecretSuffixes = ["token", "secret", "password", "_key", "-key", "apikey", "signature"];

    public static string Redact(string url)
    {
        var schemeLength = UrlParts.SchemeLength(url);
        var start = schemeLength > 0 ? schemeLength + 3 : 0;
        var authorityEnd = url.IndexOfAny(['/', '?', '#'], start);
        if (authorityEnd < 0)
        {
            authorityEnd = url.Length;
        }

        var authority = RedactUserInfo(url[start..authorityEnd]);
        var rest = url[authorityEnd..];

        var hash = rest.IndexOf('#', StringComparison.Ordinal);
        var fragment = hash >= 0 ? "#" + RedactParameters(rest[(hash + 1)..]) : "";
        rest = hash >= 0 ? rest[..hash] : rest;

        var question = rest.IndexOf('?', StringComparison.Ordinal);
        var query = question >= 0 ? "?" + RedactParameters(rest[(question + 1)..]) : "";
        var path = question >= 0 ? rest[..question] : rest;

        return url[..start] + authority + path + query + fragment;
    }

    public static bool IsSecretName(string name)
    {
        if (SecretNames.Contains(name))
        {
            return true;
        }

        foreach (var suffix in SecretSuffixes)
        {
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static string RedactUserInfo(string authority)
    {
        var at = authority.LastIndexOf('@');
        if (at < 0)
        {
            return authority;
        }

        var userInfo = authority[..at];
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        string redacted;
        if (colon >= 0)
        {
            redacted = userInfo[..colon] + ":" + Mask;
        }
        else
        {
            // A lone long user name is usually a token (https://ghp_…@github.com).
            redacted = userInfo.Length >= 20 ? Mask : userInfo;
        }

        return redacted + authority[at..];
    }

    private static string RedactParameters(string parameters)
    {
        if (parameters.Length == 0)
        {
            return parameters;
        }

        var parts = parameters.Split('&');
        for (var i = 0; i < parts.Length; i++)
        {
            var equals = parts[i].IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && IsSecretName(Uri.UnescapeDataString(parts[i][..equals])))
            {
                parts[i] = parts[i][..(equals + 1)] + Mask;
            }
        }

        return string.Join('&', parts);
    }
}
