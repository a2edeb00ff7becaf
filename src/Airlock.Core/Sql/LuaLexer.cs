namespace Airlock.Sql;

/// <summary>Tokenizes a Redis Lua script so that calls inside strings and comments do not count.</summary>
internal static class LuaLexer
{
    public static JsTokenList Tokenize(string text)
    {
        var tokens = new List<JsToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '-' && next == '-')
            {
                var level = LongBracketLevel(text, i + 2);
                i = level >= 0 ? LongBracketEnd(text, i + 2, level) : LineEnd(text, i);
            }
            else if (c == '[' && LongBracketLevel(text, i) is var level and >= 0)
            {
                var end = LongBracketEnd(text, i, level);
                tokens.Add(new JsToken(JsTokenKind.String, i, end - i));
                i = end;
            }
            else if (c is '\'' or '"')
            {
                var end = i + 1;
                while (end < text.Length && text[end] != c && text[end] != '\n')
                {
                    end += text[end] == '\\' ? 2 : 1;
                }

                end = Math.Min(end + 1, text.Length);
                tokens.Add(new JsToken(JsTokenKind.String, i, end - i));
                i = end;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var end = i + 1;
                while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_'))
                {
                    end++;
                }

                tokens.Add(new JsToken(JsTokenKind.Identifier, i, end - i));
                i = end;
            }
            else if (char.IsAsciiDigit(c))
            {
                var end = i + 1;
                while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '.'))
                {
                    end++;
                }

                tokens.Add(new JsToken(JsTokenKind.Number, i, end - i));
                i = end;
            }
            else
            {
                tokens.Add(new JsToken(JsTokenKind.Punctuation, i, 1));
                i++;
            }
        }

        return new JsTokenList(text, tokens);
    }

    /// <summary>The number of '=' in a long bracket opening at <paramref name="start"/> ([[ or [==[), or -1.</summary>
    private static int LongBracketLevel(string text, int start)
    {
        if (start >= text.Length || text[start] != '[')
        {
            return -1;
        }

        var i = start + 1;
        while (i < text.Length && text[i] == '=')
        {
            i++;
        }

        return i < text.Length && text[i] == '[' ? i - start - 1 : -1;
    }

    private static int LongBracketEnd(string text, int start, int level)
    {
        var close = "]" + new string('=', level) + "]";
        var end = text.IndexOf(close, start + level + 2, StringComparison.Ordinal);
        return end < 0 ? text.Length : end + close.Length;
    }

    private static int LineEnd(string text, int from)
    {
        var end = text.IndexOf('\n', from);
        return end < 0 ? text.Length : end;
    }
}
