using System.Globalization;
using System.Text;

namespace Airlock.Sql;

/// <summary>Splits one redis-cli input line into words the way redis-cli does (sdssplitargs quoting).</summary>
internal static class RedisCommandLine
{
    public static List<string> Split(string line)
    {
        var words = new List<string>();
        var i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && char.IsWhiteSpace(line[i]))
            {
                i++;
            }

            if (i >= line.Length)
            {
                break;
            }

            var word = new StringBuilder();
            while (i < line.Length && !char.IsWhiteSpace(line[i]))
            {
                var c = line[i];
                if (c == '"')
                {
                    i = ReadDoubleQuoted(line, i + 1, word);
                }
                else if (c == '\'')
                {
                    i = ReadSingleQuoted(line, i + 1, word);
                }
                else
                {
                    word.Append(c);
                    i++;
                }
            }

            words.Add(word.ToString());
        }

        return words;
    }

    private static int ReadDoubleQuoted(string line, int i, StringBuilder word)
    {
        while (i < line.Length && line[i] != '"')
        {
            if (line[i] == '\\' && i + 1 < line.Length)
            {
                var escaped = line[i + 1];
                if (escaped == 'x' && i + 3 < line.Length
                    && int.TryParse(line.AsSpan(i + 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                {
                    word.Append((char)code);
                    i += 4;
                    continue;
                }

                word.Append(escaped switch { 'n' => '\n', 'r' => '\r', 't' => '\t', 'b' => '\b', 'a' => '\a', _ => escaped });
                i += 2;
                continue;
            }

            word.Append(line[i]);
            i++;
        }

        return Math.Min(i + 1, line.Length);
    }

    private static int ReadSingleQuoted(string line, int i, StringBuilder word)
    {
        while (i < line.Length && line[i] != '\'')
        {
            if (line[i] == '\\' && i + 1 < line.Length && line[i + 1] == '\'')
            {
                word.Append('\'');
                i += 2;
                continue;
            }

            word.Append(line[i]);
            i++;
        }

        return Math.Min(i + 1, line.Length);
    }
}
