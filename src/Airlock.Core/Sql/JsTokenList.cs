using System.Text;

namespace Airlock.Sql;

/// <summary>Lexed JavaScript with the partner of every bracket, in both directions.</summary>
internal sealed class JsTokenList
{
    // Enough source to fill the 200-character evidence after trimming.
    private const int EvidenceWindow = 256;

    private readonly int[] _match;

    public JsTokenList(string text, List<JsToken> tokens)
    {
        Text = text;
        Tokens = tokens;
        _match = new int[tokens.Count];
        var open = new Stack<int>();
        for (var i = 0; i < tokens.Count; i++)
        {
            _match[i] = -1;
            if (tokens[i].Kind != JsTokenKind.Punctuation)
            {
                continue;
            }

            var c = text[tokens[i].Start];
            if (c is '(' or '[' or '{')
            {
                open.Push(i);
            }
            else if (c is ')' or ']' or '}' && open.Count > 0)
            {
                var partner = open.Pop();
                _match[partner] = i;
                _match[i] = partner;
            }
        }

        while (open.Count > 0)
        {
            _match[open.Pop()] = tokens.Count;
        }
    }

    public string Text { get; }

    public List<JsToken> Tokens { get; }

    public int Count => Tokens.Count;

    /// <summary>The partner of a bracket; the end of input for an unclosed one, -1 for an unopened one.</summary>
    public int Match(int index) => _match[index];

    public ReadOnlySpan<char> Span(int index) => Text.AsSpan(Tokens[index].Start, Tokens[index].Length);

    public bool Is(int index, char punctuation) =>
        index >= 0 && index < Tokens.Count && Tokens[index].Kind == JsTokenKind.Punctuation && Text[Tokens[index].Start] == punctuation;

    public bool IsIdentifier(int index, string name) =>
        index >= 0 && index < Tokens.Count && Tokens[index].Kind == JsTokenKind.Identifier
        && Span(index).Equals(name, StringComparison.Ordinal);

    public bool IsKind(int index, JsTokenKind kind) => index >= 0 && index < Tokens.Count && Tokens[index].Kind == kind;

    /// <summary>The value of a string literal, or the name of an identifier (an unquoted object key).</summary>
    public string Value(int index)
    {
        var token = Tokens[index];
        if (token.Kind != JsTokenKind.String || token.Length < 2)
        {
            return Span(index).ToString();
        }

        var quote = Text[token.Start];
        var content = Text.AsSpan(token.Start + 1, token.Length - (Text[token.End - 1] == quote ? 2 : 1));
        var builder = new StringBuilder(content.Length);
        for (var i = 0; i < content.Length; i++)
        {
            if (content[i] == '\\' && i + 1 < content.Length)
            {
                i++;
            }

            builder.Append(content[i]);
        }

        return builder.ToString();
    }

    /// <summary>The source from one token to another, cut to evidence length without copying the rest.</summary>
    public string Evidence(int first, int last)
    {
        if (first < 0 || last >= Tokens.Count || first > last)
        {
            return "";
        }

        var start = Tokens[first].Start;
        var length = Math.Min(Tokens[last].End - start, EvidenceWindow);
        return SqlKinds.Clip(Text.Substring(start, length));
    }
}
