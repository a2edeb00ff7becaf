using System.Text;

namespace Airlock.Sql;

/// <summary>Lexed SQL: the tokens, their source, and the matching parenthesis of each one.</summary>
internal sealed class SqlTokenList
{
    // Enough source to fill the 200-character evidence after trimming.
    private const int EvidenceWindow = 256;

    private readonly int[] _match;

    public SqlTokenList(string text, List<SqlToken> tokens, List<Range> hashCommentTails, bool sawBackslashInString)
    {
        Text = text;
        Tokens = tokens;
        HashCommentTails = hashCommentTails;
        SawBackslashInString = sawBackslashInString;
        _match = MatchParentheses(text, tokens);
    }

    public string Text { get; }

    public List<SqlToken> Tokens { get; }

    public int Count => Tokens.Count;

    /// <summary>
    /// The text after a <c>;</c> inside a MySQL <c>#</c> comment. Postgres reads <c>#</c> as an operator,
    /// so for it that text is a further statement; the analyzer looks at it so neither reading hides a drop.
    /// </summary>
    public List<Range> HashCommentTails { get; }

    /// <summary>Whether a standard string held a backslash, where MySQL and Postgres would split it differently.</summary>
    public bool SawBackslashInString { get; }

    public SqlToken this[int index] => Tokens[index];

    /// <summary>The index of the matching <c>)</c> for a <c>(</c>; the statement end when unbalanced.</summary>
    public int Match(int index) => _match[index];

    public ReadOnlySpan<char> Span(int index)
    {
        var token = Tokens[index];
        return Text.AsSpan(token.Start, token.Length);
    }

    public bool IsWord(int index, string word) =>
        index >= 0 && index < Tokens.Count && Tokens[index].Kind == SqlTokenKind.Word
        && Span(index).Equals(word, StringComparison.OrdinalIgnoreCase);

    public bool IsSymbol(int index, string symbol) =>
        index >= 0 && index < Tokens.Count && Tokens[index].Kind == SqlTokenKind.Symbol
        && Span(index).Equals(symbol, StringComparison.Ordinal);

    public bool IsKind(int index, SqlTokenKind kind) => index >= 0 && index < Tokens.Count && Tokens[index].Kind == kind;

    /// <summary>The upper-cased keyword at an index, or empty when the token is not a word.</summary>
    public string Keyword(int index) =>
        IsKind(index, SqlTokenKind.Word) ? Span(index).ToString().ToUpperInvariant() : "";

    /// <summary>The source from one token to another, cut to evidence length without copying the rest.</summary>
    public string Evidence(int first, int last)
    {
        if (first > last || first < 0 || last >= Tokens.Count)
        {
            return "";
        }

        var start = Tokens[first].Start;
        return SqlKinds.Clip(Text.Substring(start, Math.Min(Tokens[last].End - start, EvidenceWindow)));
    }

    /// <summary>The source text from the start of one token to the end of another.</summary>
    public string Slice(int first, int last)
    {
        if (first > last || first < 0 || last >= Tokens.Count)
        {
            return "";
        }

        return Text[Tokens[first].Start..Tokens[last].End];
    }

    /// <summary>An identifier or literal with its quotes removed and escapes decoded.</summary>
    public string Unquoted(int index)
    {
        var token = Tokens[index];
        switch (token.Kind)
        {
            case SqlTokenKind.QuotedIdentifier:
                {
                    var content = Text.Substring(token.ContentStart, token.ContentLength);
                    var quote = Text[token.Start];
                    return quote switch
                    {
                        '"' => content.Replace("\"\"", "\"", StringComparison.Ordinal),
                        '`' => content.Replace("``", "`", StringComparison.Ordinal),
                        _ => content.Replace("]]", "]", StringComparison.Ordinal),
                    };
                }
            case SqlTokenKind.String:
                return DecodeString(Text.AsSpan(token.ContentStart, token.ContentLength), token.BackslashEscapes);
            case SqlTokenKind.DollarString:
                return Text.Substring(token.ContentStart, token.ContentLength);
            default:
                return Span(index).ToString();
        }
    }

    private static string DecodeString(ReadOnlySpan<char> content, bool backslashEscapes)
    {
        var builder = new StringBuilder(content.Length);
        for (var i = 0; i < content.Length; i++)
        {
            var c = content[i];
            if (c == '\'' && i + 1 < content.Length && content[i + 1] == '\'')
            {
                builder.Append('\'');
                i++;
            }
            else if (backslashEscapes && c == '\\' && i + 1 < content.Length)
            {
                i++;
                builder.Append(content[i] switch
                {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    '0' => '\0',
                    var other => other,
                });
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static int[] MatchParentheses(string text, List<SqlToken> tokens)
    {
        var match = new int[tokens.Count];
        var open = new Stack<int>();
        for (var i = 0; i < tokens.Count; i++)
        {
            match[i] = i;
            var token = tokens[i];
            if (token.Kind is SqlTokenKind.Semicolon or SqlTokenKind.ClientCommand)
            {
                // Parentheses never span statements: an unclosed one ends where its statement does.
                while (open.Count > 0)
                {
                    match[open.Pop()] = i;
                }
            }
            else if (token.Kind == SqlTokenKind.Symbol && token.Length == 1)
            {
                if (text[token.Start] == '(')
                {
                    open.Push(i);
                }
                else if (text[token.Start] == ')' && open.Count > 0)
                {
                    match[open.Pop()] = i;
                }
            }
        }

        while (open.Count > 0)
        {
            match[open.Pop()] = tokens.Count;
        }

        return match;
    }
}
