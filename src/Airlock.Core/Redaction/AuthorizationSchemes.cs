namespace Airlock.Redaction;

/// <summary>
/// Splits an <c>Authorization</c> value into the scheme, which stays readable, and the credentials,
/// which are redacted: <c>Bearer [REDACTED:bearer_token]</c>.
/// </summary>
internal static class AuthorizationSchemes
{
    private const int MaxSchemeLength = 32;

    private static readonly HashSet<string> Schemes = new(StringComparer.OrdinalIgnoreCase)
    {
        "bearer", "basic", "token", "digest", "negotiate", "ntlm", "apikey", "api-key", "key", "sso-key",
        "ssws", "oauth", "hmac", "aws4-hmac-sha256", "bot", "splunk", "dpop",
    };

    /// <summary>Where the credentials start and what kind they are; without a known scheme, the whole value.</summary>
    public static (int Start, string Kind) Credentials(string text, int at)
    {
        var end = at;
        while (end < text.Length && end - at <= MaxSchemeLength && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '-'))
        {
            end++;
        }

        var scheme = text.AsSpan(at, end - at);
        // A scheme stands alone or before a space; "key=abc" is a value, not the scheme "key".
        if (end == at || (end < text.Length && text[end] == '=') || !Schemes.GetAlternateLookup<ReadOnlySpan<char>>().Contains(scheme))
        {
            return (at, RedactionKinds.Authorization);
        }

        var kind = scheme.Equals("bearer", StringComparison.OrdinalIgnoreCase) ? RedactionKinds.BearerToken
            : scheme.Equals("basic", StringComparison.OrdinalIgnoreCase) ? RedactionKinds.BasicAuth
            : RedactionKinds.Authorization;
        return (SecretValues.SkipBlanks(text, end), kind);
    }
}
