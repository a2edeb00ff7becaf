namespace Airlock.Redaction;

/// <summary>
/// Connection strings: ADO.NET and ODBC (<c>Host=db;Password=a b;</c>, where a value may hold spaces and
/// runs to the <c>;</c>) and libpq conninfo (<c>host=db password=x</c>).
/// </summary>
internal static class ConnectionStrings
{
    private const int Window = 160;

    private static readonly string[] NeighbourKeys =
    [
        "host=", "hostaddr=", "dbname=", "server=", "database=", "data source=", "uid=", "user id=", "user=",
        "username=", "port=", "sslmode=",
    ];

    /// <summary>
    /// Reads an ADO.NET-style value, which may hold spaces and runs to the <c>;</c>: after a <c>;</c>, or
    /// after a bare <c>Password=</c> whose value reaches a <c>;</c> before any quote, line end or further <c>=</c>.
    /// </summary>
    public static bool TryRead(string text, ReadOnlySpan<char> name, int nameStart, int at, out ValueSpan value)
    {
        value = default;
        var afterSemicolon = FollowsSemicolon(text, nameStart);
        if (!afterSemicolon && !IsBarePassword(name))
        {
            return false;
        }

        if (at < text.Length && text[at] == '{' && afterSemicolon)
        {
            // ODBC braces: PWD={a;b};
            var close = text.IndexOf('}', at);
            var end = close < 0 ? text.Length : close;
            value = new ValueSpan(at + 1, end, Math.Min(end + 1, text.Length));
            return true;
        }

        // A bare password's scan stops at the next '=', where the next candidate starts, and an accepted
        // value is skipped whole, so each character is read about once.
        for (var i = at; i < text.Length; i++)
        {
            var c = text[i];
            if (c == ';' || (afterSemicolon && c is '"' or '\'' or '\r' or '\n'))
            {
                value = Trimmed(text, at, i);
                return true;
            }

            if (!afterSemicolon && c is '"' or '\'' or '\r' or '\n' or '=' or '&' or '|')
            {
                return false;
            }
        }

        value = Trimmed(text, at, text.Length);
        return afterSemicolon;
    }

    private static ValueSpan Trimmed(string text, int start, int end)
    {
        var resume = end;
        while (end > start && text[end - 1] is ' ' or '\t')
        {
            end--;
        }

        return new ValueSpan(start, end, resume);
    }

    /// <summary>Whether a password sits among other connection keys, so it is reported as a connection password.</summary>
    public static bool IsConnectionPassword(string text, ReadOnlySpan<char> name, int nameStart)
    {
        if (!IsBarePassword(name))
        {
            return false;
        }

        if (FollowsSemicolon(text, nameStart))
        {
            return true;
        }

        var from = Math.Max(0, nameStart - Window);
        var around = text.AsSpan(from, Math.Min(text.Length, nameStart + Window) - from);
        foreach (var key in NeighbourKeys)
        {
            if (around.IndexOf(key, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsBarePassword(ReadOnlySpan<char> name) =>
        name.Equals("password", StringComparison.OrdinalIgnoreCase) || name.Equals("pwd", StringComparison.OrdinalIgnoreCase);

    private static bool FollowsSemicolon(string text, int nameStart)
    {
        var i = nameStart - 1;
        while (i >= 0 && text[i] is ' ' or '\t')
        {
            i--;
        }

        return i >= 0 && text[i] == ';';
    }
}
