using System.Text;

namespace Airlock.Shell;

/// <summary>
/// Reads shell words for <see cref="ShellParser"/>: literal text, every quoting form, parameter
/// expansions, and the command, process and arithmetic substitutions inside words, which it hands
/// back to the parser to parse as commands.
/// </summary>
internal sealed class ShellWordReader(ShellParser parser)
{
    private readonly ShellParser _parser = parser;

    /// <summary>Reads one word, or returns null at a metacharacter.</summary>
    public Word? ReadWord(bool inTest = false)
    {
        var start = _parser.Position;
        var parts = new List<WordPart>();
        var literal = new StringBuilder();

        void Flush()
        {
            if (literal.Length > 0)
            {
                parts.Add(new LiteralPart(literal.ToString(), Quoted: false));
                literal.Clear();
            }
        }

        while (_parser.Position < _parser.Text.Length)
        {
            var c = _parser.Text[_parser.Position];
            if ((c is '<' or '>') && _parser.PeekAt(1) == '(' && !inTest)
            {
                Flush();
                _parser.Position += 2;
                var body = _parser.WithDepth(() => _parser.ParseList(stopAtParen: true, stopAtCaseEnd: false));
                _parser.Expect(')');
                parts.Add(new ProcessSubstitutionPart(body));
                continue;
            }

            if (c is ' ' or '\t' or '\n' or ';' or '&' or '|' or ')' || (!inTest && c is '<' or '>'))
            {
                break;
            }

            if (c == '(')
            {
                // Extended globs such as `@(a|b)` and `!(x)`: part of the word.
                if (literal.Length > 0 && literal[^1] is '?' or '*' or '+' or '@' or '!')
                {
                    literal.Append(_parser.ReadBalanced('(', ')'));
                    continue;
                }

                if (inTest)
                {
                    literal.Append(c);
                    _parser.Position++;
                    continue;
                }

                break;
            }

            switch (c)
            {
                case '\\':
                    if (_parser.PeekAt(1) == '\n')
                    {
                        _parser.Position += 2;
                        continue;
                    }

                    Flush();
                    if (_parser.Position + 1 < _parser.Text.Length)
                    {
                        parts.Add(new LiteralPart(_parser.Text[_parser.Position + 1].ToString(), Quoted: true));
                    }

                    _parser.Position = Math.Min(_parser.Position + 2, _parser.Text.Length);
                    continue;
                case '\'':
                    Flush();
                    parts.Add(new LiteralPart(ReadSingleQuoted(), Quoted: true));
                    continue;
                case '"':
                    Flush();
                    ReadDoubleQuoted(parts);
                    continue;
                case '$':
                    Flush();
                    ReadDollar(parts, quoted: false);
                    continue;
                case '`':
                    Flush();
                    parts.Add(ReadBackquote(quoted: false));
                    continue;
                default:
                    literal.Append(c);
                    _parser.Position++;
                    continue;
            }
        }

        Flush();
        if (_parser.Position == start)
        {
            return null;
        }

        return new Word(parts) { Source = _parser.Text[start.._parser.Position] };
    }

    private string ReadSingleQuoted()
    {
        _parser.Position++;
        var end = _parser.Text.IndexOf('\'', _parser.Position);
        if (end < 0)
        {
            _parser.Incomplete = true;
            end = _parser.Text.Length;
        }

        var value = _parser.Text[_parser.Position..end];
        _parser.Position = Math.Min(end + 1, _parser.Text.Length);
        return value;
    }

    private void ReadDoubleQuoted(List<WordPart> parts)
    {
        _parser.Position++;
        var literal = new StringBuilder();
        void Flush()
        {
            // An empty "" still makes a (quoted, empty) word.
            parts.Add(new LiteralPart(literal.ToString(), Quoted: true));
            literal.Clear();
        }

        while (true)
        {
            if (_parser.Position >= _parser.Text.Length)
            {
                _parser.Incomplete = true;
                break;
            }

            var c = _parser.Text[_parser.Position];
            if (c == '"')
            {
                _parser.Position++;
                break;
            }

            if (c == '\\' && _parser.Position + 1 < _parser.Text.Length)
            {
                var next = _parser.Text[_parser.Position + 1];
                if (next == '\n')
                {
                    _parser.Position += 2;
                    continue;
                }

                if (next is '$' or '`' or '"' or '\\')
                {
                    literal.Append(next);
                    _parser.Position += 2;
                    continue;
                }
            }

            if (c == '$')
            {
                Flush();
                ReadDollar(parts, quoted: true);
                continue;
            }

            if (c == '`')
            {
                Flush();
                parts.Add(ReadBackquote(quoted: true));
                continue;
            }

            literal.Append(c);
            _parser.Position++;
        }

        Flush();
    }

    private void ReadDollar(List<WordPart> parts, bool quoted)
    {
        var next = _parser.PeekAt(1);
        if (next == '\'' && !quoted)
        {
            _parser.Position++;
            parts.Add(new LiteralPart(AnsiCQuoting.Decode(ReadAnsiCBody()), Quoted: true));
            return;
        }

        if (next == '"' && !quoted)
        {
            _parser.Position++;
            ReadDoubleQuoted(parts);
            return;
        }

        if (next == '(' && _parser.PeekAt(2) == '(')
        {
            _parser.Position++;
            var expression = _parser.ReadBalanced('(', ')');
            var inner = expression.Length >= 4 && expression.EndsWith("))", StringComparison.Ordinal) ? expression[2..^2] : expression;
            parts.Add(new ArithmeticPart(expression, _parser.ParseNested(inner).Commands));
            return;
        }

        if (next == '(')
        {
            _parser.Position += 2;
            var body = _parser.WithDepth(() => _parser.ParseList(stopAtParen: true, stopAtCaseEnd: false));
            _parser.Expect(')');
            parts.Add(new CommandSubstitutionPart(body, quoted));
            return;
        }

        if (next == '{')
        {
            _parser.Position++;
            var inner = _parser.ReadBalanced('{', '}');
            parts.Add(ParseBraceParameter(inner.Length >= 2 ? inner[1..^1] : "", quoted));
            return;
        }

        if (next == '_' || char.IsAsciiLetter(next))
        {
            var start = ++_parser.Position;
            while (_parser.Position < _parser.Text.Length && (char.IsAsciiLetterOrDigit(_parser.Text[_parser.Position]) || _parser.Text[_parser.Position] == '_'))
            {
                _parser.Position++;
            }

            parts.Add(new ParameterPart(_parser.Text[start.._parser.Position], null, null, quoted));
            return;
        }

        if (char.IsAsciiDigit(next) || next is '@' or '*' or '#' or '?' or '$' or '!' or '-')
        {
            _parser.Position += 2;
            parts.Add(new ParameterPart(next.ToString(), null, null, quoted));
            return;
        }

        _parser.Position++;
        parts.Add(new LiteralPart("$", quoted));
    }

    private ParameterPart ParseBraceParameter(string inner, bool quoted)
    {
        var i = 0;
        var prefix = "";
        if (inner.Length > 1 && inner[0] is '#' or '!')
        {
            prefix = inner[0].ToString();
            i = 1;
        }

        var nameStart = i;
        if (i < inner.Length && (char.IsAsciiLetter(inner[i]) || inner[i] == '_'))
        {
            while (i < inner.Length && (char.IsAsciiLetterOrDigit(inner[i]) || inner[i] == '_'))
            {
                i++;
            }
        }
        else if (i < inner.Length)
        {
            i++;
        }

        var name = inner[nameStart..i];
        var rest = inner[i..];
        if (prefix.Length > 0)
        {
            return new ParameterPart(name, prefix + rest, null, quoted);
        }

        if (rest.Length == 0)
        {
            return new ParameterPart(name, null, null, quoted);
        }

        // ${arr[@]}, ${arr[0]}: subscripts are kept whole as the operator.
        if (rest.StartsWith('[') && rest.EndsWith(']'))
        {
            return new ParameterPart(name, rest, null, quoted);
        }

        var opLength = rest.Length > 1 && rest[0] == ':' && rest[1] is '-' or '=' or '+' or '?' ? 2 : 1;
        var op = rest[..opLength];
        if (op is not (":-" or "-" or ":=" or "=" or ":+" or "+" or ":?" or "?"))
        {
            // Patterns, substrings, case changes: the whole operator text, for the expander to apply.
            return new ParameterPart(name, rest, null, quoted);
        }

        var nested = _parser.ParseNested(rest[opLength..]);
        return new ParameterPart(name, op, WordFromNested(rest[opLength..], nested.Commands), quoted);
    }

    private static Word WordFromNested(string source, CommandList list)
    {
        // The argument of ${x:-word} is one word; reuse the parser and keep its first command's words.
        if (list.Commands is [SimpleCommand { Words: var words }] && words.Count > 0)
        {
            return new Word([.. words.SelectMany((w, i) => i == 0 ? w.Parts : [new LiteralPart(" ", Quoted: false), .. w.Parts])]) { Source = source };
        }

        return Word.Literal(source);
    }

    private string ReadAnsiCBody()
    {
        _parser.Position++;
        var start = _parser.Position;
        while (_parser.Position < _parser.Text.Length && _parser.Text[_parser.Position] != '\'')
        {
            _parser.Position = Math.Min(_parser.Position + (_parser.Text[_parser.Position] == '\\' ? 2 : 1), _parser.Text.Length);
        }

        var end = Math.Min(_parser.Position, _parser.Text.Length);
        if (_parser.Position >= _parser.Text.Length)
        {
            _parser.Incomplete = true;
        }

        _parser.Position = Math.Min(_parser.Position + 1, _parser.Text.Length);
        return _parser.Text[start..end];
    }

    private CommandSubstitutionPart ReadBackquote(bool quoted)
    {
        _parser.Position++;
        var inner = new StringBuilder();
        while (true)
        {
            if (_parser.Position >= _parser.Text.Length)
            {
                _parser.Incomplete = true;
                break;
            }

            var c = _parser.Text[_parser.Position];
            if (c == '`')
            {
                _parser.Position++;
                break;
            }

            if (c == '\\' && _parser.Position + 1 < _parser.Text.Length && _parser.Text[_parser.Position + 1] is '`' or '\\' or '$')
            {
                inner.Append(_parser.Text[_parser.Position + 1]);
                _parser.Position += 2;
                continue;
            }

            inner.Append(c);
            _parser.Position++;
        }

        return new CommandSubstitutionPart(_parser.ParseNested(inner.ToString()).Commands, quoted);
    }
}
