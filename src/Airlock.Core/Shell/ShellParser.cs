using System.Text;

namespace Airlock.Shell;

/// <summary>
/// A recursive-descent parser for POSIX sh / bash syntax. It is lenient where bash would refuse
/// (an unterminated quote runs to the end and sets <see cref="ShellParseResult.Incomplete"/>), because
/// the point is to see every command that could run, and strict about bounds: nesting deeper than
/// <see cref="MaxDepth"/> or more than <see cref="MaxCommands"/> commands throws <see cref="ShellParseException"/>.
/// </summary>
internal sealed class ShellParser
{
    public const int MaxDepth = 40;
    public const int MaxCommands = 20_000;

    private static readonly HashSet<string> ListTerminators = new(StringComparer.Ordinal) { "then", "elif", "else", "fi", "do", "done", "esac", "}" };

    private readonly string _text;
    private readonly ShellWordReader _words;
    private readonly int _depth;
    private readonly List<Redirect> _pendingHereDocs = [];
    private readonly Counter _commands;
    private int _pos;
    private bool _incomplete;

    private ShellParser(string text, int depth, Counter commands)
    {
        _text = text;
        _depth = depth;
        _commands = commands;
        _words = new ShellWordReader(this);
    }

    /// <summary>Parses a whole script.</summary>
    public static ShellParseResult Parse(string text)
    {
        var parser = new ShellParser(text, 0, new Counter());
        return parser.ParseAll();
    }

    private ShellParseResult ParseAll()
    {
        var list = ParseList(stopAtParen: false, stopAtCaseEnd: false);
        while (_pos < _text.Length)
        {
            // A stray terminator (`)`, `fi`, `}`) at top level: bash would refuse it; note it and go on.
            _incomplete = true;
            _pos++;
            var rest = ParseList(stopAtParen: false, stopAtCaseEnd: false);
            list = new CommandList([.. list.Commands, .. rest.Commands]);
        }

        return new ShellParseResult(list, _incomplete);
    }

    internal ShellParseResult ParseNested(string text)
    {
        if (_depth + 1 > MaxDepth)
        {
            throw new ShellParseException("the command nests deeper than Airlock analyzes");
        }

        var parser = new ShellParser(text, _depth + 1, _commands);
        var result = parser.ParseAll();
        _incomplete |= result.Incomplete;
        return result;
    }

    internal CommandList ParseList(bool stopAtParen, bool stopAtCaseEnd)
    {
        var commands = new List<Command>();
        while (true)
        {
            SkipSeparators();
            if (AtEnd || (stopAtParen && Peek() == ')') || (stopAtCaseEnd && StartsWith(";;")) || AtListTerminator())
            {
                break;
            }

            var before = _pos;
            ParseAndOr(commands);
            if (_pos == before)
            {
                // A character no rule consumes (a stray `)` inside a group): skip it rather than loop.
                _incomplete = true;
                _pos++;
            }
        }

        return new CommandList(commands);
    }

    private void ParseAndOr(List<Command> commands)
    {
        ParsePipeline(commands);
        while (true)
        {
            SkipBlanks();
            if (StartsWith("&&") || StartsWith("||"))
            {
                _pos += 2;
                SkipBlanksAndNewlines();
                ParsePipeline(commands);
                continue;
            }

            break;
        }
    }

    private void ParsePipeline(List<Command> commands)
    {
        SkipBlanks();
        if (Peek() == '!' && IsBlankOrEnd(PeekAt(1)))
        {
            _pos++;
        }

        Command? previous = null;
        while (true)
        {
            var command = ParseCommand();
            if (command is null)
            {
                return;
            }

            if (command is SimpleCommand simple && previous is not null)
            {
                simple.Upstream = previous;
            }

            if (previous is SimpleCommand upstream)
            {
                upstream.PipedOutput = true;
            }

            commands.Add(command);
            SkipBlanks();
            if (Peek() == '|' && PeekAt(1) != '|')
            {
                _pos += PeekAt(1) == '&' ? 2 : 1;
                SkipBlanksAndNewlines();
                previous = command;
                continue;
            }

            return;
        }
    }

    private Command? ParseCommand()
    {
        if (++_commands.Value > MaxCommands)
        {
            throw new ShellParseException("the input holds more commands than Airlock analyzes");
        }

        SkipBlanks();
        if (AtEnd)
        {
            return null;
        }

        var keyword = PeekReservedWord();
        switch (keyword)
        {
            case "if": return WithDepth(ParseIf);
            case "while" or "until": return WithDepth(() => ParseLoop(keyword));
            case "for" or "select": return WithDepth(() => ParseFor(keyword));
            case "case": return WithDepth(ParseCase);
            case "function": return WithDepth(ParseFunctionKeyword);
            case "{": return WithDepth(ParseBraceGroup);
            case "[[": return ParseDoubleBracket();
        }

        if (Peek() == '(')
        {
            return StartsWith("((") ? ParseArithmeticCommand() : WithDepth(ParseSubshell);
        }

        return ParseSimpleCommand();
    }

    private CompoundCommand ParseIf()
    {
        var bodies = new List<CommandList>();
        ExpectWord("if");
        while (true)
        {
            bodies.Add(ParseList(false, false));
            ExpectWord("then");
            bodies.Add(ParseList(false, false));
            SkipSeparators();
            if (TryWord("elif"))
            {
                continue;
            }

            if (TryWord("else"))
            {
                bodies.Add(ParseList(false, false));
            }

            ExpectWord("fi");
            return new CompoundCommand("if", bodies, [], ReadTrailingRedirects());
        }
    }

    private CompoundCommand ParseLoop(string keyword)
    {
        ExpectWord(keyword);
        var condition = ParseList(false, false);
        ExpectWord("do");
        var body = ParseList(false, false);
        ExpectWord("done");
        return new CompoundCommand(keyword, [condition, body], [], ReadTrailingRedirects());
    }

    private CompoundCommand ParseFor(string keyword)
    {
        ExpectWord(keyword);
        SkipBlanks();
        if (StartsWith("(("))
        {
            ReadBalanced('(', ')');
            SkipSeparators();
            return FinishLoopBody(keyword, [], null);
        }

        var variable = _words.ReadWord();
        var name = variable is null ? null : StaticText(variable);
        var words = new List<Word>();
        SkipBlanksAndNewlines();
        if (TryWord("in"))
        {
            while (true)
            {
                SkipBlanks();
                if (AtEnd || Peek() is ';' or '\n' or '&')
                {
                    break;
                }

                var word = _words.ReadWord();
                if (word is null)
                {
                    break;
                }

                words.Add(word);
            }
        }

        SkipSeparators();
        return FinishLoopBody(keyword, words, name);
    }

    private CompoundCommand FinishLoopBody(string keyword, List<Word> words, string? variable)
    {
        if (PeekReservedWord() == "{")
        {
            var group = ParseBraceGroup();
            return new CompoundCommand(keyword, group.Bodies, words, ReadTrailingRedirects(), variable);
        }

        ExpectWord("do");
        var body = ParseList(false, false);
        ExpectWord("done");
        return new CompoundCommand(keyword, [body], words, ReadTrailingRedirects(), variable);
    }

    private CompoundCommand ParseCase()
    {
        ExpectWord("case");
        SkipBlanks();
        var subject = _words.ReadWord();
        SkipBlanksAndNewlines();
        ExpectWord("in");
        var bodies = new List<CommandList>();
        while (true)
        {
            SkipBlanksAndNewlines();
            if (AtEnd || TryWord("esac"))
            {
                break;
            }

            // Patterns: `(a|b)` or `a|b)`; they are words, not commands.
            if (Peek() == '(')
            {
                _pos++;
            }

            while (!AtEnd && Peek() != ')')
            {
                SkipBlanks();
                if (Peek() == '|')
                {
                    _pos++;
                    continue;
                }

                if (_words.ReadWord() is null && !AtEnd && Peek() != ')')
                {
                    _pos++;
                }
            }

            if (!AtEnd)
            {
                _pos++;
            }

            bodies.Add(ParseList(stopAtParen: false, stopAtCaseEnd: true));
            if (StartsWith(";;&"))
            {
                _pos += 3;
            }
            else if (StartsWith(";;") || StartsWith(";&"))
            {
                _pos += 2;
            }
        }

        return new CompoundCommand("case", bodies, subject is null ? [] : [subject], ReadTrailingRedirects());
    }

    private Command ParseFunctionKeyword()
    {
        ExpectWord("function");
        SkipBlanks();
        var name = _words.ReadWord();
        SkipBlanks();
        if (StartsWith("()"))
        {
            _pos += 2;
        }

        return ParseFunctionBody(name);
    }

    /// <summary>A function definition: its name is kept as the compound's one word, so calls can be followed.</summary>
    private Command ParseFunctionBody(Word? name)
    {
        SkipBlanksAndNewlines();
        var body = ParseCommand();
        var bodies = body is null ? new List<CommandList>() : [new CommandList([body])];
        return new CompoundCommand("function", bodies, name is null ? [] : [name], []);
    }

    private CompoundCommand ParseBraceGroup()
    {
        ExpectWord("{");
        var body = ParseList(false, false);
        ExpectWord("}");
        return new CompoundCommand("{", [body], [], ReadTrailingRedirects());
    }

    private CompoundCommand ParseSubshell()
    {
        _pos++;
        var body = ParseList(stopAtParen: true, stopAtCaseEnd: false);
        Expect(')');
        return new CompoundCommand("(", [body], [], ReadTrailingRedirects());
    }

    /// <summary>
    /// <c>(( … ))</c>: arithmetic when bash can read it so, nested subshells when it cannot, and command
    /// substitutions inside run either way. The inside is therefore also parsed as commands, on its
    /// own, so that nothing in it can reach past the closing parentheses.
    /// </summary>
    private CompoundCommand ParseArithmeticCommand()
    {
        var text = ReadBalanced('(', ')');
        var inner = text.Length >= 4 && text.EndsWith("))", StringComparison.Ordinal) ? text[2..^2] : text.TrimStart('(').TrimEnd(')');
        return new CompoundCommand("((", [ParseNested(inner).Commands], [], ReadTrailingRedirects());
    }

    private CompoundCommand ParseDoubleBracket()
    {
        _pos += 2;
        var words = new List<Word>();
        while (true)
        {
            SkipBlanksAndNewlines();
            if (AtEnd)
            {
                _incomplete = true;
                break;
            }

            if (StartsWith("]]"))
            {
                _pos += 2;
                break;
            }

            var word = _words.ReadWord(inTest: true);
            if (word is null)
            {
                _pos++;
            }
            else
            {
                words.Add(word);
            }
        }

        return new CompoundCommand("[[", [], words, ReadTrailingRedirects());
    }

    private Command ParseSimpleCommand()
    {
        var assignments = new List<Assignment>();
        var words = new List<Word>();
        var redirects = new List<Redirect>();
        while (true)
        {
            SkipBlanks();
            if (AtEnd)
            {
                break;
            }

            var c = Peek();
            if (c == '#')
            {
                SkipComment();
                break;
            }

            if (c is ';' or '\n' or '|' or ')' || (c == '&' && PeekAt(1) != '>'))
            {
                break;
            }

            if (TryReadRedirect(redirects))
            {
                continue;
            }

            if (words.Count == 0 && TryReadAssignment(assignments))
            {
                continue;
            }

            if (words.Count == 1 && assignments.Count == 0 && c == '(' && LooksLikeFunctionParens())
            {
                return ParseFunctionBody(words[0]);
            }

            var word = _words.ReadWord();
            if (word is null)
            {
                if (c == '(')
                {
                    // `cmd ( …` is a syntax error in bash; analyze the inside anyway.
                    _incomplete = true;
                    _pos++;
                    continue;
                }

                break;
            }

            words.Add(word);
        }

        return new SimpleCommand(assignments, words, redirects);
    }

    private bool LooksLikeFunctionParens()
    {
        var i = _pos + 1;
        while (i < _text.Length && _text[i] is ' ' or '\t')
        {
            i++;
        }

        if (i < _text.Length && _text[i] == ')')
        {
            _pos = i + 1;
            return true;
        }

        return false;
    }

    private List<Redirect> ReadTrailingRedirects()
    {
        var redirects = new List<Redirect>();
        while (true)
        {
            SkipBlanks();
            if (!TryReadRedirect(redirects))
            {
                return redirects;
            }
        }
    }

    private bool TryReadRedirect(List<Redirect> redirects)
    {
        var start = _pos;
        while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
        {
            _pos++;
        }

        string? op = null;
        foreach (var candidate in RedirectOperators)
        {
            if (StartsWith(candidate))
            {
                op = candidate;
                break;
            }
        }

        // `<(` and `>(` are process substitutions (words), not redirections.
        if (op is null || ((op is "<" or ">") && PeekAt(1) == '('))
        {
            _pos = start;
            return false;
        }

        if (op.StartsWith('&') && _pos != start)
        {
            _pos = start;
            return false;
        }

        _pos += op.Length;
        SkipBlanks();
        var target = _words.ReadWord() ?? Word.Literal("");
        if (op is "<<" or "<<-")
        {
            var redirect = new Redirect(op, target) { HereDocQuoted = target.Parts.Any(p => p is LiteralPart { Quoted: true }) };
            _pendingHereDocs.Add(redirect);
            redirects.Add(redirect);
        }
        else
        {
            redirects.Add(new Redirect(op, target));
        }

        return true;
    }

    private static readonly string[] RedirectOperators = ["&>>", "&>", "<<<", "<<-", "<<", "<>", "<&", ">>", ">&", ">|", "<", ">"];

    private bool TryReadAssignment(List<Assignment> assignments)
    {
        var i = _pos;
        if (i >= _text.Length || !(char.IsAsciiLetter(_text[i]) || _text[i] == '_'))
        {
            return false;
        }

        while (i < _text.Length && (char.IsAsciiLetterOrDigit(_text[i]) || _text[i] == '_'))
        {
            i++;
        }

        // `a[1]=x` array element assignments.
        if (i < _text.Length && _text[i] == '[')
        {
            var close = _text.IndexOf(']', i);
            if (close < 0)
            {
                return false;
            }

            i = close + 1;
        }

        var append = i + 1 < _text.Length && _text[i] == '+' && _text[i + 1] == '=';
        if (!append && (i >= _text.Length || _text[i] != '='))
        {
            return false;
        }

        var name = _text[_pos..i];
        var bracket = name.IndexOf('[', StringComparison.Ordinal);
        CommandList? index = null;
        if (bracket >= 0)
        {
            // The index is arithmetic, and command substitutions in it run: a[$(rm -rf ~)]=1.
            index = ParseNested(name[(bracket + 1)..^1]).Commands;
            name = name[..bracket];
        }

        _pos = i + (append ? 2 : 1);
        Word value;
        List<Word>? elements = null;
        if (Peek() == '(')
        {
            // Array value: the elements, and one word's worth of parts for readers that want a scalar.
            _pos++;
            var parts = new List<WordPart>();
            elements = [];
            while (true)
            {
                SkipBlanksAndNewlines();
                if (AtEnd || Peek() == ')')
                {
                    break;
                }

                var element = _words.ReadWord();
                if (element is null)
                {
                    _pos++;
                    continue;
                }

                if (parts.Count > 0)
                {
                    parts.Add(new LiteralPart(" ", Quoted: false));
                }

                parts.AddRange(element.Parts);
                elements.Add(element);
            }

            Expect(')');
            value = new Word(parts);
        }
        else
        {
            value = IsWordBoundary(Peek()) ? Word.Literal("") : _words.ReadWord() ?? Word.Literal("");
        }

        if (index is { Commands.Count: > 0 })
        {
            value = new Word([new CommandSubstitutionPart(index, Quoted: true), .. value.Parts]) { Source = value.Source };
        }

        assignments.Add(new Assignment(name, value, append) { Elements = elements });
        return true;
    }

    /// <summary>Reads from an opening bracket to its match, skipping quoted text; returns the text including both brackets.</summary>
    internal string ReadBalanced(char open, char close)
    {
        var start = _pos;
        var depth = 0;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '\\')
            {
                _pos = Math.Min(_pos + 2, _text.Length);
                continue;
            }

            if (c == '\'' && open != '(')
            {
                var end = _text.IndexOf('\'', _pos + 1);
                _pos = end < 0 ? _text.Length : end + 1;
                continue;
            }

            if (c == '"')
            {
                var end = _pos + 1;
                while (end < _text.Length && _text[end] != '"')
                {
                    end += _text[end] == '\\' ? 2 : 1;
                }

                _pos = Math.Min(end + 1, _text.Length);
                continue;
            }

            _pos++;
            if (c == open)
            {
                depth++;
            }
            else if (c == close && --depth == 0)
            {
                return _text[start.._pos];
            }
        }

        _incomplete = true;
        _pos = _text.Length;
        return _text[start..];
    }

    internal T WithDepth<T>(Func<T> parse)
    {
        if (_depth + 1 > MaxDepth || ++_nestedDepth > MaxDepth)
        {
            throw new ShellParseException("the command nests deeper than Airlock analyzes");
        }

        try
        {
            return parse();
        }
        finally
        {
            _nestedDepth--;
        }
    }

    private int _nestedDepth;

    private void SkipSeparators()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c is ' ' or '\t' or '\r')
            {
                _pos++;
            }
            else if (c == '\n')
            {
                ConsumeNewline();
            }
            else if (c == ';' && PeekAt(1) != ';' && PeekAt(1) != '&')
            {
                _pos++;
            }
            else if (c == '&' && PeekAt(1) != '&' && PeekAt(1) != '>')
            {
                _pos++;
            }
            else if (c == '#')
            {
                SkipComment();
            }
            else if (c == '\\' && PeekAt(1) == '\n')
            {
                _pos += 2;
            }
            else
            {
                break;
            }
        }
    }

    private void SkipBlanks()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c is ' ' or '\t' or '\r')
            {
                _pos++;
            }
            else if (c == '\\' && PeekAt(1) == '\n')
            {
                _pos += 2;
            }
            else
            {
                break;
            }
        }
    }

    private void SkipBlanksAndNewlines()
    {
        while (true)
        {
            SkipBlanks();
            if (Peek() == '\n')
            {
                ConsumeNewline();
            }
            else if (Peek() == '#')
            {
                SkipComment();
            }
            else
            {
                return;
            }
        }
    }

    private void SkipComment()
    {
        var end = _text.IndexOf('\n', _pos);
        _pos = end < 0 ? _text.Length : end;
    }

    /// <summary>Consumes a newline, then the bodies of here-documents opened on the line it ends.</summary>
    private void ConsumeNewline()
    {
        _pos++;
        foreach (var hereDoc in _pendingHereDocs)
        {
            var delimiter = StaticText(hereDoc.Target);
            var stripTabs = hereDoc.Operator == "<<-";
            var body = new StringBuilder();
            while (_pos < _text.Length)
            {
                var lineEnd = _text.IndexOf('\n', _pos);
                var line = lineEnd < 0 ? _text[_pos..] : _text[_pos..lineEnd];
                _pos = lineEnd < 0 ? _text.Length : lineEnd + 1;
                var compared = stripTabs ? line.TrimStart('\t') : line;
                if (string.Equals(compared.TrimEnd('\r'), delimiter, StringComparison.Ordinal))
                {
                    break;
                }

                body.Append(compared).Append('\n');
            }

            hereDoc.HereDocBody = body.ToString();
        }

        _pendingHereDocs.Clear();
    }

    /// <summary>The word's text when it has no expansions (quotes removed); expansions keep their source.</summary>
    private static string StaticText(Word word)
    {
        var text = new StringBuilder();
        foreach (var part in word.Parts)
        {
            text.Append(part is LiteralPart literal ? literal.Text : word.Source);
        }

        return text.ToString();
    }

    private string? PeekReservedWord()
    {
        var i = _pos;
        while (i < _text.Length && !IsWordBoundary(_text[i]))
        {
            i++;
        }

        var word = _text[_pos..i];
        if (word is "[[" or "{" or "}" || (word.Length > 0 && char.IsAsciiLetter(word[0])))
        {
            return word;
        }

        return null;
    }

    private bool AtListTerminator()
    {
        var word = PeekReservedWord();
        return word is not null && ListTerminators.Contains(word);
    }

    private bool TryWord(string word)
    {
        SkipBlanks();
        if (PeekReservedWord() == word)
        {
            _pos += word.Length;
            return true;
        }

        return false;
    }

    private void ExpectWord(string word)
    {
        SkipSeparators();
        if (!TryWord(word))
        {
            _incomplete = true;
        }
    }

    internal void Expect(char c)
    {
        SkipBlanksAndNewlines();
        if (Peek() == c)
        {
            _pos++;
        }
        else
        {
            _incomplete = true;
        }
    }

    private static bool IsWordBoundary(char c) => c is ' ' or '\t' or '\n' or '\r' or ';' or '&' or '|' or '(' or ')' or '<' or '>' or '\0';

    private static bool IsBlankOrEnd(char c) => c is ' ' or '\t' or '\0';

    private bool AtEnd => _pos >= _text.Length;

    /// <summary>The text being parsed, for <see cref="ShellWordReader"/>.</summary>
    internal string Text => _text;

    internal int Position
    {
        get => _pos;
        set => _pos = value;
    }

    /// <summary>Set where bash would have refused the input and the parser had to guess.</summary>
    internal bool Incomplete
    {
        get => _incomplete;
        set => _incomplete = value;
    }

    internal char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    internal char PeekAt(int offset) => _pos + offset < _text.Length ? _text[_pos + offset] : '\0';

    private bool StartsWith(string value) => string.CompareOrdinal(_text, _pos, value, 0, value.Length) == 0;

    private sealed class Counter
    {
        public int Value;
    }
}

/// <summary>The parse of a script and whether the parser had to guess where bash would have refused it.</summary>
internal sealed record ShellParseResult(CommandList Commands, bool Incomplete);
