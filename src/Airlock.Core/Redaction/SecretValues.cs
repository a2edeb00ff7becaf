using System.Buffers;

namespace Airlock.Redaction;

/// <summary>
/// Reads the value that follows a secret's name, option or header, and recognizes values that hold no
/// secret: a variable reference (<c>$TOKEN</c>, <c>${{ secrets.X }}</c>), a placeholder, a literal such as
/// <c>null</c>, or a marker left by an earlier redaction (which keeps redaction idempotent).
/// </summary>
internal static class SecretValues
{
    private const int MaxCodeLine = 256;

    // Shell syntax, quotes and list punctuation end an unquoted value.
    private static readonly SearchValues<char> WordEnds = SearchValues.Create(" \t\r\n;&|\"'`)}]<>,");

    // A header or a YAML value runs to the end of its line, or of the quoted argument it sits in.
    private static readonly SearchValues<char> LineEnds = SearchValues.Create("\r\n\"'\\");

    // Literals and type names: "password: str" is an annotation, "token=None" a default and
    // "token = new Token(…)" an expression, not secrets. They must be the whole value.
    private static readonly string[] Literals =
    [
        "null", "~", "none", "nil", "true", "false", "undefined", "str", "string", "bytes", "int", "number",
        "bool", "boolean", "any", "unknown", "object", "new", "await",
    ];

    public static bool IsQuote(char c) => c is '"' or '\'';

    public static int SkipBlanks(string text, int at)
    {
        while (at < text.Length && text[at] is ' ' or '\t')
        {
            at++;
        }

        return at;
    }

    /// <summary>Skips blanks and a shell line continuation: <c>--password \&lt;newline&gt; value</c>.</summary>
    public static int SkipToNextWord(string text, int at)
    {
        at = SkipBlanks(text, at);
        if (at + 1 < text.Length && text[at] == '\\' && text[at + 1] is '\n' or '\r')
        {
            at++;
            while (at < text.Length && text[at] is '\n' or '\r')
            {
                at++;
            }

            at = SkipBlanks(text, at);
        }

        return at;
    }

    /// <summary>Reads a quoted value, an unquoted word, or (when <paramref name="toLineEnd"/>) the rest of the line.</summary>
    public static ValueSpan Read(string text, int at, bool toLineEnd = false)
    {
        if (StartsQuoted(text, at))
        {
            return ReadQuoted(text, at);
        }

        return toLineEnd ? ReadUntil(text, at, LineEnds) : ReadWord(text, at);
    }

    /// <summary>Whether a quoted value starts here: <c>"…"</c>, <c>'…'</c>, or JSON-escaped <c>\"…\"</c>.</summary>
    public static bool StartsQuoted(string text, int at) =>
        at < text.Length && (IsQuote(text[at]) || (text[at] == '\\' && at + 1 < text.Length && text[at + 1] == '"'));

    /// <summary>Where the value's own text starts: past an opening quote, if any.</summary>
    public static int ContentStart(string text, int at) => !StartsQuoted(text, at) ? at : text[at] == '\\' ? at + 2 : at + 1;

    /// <summary>Reads up to the matching quote; an unclosed quote runs to the end of the line.</summary>
    public static ValueSpan ReadQuoted(string text, int at)
    {
        var escaped = text[at] == '\\';
        var quote = escaped ? '"' : text[at];
        var start = at + (escaped ? 2 : 1);
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (escaped && c == '\\' && i + 1 < text.Length && text[i + 1] == '"')
            {
                return new ValueSpan(start, i, i + 2);
            }

            if (!escaped && c == quote)
            {
                return new ValueSpan(start, i, i + 1);
            }

            if (c is '\n' or '\r' && quote == '\'')
            {
                return new ValueSpan(start, i, i);
            }

            if (c == '\\' && quote == '"' && !escaped)
            {
                i++;
            }
        }

        return new ValueSpan(start, text.Length, text.Length);
    }

    // A word also ends at an escape that JSON text leaves behind (\n, \r, \t, \"), but not at a bracket
    // it opened itself: Pa(ss) is one word.
    private static ValueSpan ReadWord(string text, int at)
    {
        var depth = 0;
        for (var end = at; end < text.Length; end++)
        {
            var c = text[end];
            if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}' && depth > 0)
            {
                depth--;
            }
            else if (c == '\\' ? end + 1 < text.Length && text[end + 1] is 'n' or 'r' or 't' or '"' : WordEnds.Contains(c))
            {
                return new ValueSpan(at, end, end);
            }
        }

        return new ValueSpan(at, text.Length, text.Length);
    }

    private static ValueSpan ReadUntil(string text, int at, SearchValues<char> ends)
    {
        var length = text.AsSpan(at).IndexOfAny(ends);
        var end = length < 0 ? text.Length : at + length;
        var resume = end;
        while (end > at && text[end - 1] is ' ' or '\t')
        {
            end--;
        }

        return new ValueSpan(at, end, resume);
    }

    /// <summary>
    /// Whether the value whose text starts here plainly holds no secret: a reference, a marker or code.
    /// Only its first characters are read, so a rejected candidate costs little and scanning stays linear.
    /// </summary>
    public static bool HoldsNoSecret(string text, int at)
    {
        var value = text.AsSpan(at);
        if (value.IsEmpty || value.StartsWith(RedactionKinds.MarkerPrefix, StringComparison.Ordinal) || value.StartsWith("{{", StringComparison.Ordinal))
        {
            return true;
        }

        // A token after a placeholder sign ($ghp_…) was redacted on its own; its marker keeps the sign a placeholder.
        if (value[0] is '$' or '%' or '<' && value[1..].StartsWith(RedactionKinds.MarkerPrefix, StringComparison.Ordinal))
        {
            return true;
        }

        var second = value.Length > 1 ? value[1] : '\0';
        if ((value[0] == '$' && (char.IsAsciiLetter(second) || second is '_' or '{' or '(')) || (value[0] is '%' or '<' && char.IsAsciiLetter(second)))
        {
            return true;
        }

        // self.token, this.token: an attribute, not a value.
        if (value.StartsWith("self.", StringComparison.Ordinal) || value.StartsWith("this.", StringComparison.Ordinal))
        {
            return true;
        }

        return IsCodeStatement(value);
    }

    /// <summary>Whether the whole value is a literal or type name such as <c>null</c>, <c>None</c> or <c>str</c>.</summary>
    public static bool IsLiteral(ReadOnlySpan<char> value)
    {
        value = value.Trim();
        foreach (var literal in Literals)
        {
            if (value.Equals(literal, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    // "token = ReadToken(text);" or "var token = tokens[i];": a statement that computes the value. The
    // closing ';' keeps a password such as Pa(ss) from passing for code.
    private static bool IsCodeStatement(ReadOnlySpan<char> value)
    {
        var end = 0;
        while (end < value.Length && end < MaxCodeLine && (char.IsAsciiLetterOrDigit(value[end]) || value[end] is '_' or '.'))
        {
            end++;
        }

        if (end == 0 || end >= value.Length || value[end] is not ('(' or '[') || !char.IsAsciiLetter(value[0]) && value[0] != '_')
        {
            return false;
        }

        var line = value[..Math.Min(value.Length, MaxCodeLine)];
        var lineEnd = line.IndexOfAny('\r', '\n');
        if (lineEnd < 0 && line.Length < value.Length)
        {
            return false;
        }

        return (lineEnd < 0 ? line : line[..lineEnd]).TrimEnd().EndsWith(';');
    }

    /// <summary>The first colon that is not a marker's own (<c>[REDACTED:kind]</c>), or -1.</summary>
    public static int IndexOfColon(ReadOnlySpan<char> value)
    {
        for (var at = 0; at < value.Length;)
        {
            var found = value[at..].IndexOf(':');
            if (found < 0)
            {
                return -1;
            }

            var colon = at + found;
            if (!value[..(colon + 1)].EndsWith(RedactionKinds.MarkerPrefix, StringComparison.Ordinal))
            {
                return colon;
            }

            at = colon + 1;
        }

        return -1;
    }

    /// <summary>
    /// Whether the value is a path where the name allows one: the shell's <c>PWD</c> holds the working
    /// directory (not an ODBC password), and <c>--private-key ~/.ssh/id_ed25519</c> names a key file.
    /// </summary>
    public static bool IsPathFor(ReadOnlySpan<char> name, string kind, string text, int at)
    {
        var pathName = kind == RedactionKinds.PrivateKey || name.Equals("pwd", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith("credentials", StringComparison.OrdinalIgnoreCase);
        if (!pathName || at >= text.Length)
        {
            return false;
        }

        var value = text.AsSpan(at);
        if (value.StartsWith("~/", StringComparison.Ordinal) || value.StartsWith("./", StringComparison.Ordinal) || value.StartsWith("../", StringComparison.Ordinal)
            || (value.Length > 2 && char.IsAsciiLetter(value[0]) && value[1] == ':' && value[2] == '\\'))
        {
            return true;
        }

        // An absolute path has a directory: /home/x, /run/secrets/x. A bare "/abc" may be base64.
        var segment = 1;
        while (segment < value.Length && segment < MaxCodeLine && (char.IsAsciiLetterOrDigit(value[segment]) || value[segment] is '_' or '-' or '.'))
        {
            segment++;
        }

        return value[0] == '/' && segment > 1 && segment < value.Length && value[segment] == '/';
    }
}
