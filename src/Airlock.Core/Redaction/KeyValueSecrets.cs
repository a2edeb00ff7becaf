using System.Buffers;

namespace Airlock.Redaction;

/// <summary>
/// Finds <c>name=value</c> and <c>name: value</c> pairs whose name says secret: environment assignments
/// (<c>export GITHUB_TOKEN=…</c>), <c>--password=…</c>, query parameters, connection strings, JSON-ish
/// <c>"password": "…"</c>, YAML-ish <c>password: …</c> and HTTP headers (<c>Authorization: Bearer …</c>).
/// It looks from each separator back to the name, so the work per separator is bounded.
/// </summary>
internal static class KeyValueSecrets
{
    private const int MaxBlanks = 8;
    private const int MaxNameLength = 128;

    private static readonly SearchValues<char> Separators = SearchValues.Create("=:");

    public static void Find(string text, List<SecretSpan> spans)
    {
        var at = 0;
        while (at < text.Length)
        {
            var found = text.AsSpan(at).IndexOfAny(Separators);
            if (found < 0)
            {
                return;
            }

            at = TryRedact(text, at + found, spans);
        }
    }

    // Returns where scanning resumes: past a redacted value, else just past the separator.
    private static int TryRedact(string text, int separator, List<SecretSpan> spans)
    {
        var resume = separator + 1;
        if (!TryNameBefore(text, separator, out var nameStart, out var nameEnd, out var openStart))
        {
            return resume;
        }

        var name = text.AsSpan(nameStart, nameEnd - nameStart);
        var kind = SecretNameKinds.Of(name);
        if (kind is null || InUrlUserInfo(text, openStart))
        {
            return resume;
        }

        var colon = text[separator] == ':';
        var at = separator + 1;
        if (at < text.Length && !colon && text[at] == '=')
        {
            // A comparison, not an assignment.
            return resume;
        }

        if (at < text.Length && ((colon && text[at] == '=') || (!colon && text[at] == '>')))
        {
            // := (Make, Go) and => (Ruby, PHP) read like =.
            colon = false;
            at++;
        }

        if (colon && text.AsSpan(at).StartsWith("//", StringComparison.Ordinal))
        {
            return resume;
        }

        at = SecretValues.SkipBlanks(text, at);
        var contentStart = SecretValues.ContentStart(text, at);
        var secretStart = contentStart;
        if (kind == RedactionKinds.Authorization)
        {
            (secretStart, kind) = AuthorizationSchemes.Credentials(text, contentStart);
        }

        if (SecretValues.HoldsNoSecret(text, secretStart) || SecretValues.IsPathFor(name, kind, text, secretStart)
            || (colon && kind is RedactionKinds.Secret or RedactionKinds.Password && StartsAssignment(text, secretStart)))
        {
            return resume;
        }

        // Header values hold spaces (Bearer x; a=1; b=2); after '=' only when a scheme was seen.
        var wholeHeader = colon ? kind == RedactionKinds.Cookie || AuthorizationFamily(kind) : secretStart > contentStart;
        var value = ReadValue(text, name, colon, wholeHeader, nameStart, openStart, at);

        // ODBC braces put the value one character in: PWD={…}.
        secretStart = Math.Max(secretStart, value.Start);
        if (secretStart >= value.End || SecretValues.HoldsNoSecret(text, secretStart) || SecretValues.IsLiteral(text.AsSpan(secretStart, value.End - secretStart)))
        {
            return value.Resume;
        }

        if (kind == RedactionKinds.Password && !colon && ConnectionStrings.IsConnectionPassword(text, name, nameStart))
        {
            kind = RedactionKinds.ConnectionPassword;
        }

        spans.Add(new SecretSpan(secretStart, value.End, kind));
        return Math.Max(value.Resume, resume);
    }

    private static ValueSpan ReadValue(string text, ReadOnlySpan<char> name, bool colon, bool wholeHeader, int nameStart, int openStart, int at)
    {
        if (SecretValues.StartsQuoted(text, at))
        {
            return SecretValues.ReadQuoted(text, at);
        }

        if (wholeHeader)
        {
            return SecretValues.Read(text, at, toLineEnd: true);
        }

        if (!colon)
        {
            return ConnectionStrings.TryRead(text, name, nameStart, at, out var value) ? value : SecretValues.Read(text, at);
        }

        // A YAML value runs to its line's end; anywhere else a value after ':' is one word.
        return SecretValues.Read(text, at, toLineEnd: StartsLine(text, openStart));
    }

    private static bool AuthorizationFamily(string kind) =>
        kind is RedactionKinds.Authorization or RedactionKinds.BearerToken or RedactionKinds.BasicAuth;

    /// <summary>
    /// Finds the name before a separator: <c>NAME=</c>, <c>"name": </c>, <c>name = </c>, <c>\"name\":</c>.
    /// <paramref name="openStart"/> includes the name's opening quote, if any.
    /// </summary>
    private static bool TryNameBefore(string text, int separator, out int nameStart, out int nameEnd, out int openStart)
    {
        nameStart = nameEnd = openStart = 0;
        var i = separator - 1;
        for (var blanks = 0; i >= 0 && text[i] is ' ' or '\t' && blanks < MaxBlanks; blanks++)
        {
            i--;
        }

        // os.environ["API_KEY"] = …, headers['X-Api-Key'] = …
        var indexed = i > 0 && text[i] == ']' && SecretValues.IsQuote(text[i - 1]);
        if (indexed)
        {
            i--;
        }

        var quote = '\0';
        if (i >= 0 && SecretValues.IsQuote(text[i]))
        {
            quote = text[i--];
            if (i >= 0 && text[i] == '\\')
            {
                i--;
            }
        }

        nameEnd = i + 1;
        while (i >= 0 && IsNameChar(text[i]) && nameEnd - i <= MaxNameLength)
        {
            i--;
        }

        nameStart = i + 1;
        if (nameStart == nameEnd || (i >= 0 && IsNameChar(text[i])))
        {
            return false;
        }

        openStart = nameStart;
        if (quote != '\0' && i >= 0 && text[i] == quote)
        {
            openStart = i > 0 && text[i - 1] == '\\' ? i - 1 : i;
        }
        else if (indexed)
        {
            return false;
        }

        return true;
    }

    // "the token: GITHUB_TOKEN=…" — the assignment after the colon is judged by its own name.
    private static bool StartsAssignment(string text, int at)
    {
        var end = at;
        while (end < text.Length && end - at < MaxNameLength && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_'))
        {
            end++;
        }

        return end > at && end < text.Length && text[end] == '=' && !char.IsAsciiDigit(text[at]);
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.';

    // https://user:pass@host is read by UrlCredentials, which keeps the user name.
    private static bool InUrlUserInfo(string text, int openStart) =>
        openStart >= 2 && text[openStart - 1] == '/' && text[openStart - 2] == '/';

    /// <summary>Whether the name begins its line (after indentation or a YAML "- "), as a YAML key does.</summary>
    private static bool StartsLine(string text, int openStart)
    {
        var i = openStart - 1;
        while (i >= 0 && text[i] is ' ' or '\t')
        {
            i--;
        }

        if (i >= 0 && text[i] == '-' && (i == 0 || text[i - 1] is ' ' or '\t' or '\n' or '\r'))
        {
            i--;
            while (i >= 0 && text[i] is ' ' or '\t')
            {
                i--;
            }
        }

        return i < 0 || text[i] is '\n' or '\r';
    }
}
