namespace Airlock.Redaction;

/// <summary>
/// Finds passwords in SQL that sets one: <c>CREATE ROLE app PASSWORD 'x'</c>, <c>ALTER USER app WITH
/// ENCRYPTED PASSWORD 'x'</c>, <c>CREATE USER app IDENTIFIED BY 'x'</c>. A column named password
/// (<c>SELECT password FROM users</c>) is followed by no string literal and stays.
/// </summary>
internal static class SqlPasswords
{
    private const int MaxPluginLength = 64;

    public static void Find(string text, List<SecretSpan> spans)
    {
        FindAfter(text, "password", spans, static (text, at) => at);
        FindAfter(text, "identified", spans, AfterIdentifiedBy);
    }

    private static void FindAfter(string text, string keyword, List<SecretSpan> spans, Func<string, int, int> literalStart)
    {
        var at = text.IndexOf(keyword, StringComparison.OrdinalIgnoreCase);
        while (at >= 0)
        {
            var end = at + keyword.Length;
            var next = end;
            if (IsWordBoundary(text, at - 1) && IsWordBoundary(text, end) && end < text.Length && text[end] is ' ' or '\t' or '\n')
            {
                var quote = literalStart(text, SkipSpace(text, end));
                if (quote >= 0 && quote < text.Length && text[quote] == '\'' && !SecretValues.HoldsNoSecret(text, quote + 1))
                {
                    var close = ClosingQuote(text, quote + 1);
                    if (close > quote + 1)
                    {
                        spans.Add(new SecretSpan(quote + 1, close, RedactionKinds.Password));
                    }

                    next = Math.Min(text.Length, close + 1);
                }
            }

            at = next < text.Length ? text.IndexOf(keyword, next, StringComparison.OrdinalIgnoreCase) : -1;
        }
    }

    // IDENTIFIED BY 'x', or IDENTIFIED WITH mysql_native_password BY 'x'.
    private static int AfterIdentifiedBy(string text, int at)
    {
        if (StartsWord(text, at, "with"))
        {
            at = SkipSpace(text, at + 4);
            var plugin = at;
            while (at < text.Length && at - plugin < MaxPluginLength && (char.IsAsciiLetterOrDigit(text[at]) || text[at] is '_' or '\'' or '"'))
            {
                at++;
            }

            at = SkipSpace(text, at);
        }

        return StartsWord(text, at, "by") ? SkipSpace(text, at + 2) : -1;
    }

    // SQL doubles a quote inside a literal: 'it''s'.
    private static int ClosingQuote(string text, int at)
    {
        while (at < text.Length)
        {
            var close = text.IndexOf('\'', at);
            if (close < 0)
            {
                return text.Length;
            }

            if (close + 1 < text.Length && text[close + 1] == '\'')
            {
                at = close + 2;
                continue;
            }

            return close;
        }

        return text.Length;
    }

    private static bool StartsWord(string text, int at, string word) =>
        text.AsSpan(at).StartsWith(word, StringComparison.OrdinalIgnoreCase) && IsWordBoundary(text, at + word.Length);

    private static bool IsWordBoundary(string text, int at) =>
        at < 0 || at >= text.Length || !(char.IsAsciiLetterOrDigit(text[at]) || text[at] == '_');

    private static int SkipSpace(string text, int at)
    {
        while (at < text.Length && text[at] is ' ' or '\t' or '\r' or '\n')
        {
            at++;
        }

        return at;
    }
}
