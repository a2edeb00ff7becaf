using System.Text;

namespace Airlock.Http;

/// <summary>One httpie / xh request item such as <c>name=value</c>, <c>count:=3</c> or <c>Header:value</c>.</summary>
internal readonly record struct HttpieItem(string Key, string Separator, string Value)
{
    // At the first position where any separator occurs the longest one wins, as in httpie.
    private static readonly string[] Separators = [":=@", "==@", "=@", ":=", "==", ":@", "=", "@", ":", ";"];

    public static HttpieItem? Parse(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
                continue;
            }

            foreach (var separator in Separators)
            {
                if (string.CompareOrdinal(text, i, separator, 0, separator.Length) == 0)
                {
                    return new HttpieItem(Unescape(text[..i]), separator, Unescape(text[(i + separator.Length)..]));
                }
            }
        }

        return null;
    }

    /// <summary>True for items that put data in the body, which makes httpie send POST by default.</summary>
    public bool IsData => Separator is "=" or ":=" or "=@" or ":=@" or "@";

    public bool IsFile => Separator is "=@" or ":=@" or "==@" or ":@" or "@";

    /// <summary>A backslash makes a following separator character literal (<c>a\=b=c</c> is the field <c>a=b</c>).</summary>
    private static string Unescape(string text)
    {
        if (!text.Contains('\\', StringComparison.Ordinal))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] is ':' or '=' or '@' or ';' or '\\')
            {
                i++;
            }

            builder.Append(text[i]);
        }

        return builder.ToString();
    }
}
