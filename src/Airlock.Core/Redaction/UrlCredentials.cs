using System.Buffers;

namespace Airlock.Redaction;

/// <summary>
/// Finds the password in a URL's user information, for any scheme:
/// <c>postgres://app:[REDACTED:password]@db/prod</c>. The user name stays readable unless it is itself a
/// long token (<c>https://&lt;token&gt;@host</c>); known token formats are found by <see cref="TokenFormats"/>.
/// </summary>
internal static class UrlCredentials
{
    private const int MaxAuthority = 2048;
    private const int MinLoneTokenLength = 32;

    // The authority ends at the path, query or fragment, or where the URL itself ends in the text. A user
    // name or password never holds a raw '[', so the search also stops at an IPv6 host or a marker.
    private static readonly SearchValues<char> AuthorityEnds = SearchValues.Create("/?# \t\r\n\"'<>\\`[");

    private static readonly SearchValues<char> TokenChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");

    public static void Find(string text, List<SecretSpan> spans)
    {
        var from = 0;
        while (from < text.Length)
        {
            var slashes = text.IndexOf("://", from, StringComparison.Ordinal);
            if (slashes < 0)
            {
                return;
            }

            var start = slashes + 3;
            var window = text.AsSpan(start, Math.Min(MaxAuthority, text.Length - start));
            var length = window.IndexOfAny(AuthorityEnds);
            var authority = length < 0 ? window : window[..length];
            var at = authority.LastIndexOf('@');
            if (at > 0)
            {
                AddUserInfo(text, start, start + at, spans);
            }

            from = start + authority.Length;
        }
    }

    private static void AddUserInfo(string text, int start, int end, List<SecretSpan> spans)
    {
        var userInfo = text.AsSpan(start, end - start);
        var colon = SecretValues.IndexOfColon(userInfo);
        if (colon >= 0)
        {
            var password = start + colon + 1;
            if (password < end && !SecretValues.HoldsNoSecret(text, password) && !SecretValues.IsLiteral(text.AsSpan(password, end - password)))
            {
                spans.Add(new SecretSpan(password, end, RedactionKinds.Password));
            }
        }
        else if (userInfo.Length >= MinLoneTokenLength && !userInfo.ContainsAnyExcept(TokenChars))
        {
            spans.Add(new SecretSpan(start, end, RedactionKinds.Secret));
        }
    }
}
