namespace Airlock.Http;

/// <summary>
/// Splits a GraphQL executable document into tokens (spec section 2.1). Strings, block strings and
/// comments are consumed whole, so words inside them never look like fields or keywords.
/// </summary>
internal sealed class GraphQlLexer(string source)
{
    private int _position;

    public GraphQlToken Next()
    {
        SkipIgnored();
        if (_position >= source.Length)
        {
            return new GraphQlToken(GraphQlTokenKind.End, _position, 0);
        }

        var start = _position;
        var c = source[_position];
        switch (c)
        {
            case '!' or '$' or '&' or '(' or ')' or ':' or '=' or '@' or '[' or ']' or '{' or '|' or '}':
                _position++;
                return new GraphQlToken(GraphQlTokenKind.Punctuator, start, 1);
            case '.':
                if (string.CompareOrdinal(source, _position, "...", 0, 3) != 0)
                {
                    throw new GraphQlSyntaxException("'.' outside '...'", start);
                }

                _position += 3;
                return new GraphQlToken(GraphQlTokenKind.Spread, start, 3);
            case '"':
                if (string.CompareOrdinal(source, _position, "\"\"\"", 0, 3) == 0)
                {
                    SkipBlockString();
                }
                else
                {
                    SkipString();
                }

                return new GraphQlToken(GraphQlTokenKind.String, start, _position - start);
        }

        if (c == '-' || char.IsAsciiDigit(c))
        {
            SkipNumber();
            return new GraphQlToken(GraphQlTokenKind.Number, start, _position - start);
        }

        if (IsNameStart(c))
        {
            while (_position < source.Length && IsNameContinue(source[_position]))
            {
                _position++;
            }

            return new GraphQlToken(GraphQlTokenKind.Name, start, _position - start);
        }

        throw new GraphQlSyntaxException($"unexpected character U+{(int)c:X4}", start);
    }

    private void SkipIgnored()
    {
        while (_position < source.Length)
        {
            var c = source[_position];
            if (c is ' ' or '\t' or '\n' or '\r' or ',' or '\uFEFF')
            {
                _position++;
            }
            else if (c == '#')
            {
                while (_position < source.Length && source[_position] is not ('\n' or '\r'))
                {
                    _position++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private void SkipString()
    {
        var start = _position++;
        while (_position < source.Length)
        {
            var c = source[_position++];
            if (c == '"')
            {
                return;
            }

            if (c is '\n' or '\r')
            {
                break;
            }

            if (c == '\\')
            {
                if (_position >= source.Length || source[_position] is not ('"' or '\\' or '/' or 'b' or 'f' or 'n' or 'r' or 't' or 'u'))
                {
                    throw new GraphQlSyntaxException("bad escape in string", _position);
                }

                _position++;
            }
        }

        throw new GraphQlSyntaxException("unterminated string", start);
    }

    private void SkipBlockString()
    {
        var start = _position;
        _position += 3;
        while (_position < source.Length)
        {
            if (source[_position] == '\\' && string.CompareOrdinal(source, _position + 1, "\"\"\"", 0, 3) == 0)
            {
                _position += 4;
            }
            else if (string.CompareOrdinal(source, _position, "\"\"\"", 0, 3) == 0)
            {
                _position += 3;
                return;
            }
            else
            {
                _position++;
            }
        }

        throw new GraphQlSyntaxException("unterminated block string", start);
    }

    private void SkipNumber()
    {
        var start = _position;
        if (source[_position] == '-')
        {
            _position++;
        }

        RequireDigits(start);
        if (_position < source.Length && source[_position] == '.')
        {
            _position++;
            RequireDigits(start);
        }

        if (_position < source.Length && source[_position] is 'e' or 'E')
        {
            _position++;
            if (_position < source.Length && source[_position] is '+' or '-')
            {
                _position++;
            }

            RequireDigits(start);
        }

        if (_position < source.Length && (source[_position] == '.' || IsNameStart(source[_position])))
        {
            throw new GraphQlSyntaxException("bad number", start);
        }
    }

    private void RequireDigits(int start)
    {
        var first = _position;
        while (_position < source.Length && char.IsAsciiDigit(source[_position]))
        {
            _position++;
        }

        if (_position == first)
        {
            throw new GraphQlSyntaxException("bad number", start);
        }
    }

    private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsNameContinue(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
