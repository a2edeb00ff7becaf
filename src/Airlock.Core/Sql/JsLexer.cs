namespace Airlock.Sql;

/// <summary>
/// Tokenizes mongosh JavaScript so that method names inside strings, comments and regular
/// expressions do not count. Linear; unterminated literals run to the end of the line or input.
/// </summary>
internal static class JsLexer
{
    public static JsTokenList Tokenize(string text)
    {
        var tokens = new List<JsToken>();
        // After a '/' found no closing '/' on its line, later ones on that line cannot either: keeps this linear.
        var noRegexBefore = -1;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '/' && next == '/')
            {
                var end = text.IndexOf('\n', i);
                i = end < 0 ? text.Length : end;
            }
            else if (c == '/' && next == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? text.Length : end + 2;
            }
            else if (c is '\'' or '"' or '`')
            {
                var end = StringEnd(text, i, c);
                tokens.Add(new JsToken(JsTokenKind.String, i, end - i));
                i = end;
            }
            else if (c == '/' && i >= noRegexBefore && RegexAllowed(text, tokens))
            {
                if (TryRegexEnd(text, i, out var regexEnd))
                {
                    tokens.Add(new JsToken(JsTokenKind.String, i, regexEnd - i));
                    i = regexEnd;
                }
                else
                {
                    noRegexBefore = regexEnd;
                    tokens.Add(new JsToken(JsTokenKind.Punctuation, i, 1));
                    i++;
                }
            }
            else if (char.IsLetter(c) || c is '_' or '$')
            {
                var end = i + 1;
                while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] is '_' or '$'))
                {
                    end++;
                }

                tokens.Add(new JsToken(JsTokenKind.Identifier, i, end - i));
                i = end;
            }
            else if (char.IsAsciiDigit(c))
            {
                var end = i + 1;
                while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '.' or '_'))
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

    private static int StringEnd(string text, int start, char quote)
    {
        var i = start + 1;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\')
            {
                i += 2;
                continue;
            }

            if (c == quote)
            {
                return i + 1;
            }

            if (c == '\n' && quote != '`')
            {
                return i;
            }

            i++;
        }

        return text.Length;
    }

    // A '/' starts a regular expression where an operand is expected, not after a value.
    private static bool RegexAllowed(string text, List<JsToken> tokens)
    {
        if (tokens.Count == 0)
        {
            return true;
        }

        var last = tokens[^1];
        if (last.Kind == JsTokenKind.Identifier)
        {
            var word = text.AsSpan(last.Start, last.Length);
            return word is "return" or "typeof" or "in" or "of" or "case";
        }

        return last.Kind == JsTokenKind.Punctuation && text[last.Start] is not (')' or ']' or '}');
    }

    private static bool TryRegexEnd(string text, int start, out int end)
    {
        var inClass = false;
        for (var i = start + 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                end = i;
                return false;
            }

            if (c == '\\')
            {
                i++;
            }
            else if (c == '[')
            {
                inClass = true;
            }
            else if (c == ']')
            {
                inClass = false;
            }
            else if (c == '/' && !inClass)
            {
                end = i + 1;
                while (end < text.Length && char.IsAsciiLetter(text[end]))
                {
                    end++;
                }

                return true;
            }
        }

        end = text.Length;
        return false;
    }
}
