namespace Airlock.Sql;

/// <summary>
/// A single forward pass over SQL text that understands the quoting and comment rules of
/// Postgres, MySQL, SQLite and SQL Server closely enough that a keyword hidden in a string or
/// comment never counts and one hidden between comment markers still does. Linear in the input.
/// </summary>
internal static class SqlLexer
{
    // T-SQL identifiers in brackets are short; a longer "[" is an array subscript.
    private const int MaxBracketIdentifier = 128;

    /// <param name="text">The SQL.</param>
    /// <param name="backslashEscapes">Read <c>\'</c> inside '…' as an escaped quote, as MySQL does by default.</param>
    public static SqlTokenList Tokenize(string text, bool backslashEscapes)
    {
        var tokens = new List<SqlToken>();
        var hashTails = new List<Range>();
        var sawBackslash = false;
        var lineStart = true;
        var openExecutableComments = 0;
        var i = 0;
        var n = text.Length;

        while (i < n)
        {
            var c = text[i];
            if (c == '\n')
            {
                lineStart = true;
                i++;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var atLineStart = lineStart;
            lineStart = false;
            var next = i + 1 < n ? text[i + 1] : '\0';

            if (c == '-' && next == '-')
            {
                i = LineEnd(text, i);
                continue;
            }

            if (c == '#' && next != '>' && next != '-')
            {
                var end = LineEnd(text, i);
                var semicolon = text.IndexOf(';', i, end - i);
                if (semicolon >= 0)
                {
                    hashTails.Add(new Range(semicolon + 1, end));
                }

                i = end;
                continue;
            }

            if (c == '/' && next == '*')
            {
                if (i + 2 < n && (text[i + 2] == '!' || (text[i + 2] == 'M' && i + 3 < n && text[i + 3] == '!')))
                {
                    // MySQL runs the body of /*! … */ as code, so it is lexed as code.
                    i += text[i + 2] == '!' ? 3 : 4;
                    while (i < n && char.IsAsciiDigit(text[i]))
                    {
                        i++;
                    }

                    openExecutableComments++;
                    continue;
                }

                i = BlockCommentEnd(text, i);
                continue;
            }

            if (c == '*' && next == '/' && openExecutableComments > 0)
            {
                openExecutableComments--;
                i += 2;
                continue;
            }

            var statementEmpty = tokens.Count == 0 || tokens[^1].Kind is SqlTokenKind.Semicolon or SqlTokenKind.ClientCommand;
            SqlToken token;
            switch (c)
            {
                case '\'':
                    token = ReadString(text, i, i, backslashEscapes, ref sawBackslash);
                    break;
                case '"':
                    token = ReadQuoted(text, i, '"', backslashEscapes);
                    break;
                case '`':
                    token = ReadQuoted(text, i, '`', backslashEscapes: false);
                    break;
                case '[' when TryBracketIdentifier(text, i, out var bracketEnd):
                    token = new SqlToken(SqlTokenKind.QuotedIdentifier, i, bracketEnd - i, i + 1, bracketEnd - i - 2);
                    break;
                case '$':
                    token = ReadDollar(text, i);
                    break;
                case '\\':
                    token = new SqlToken(SqlTokenKind.ClientCommand, i, LineEnd(text, i) - i);
                    break;
                case '.' when atLineStart && statementEmpty && char.IsAsciiLetter(next):
                    token = new SqlToken(SqlTokenKind.ClientCommand, i, LineEnd(text, i) - i);
                    break;
                case ';':
                    token = new SqlToken(SqlTokenKind.Semicolon, i, 1);
                    break;
                case '(' or ')' or ',' or '.' or '[' or ']' or '{' or '}':
                    token = new SqlToken(SqlTokenKind.Symbol, i, 1);
                    break;
                default:
                    if (IsWordStart(c, next))
                    {
                        token = ReadWord(text, i, atLineStart, backslashEscapes, ref sawBackslash);
                    }
                    else if (char.IsAsciiDigit(c))
                    {
                        var end = i + 1;
                        while (end < n && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '.' or '_'))
                        {
                            end++;
                        }

                        token = new SqlToken(SqlTokenKind.Number, i, end - i);
                    }
                    else
                    {
                        token = new SqlToken(SqlTokenKind.Symbol, i, OperatorEnd(text, i) - i);
                    }

                    break;
            }

            tokens.Add(token);
            i = token.End;
        }

        return new SqlTokenList(text, tokens, hashTails, sawBackslash);
    }

    private static bool IsWordStart(char c, char next) =>
        char.IsLetter(c) || c == '_' || (c == '@' && (char.IsLetter(next) || next is '_' or '@'));

    private static bool IsWordPart(char c) => char.IsLetterOrDigit(c) || c is '_' or '$' or '@';

    private static int LineEnd(string text, int from)
    {
        var end = text.IndexOf('\n', from);
        return end < 0 ? text.Length : end;
    }

    private static int BlockCommentEnd(string text, int start)
    {
        // Postgres nests block comments; reading them nested never exposes less code than MySQL sees.
        var depth = 0;
        var i = start;
        while (i < text.Length)
        {
            if (text[i] == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                depth++;
                i += 2;
            }
            else if (text[i] == '*' && i + 1 < text.Length && text[i + 1] == '/')
            {
                depth--;
                i += 2;
                if (depth == 0)
                {
                    return i;
                }
            }
            else
            {
                i++;
            }
        }

        return text.Length;
    }

    private static SqlToken ReadWord(string text, int start, bool atLineStart, bool backslashEscapes, ref bool sawBackslash)
    {
        var end = start + 1;
        while (end < text.Length && IsWordPart(text[end]))
        {
            end++;
        }

        var word = text.AsSpan(start, end - start);
        if (end < text.Length && text[end] == '\'' && IsStringPrefix(word))
        {
            var escapes = backslashEscapes || word.Equals("E", StringComparison.OrdinalIgnoreCase);
            return ReadString(text, start, end, escapes, ref sawBackslash);
        }

        if (end < text.Length && text[end] == '&' && word.Equals("U", StringComparison.OrdinalIgnoreCase)
            && end + 1 < text.Length && text[end + 1] == '\'')
        {
            return ReadString(text, start, end + 1, backslashEscapes, ref sawBackslash);
        }

        if (atLineStart && word.Equals("GO", StringComparison.OrdinalIgnoreCase) && RestOfLineIsCount(text, end))
        {
            // SQL Server tools send the batch at a GO line, so it separates statements like ';'.
            return new SqlToken(SqlTokenKind.Semicolon, start, end - start);
        }

        return new SqlToken(SqlTokenKind.Word, start, end - start);
    }

    private static bool IsStringPrefix(ReadOnlySpan<char> word) =>
        word.Equals("E", StringComparison.OrdinalIgnoreCase)
        || word.Equals("N", StringComparison.OrdinalIgnoreCase)
        || word.Equals("B", StringComparison.OrdinalIgnoreCase)
        || word.Equals("X", StringComparison.OrdinalIgnoreCase)
        || (word.Length > 1 && word[0] == '_');

    private static bool RestOfLineIsCount(string text, int from)
    {
        for (var i = from; i < text.Length && text[i] != '\n'; i++)
        {
            if (!char.IsWhiteSpace(text[i]) && !char.IsAsciiDigit(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static SqlToken ReadString(string text, int start, int quote, bool backslashEscapes, ref bool sawBackslash)
    {
        var i = quote + 1;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\')
            {
                if (backslashEscapes)
                {
                    i += 2;
                    continue;
                }

                sawBackslash = true;
            }
            else if (c == '\'')
            {
                if (i + 1 < text.Length && text[i + 1] == '\'')
                {
                    i += 2;
                    continue;
                }

                return new SqlToken(SqlTokenKind.String, start, i + 1 - start, quote + 1, i - quote - 1, backslashEscapes);
            }

            i++;
        }

        // Unterminated: the rest of the input is the literal.
        var end = Math.Min(i, text.Length);
        return new SqlToken(SqlTokenKind.String, start, end - start, quote + 1, end - quote - 1, backslashEscapes);
    }

    private static SqlToken ReadQuoted(string text, int start, char quote, bool backslashEscapes)
    {
        var i = start + 1;
        while (i < text.Length)
        {
            var c = text[i];
            if (backslashEscapes && c == '\\')
            {
                i += 2;
                continue;
            }

            if (c == quote)
            {
                if (i + 1 < text.Length && text[i + 1] == quote)
                {
                    i += 2;
                    continue;
                }

                return new SqlToken(SqlTokenKind.QuotedIdentifier, start, i + 1 - start, start + 1, i - start - 1);
            }

            i++;
        }

        var end = Math.Min(i, text.Length);
        return new SqlToken(SqlTokenKind.QuotedIdentifier, start, end - start, start + 1, end - start - 1);
    }

    private static bool TryBracketIdentifier(string text, int start, out int end)
    {
        // Only a short run free of quotes, statement ends and comment starts, so reading a
        // Postgres subscript as an identifier can never hide code.
        var limit = Math.Min(text.Length, start + MaxBracketIdentifier);
        for (var i = start + 1; i < limit; i++)
        {
            var c = text[i];
            if (c == ']')
            {
                end = i + 1;
                return i > start + 1;
            }

            if (c is '\'' or '"' or ';' or '\n' or '[' or '(' or ')' or '$' or '\\' or '`'
                || (c == '-' && i + 1 < text.Length && text[i + 1] == '-')
                || (c == '/' && i + 1 < text.Length && text[i + 1] == '*'))
            {
                break;
            }
        }

        end = start;
        return false;
    }

    private static SqlToken ReadDollar(string text, int start)
    {
        var i = start + 1;
        if (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            return new SqlToken(SqlTokenKind.Word, start, i - start);
        }

        while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
        {
            i++;
        }

        if (i >= text.Length || text[i] != '$' || (i > start + 1 && char.IsAsciiDigit(text[start + 1])))
        {
            return new SqlToken(SqlTokenKind.Symbol, start, 1);
        }

        var tag = text.AsSpan(start, i + 1 - start);
        var bodyStart = i + 1;
        var close = text.AsSpan(bodyStart).IndexOf(tag, StringComparison.Ordinal);
        if (close < 0)
        {
            return new SqlToken(SqlTokenKind.DollarString, start, text.Length - start, bodyStart, text.Length - bodyStart);
        }

        var end = bodyStart + close + tag.Length;
        return new SqlToken(SqlTokenKind.DollarString, start, end - start, bodyStart, close);
    }

    private static int OperatorEnd(string text, int start)
    {
        var i = start + 1;
        while (i < text.Length && "+-*/<>=~!@#%^&|?:".Contains(text[i], StringComparison.Ordinal))
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            if ((c == '-' && next == '-') || (c == '/' && next == '*') || (c == '*' && next == '/'))
            {
                break;
            }

            i++;
        }

        return i;
    }
}
