using System.Text;

namespace Airlock.Http;

/// <summary>How curl turns <c>--data-urlencode</c> and <c>-F</c> arguments into what it sends.</summary>
internal static class CurlEncoding
{
    /// <summary>
    /// <c>content</c>, <c>=content</c>, <c>name=content</c> become encoded text; <c>@file</c> and
    /// <c>name@file</c> name a file. The first <c>=</c> wins over <c>@</c>, as in curl.
    /// </summary>
    public static (string? Text, string? File) DataUrlEncode(string value)
    {
        var separator = value.IndexOf('=', StringComparison.Ordinal);
        if (separator < 0)
        {
            separator = value.IndexOf('@', StringComparison.Ordinal);
        }

        if (separator >= 0 && value[separator] == '@')
        {
            return (null, value[(separator + 1)..]);
        }

        var name = separator > 0 ? value[..separator] : "";
        var content = separator >= 0 ? value[(separator + 1)..] : value;
        var encoded = Uri.EscapeDataString(content).Replace("%20", "+", StringComparison.Ordinal);
        return (name.Length > 0 ? name + "=" + encoded : encoded, null);
    }

    /// <summary>
    /// The content of a <c>-F name=content;type=…</c> field without its parameters. A leading
    /// <c>@</c> or <c>&lt;</c> (a file) is kept; a double-quoted content is unquoted.
    /// </summary>
    public static string FormContent(string content)
    {
        var prefix = content.StartsWith('@') || content.StartsWith('<') ? content[..1] : "";
        var rest = content[prefix.Length..];
        if (rest.StartsWith('"'))
        {
            var unquoted = new StringBuilder();
            for (var i = 1; i < rest.Length; i++)
            {
                var c = rest[i];
                if (c == '\\' && i + 1 < rest.Length && rest[i + 1] is '"' or '\\')
                {
                    unquoted.Append(rest[++i]);
                }
                else if (c == '"')
                {
                    break;
                }
                else
                {
                    unquoted.Append(c);
                }
            }

            return prefix + unquoted;
        }

        var semicolon = rest.IndexOf(';', StringComparison.Ordinal);
        return prefix + (semicolon >= 0 ? rest[..semicolon] : rest);
    }
}
