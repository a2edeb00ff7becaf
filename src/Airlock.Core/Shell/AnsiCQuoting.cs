using System.Globalization;
using System.Text;

namespace Airlock.Shell;

/// <summary>Decodes the body of bash's <c>$'…'</c> quoting.</summary>
internal static class AnsiCQuoting
{
    public static string Decode(string body)
    {
        var result = new StringBuilder(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c != '\\' || i + 1 >= body.Length)
            {
                result.Append(c);
                continue;
            }

            var e = body[++i];
            switch (e)
            {
                case 'n': result.Append('\n'); break;
                case 't': result.Append('\t'); break;
                case 'r': result.Append('\r'); break;
                case 'a': result.Append('\a'); break;
                case 'b': result.Append('\b'); break;
                case 'f': result.Append('\f'); break;
                case 'v': result.Append('\v'); break;
                case 'e' or 'E': result.Append('\x1b'); break;
                case 'x': i = AppendCode(body, i + 1, 2, 16, result) - 1; break;
                case 'u': i = AppendCode(body, i + 1, 4, 16, result) - 1; break;
                case 'U': i = AppendCode(body, i + 1, 8, 16, result) - 1; break;
                case 'c' when i + 1 < body.Length: result.Append((char)(body[++i] & 0x1f)); break;
                case >= '0' and <= '7': i = AppendCode(body, i, 3, 8, result) - 1; break;
                default: result.Append(e); break;
            }
        }

        return result.ToString();
    }

    /// <summary>Appends the character whose code is the digits at <paramref name="start"/>; returns the index after them.</summary>
    private static int AppendCode(string body, int start, int maxDigits, int radix, StringBuilder result)
    {
        var end = start;
        while (end < body.Length && end - start < maxDigits && IsDigit(body[end], radix))
        {
            end++;
        }

        if (end == start)
        {
            result.Append('\\').Append(radix == 16 ? body[start - 1] : "");
            return end;
        }

        var code = radix == 16
            ? int.Parse(body.AsSpan(start, end - start), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : Convert.ToInt32(body[start..end], 8);
        result.Append(code <= 0x10FFFF ? char.ConvertFromUtf32(code is >= 0xD800 and <= 0xDFFF ? 0xFFFD : code) : "\uFFFD");
        return end;
    }

    private static bool IsDigit(char c, int radix) => radix == 16 ? char.IsAsciiHexDigit(c) : c is >= '0' and <= '7';
}
