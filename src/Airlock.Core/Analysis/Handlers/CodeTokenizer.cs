using System.Text;

namespace Airlock.Analysis.Handlers;

/// <summary>One token of interpreter code.</summary>
internal readonly record struct CodeToken(CodeTokenKind Kind, string Text);

internal enum CodeTokenKind
{
    Identifier,
    String,
    /// <summary>Backquotes in Perl, Ruby and PHP, and Ruby's <c>%x(…)</c>: shell commands.</summary>
    ShellString,
    Punctuation,
}

/// <summary>A linear, language-tolerant tokenizer: identifiers with their dotted chains, string literals, punctuation; comments dropped.</summary>
internal static class CodeTokenizer
{
    public const int MaxTokens = 200_000;

    public static List<CodeToken> Tokenize(string code, string language)
    {
        var tokens = new List<CodeToken>();
        var hashComments = language is "python" or "ruby" or "perl" or "php" or "unknown";
        var slashComments = language is "javascript" or "php";
        var backquoteIsShell = language is "perl" or "ruby" or "php";
        var i = 0;
        while (i < code.Length && tokens.Count < MaxTokens)
        {
            var c = code[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if ((c == '#' && hashComments) || (slashComments && c == '/' && i + 1 < code.Length && code[i + 1] == '/'))
            {
                var end = code.IndexOf('\n', i);
                i = end < 0 ? code.Length : end;
            }
            else if (slashComments && c == '/' && i + 1 < code.Length && code[i + 1] == '*')
            {
                var end = code.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? code.Length : end + 2;
            }
            else if (c is '"' or '\'' || (c == '`' && !backquoteIsShell))
            {
                tokens.Add(new CodeToken(CodeTokenKind.String, ReadString(code, ref i)));
            }
            else if (c == '`')
            {
                tokens.Add(new CodeToken(CodeTokenKind.ShellString, ReadString(code, ref i)));
            }
            else if (c == '%' && language == "ruby" && i + 2 < code.Length && code[i + 1] == 'x' && code[i + 2] is '(' or '{' or '[')
            {
                var close = code[i + 2] switch { '(' => ')', '{' => '}', _ => ']' };
                var end = code.IndexOf(close, i + 3);
                end = end < 0 ? code.Length : end;
                tokens.Add(new CodeToken(CodeTokenKind.ShellString, code[(i + 3)..end]));
                i = Math.Min(end + 1, code.Length);
            }
            else if (char.IsLetter(c) || c is '_' or '$')
            {
                var start = i;
                while (i < code.Length && (char.IsLetterOrDigit(code[i]) || code[i] is '_' or '$' or '.' || IsChainSeparator(code, i)))
                {
                    i += IsChainSeparator(code, i) ? 2 : 1;
                }

                tokens.Add(new CodeToken(CodeTokenKind.Identifier, code[start..i].Replace("::", ".", StringComparison.Ordinal).Replace("->", ".", StringComparison.Ordinal)));
            }
            else
            {
                tokens.Add(new CodeToken(CodeTokenKind.Punctuation, c.ToString()));
                i++;
            }
        }

        return tokens;
    }

    private static bool IsChainSeparator(string code, int i) =>
        i + 1 < code.Length && ((code[i] == ':' && code[i + 1] == ':') || (code[i] == '-' && code[i + 1] == '>'));

    /// <summary>Reads a quoted string (triple quotes too) and returns its text with common escapes decoded.</summary>
    private static string ReadString(string code, ref int i)
    {
        var quote = code[i];
        var triple = i + 2 < code.Length && code[i + 1] == quote && code[i + 2] == quote;
        i += triple ? 3 : 1;
        var text = new StringBuilder();
        while (i < code.Length)
        {
            var c = code[i];
            if (c == '\\' && i + 1 < code.Length)
            {
                var next = code[i + 1];
                text.Append(next switch { 'n' => '\n', 't' => '\t', _ => next });
                i += 2;
                continue;
            }

            if (c == quote && (!triple || (i + 2 < code.Length && code[i + 1] == quote && code[i + 2] == quote)))
            {
                i += triple ? 3 : 1;
                return text.ToString();
            }

            text.Append(c);
            i++;
        }

        return text.ToString();
    }
}
