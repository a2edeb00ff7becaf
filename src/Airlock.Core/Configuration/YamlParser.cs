using System.Text;

namespace Airlock.Configuration;

/// <summary>
/// Parses the YAML subset Airlock's policy and catalog files are written in: block mappings and
/// sequences by indentation, flow <c>[…]</c> and <c>{…}</c> (over several lines too), plain, single-
/// and double-quoted scalars, <c>|</c> and <c>&gt;</c> block scalars, and comments. Anchors, aliases,
/// tags and several documents are refused with a clear error rather than half-understood.
/// Written for Airlock because the hook loads the built-in policy on every tool call, and a general
/// YAML library's start-up cost (about 20 ms measured here, most of it compiling regular
/// expressions) was the largest part of the hook's latency (docs/benchmarks.md).
/// </summary>
internal sealed class YamlParser
{
    private readonly List<Line> _lines;
    private readonly string _source;
    private int _index;

    private YamlParser(List<Line> lines, string source)
    {
        _lines = lines;
        _source = source;
    }

    /// <summary>The document's root node, or null for an empty document; throws <see cref="ConfigException"/> on a syntax error.</summary>
    public static YamlNode? Parse(string text, string source)
    {
        var parser = new YamlParser(ReadLines(text, source), source);
        if (parser._lines.Count == 0)
        {
            return null;
        }

        var root = parser.ParseNode(0);
        if (parser._index < parser._lines.Count)
        {
            parser.Fail(parser._lines[parser._index].Number, "unexpected indentation or content after the document");
        }

        return root;
    }

    private YamlNode ParseNode(int minimumIndent)
    {
        if (_index >= _lines.Count || _lines[_index].Indent < minimumIndent)
        {
            var line = _index < _lines.Count ? _lines[_index].Number : (_lines.Count > 0 ? _lines[^1].Number : 1);
            return new YamlScalar(line, "", Quoted: false);
        }

        var current = _lines[_index];
        if (IsSequenceItem(current.Text))
        {
            return ParseSequence(current.Indent);
        }

        if (FindMappingColon(current.Text) >= 0)
        {
            return ParseMapping(current.Indent);
        }

        _index++;
        return ParseInline(current.Text, current.Number, current.Indent);
    }

    private YamlSequence ParseSequence(int indent)
    {
        var items = new List<YamlNode>();
        var first = _lines[_index].Number;
        while (_index < _lines.Count && _lines[_index].Indent == indent && IsSequenceItem(_lines[_index].Text))
        {
            var line = _lines[_index];
            var rest = line.Text.Length > 1 ? line.Text[1..].TrimStart(' ') : "";
            if (rest.Length == 0)
            {
                _index++;
                items.Add(ParseNode(indent + 1));
                continue;
            }

            // "- key: value" opens a mapping (or "- - x" a sequence) indented where its text starts.
            var innerIndent = indent + (line.Text.Length - rest.Length);
            if (IsSequenceItem(rest) || FindMappingColon(rest) >= 0)
            {
                _lines[_index] = line with { Indent = innerIndent, Text = rest };
                items.Add(ParseNode(innerIndent));
                continue;
            }

            _index++;
            items.Add(ParseInline(rest, line.Number, indent));
        }

        return new YamlSequence(first, items);
    }

    private YamlMapping ParseMapping(int indent)
    {
        var entries = new List<KeyValuePair<YamlScalar, YamlNode>>();
        var first = _lines[_index].Number;
        while (_index < _lines.Count && _lines[_index].Indent == indent)
        {
            var line = _lines[_index];
            var colon = FindMappingColon(line.Text);
            if (colon < 0)
            {
                Fail(line.Number, $"expected 'key: value' but found '{Shorten(line.Text)}'");
            }

            var key = ParseScalar(line.Text[..colon].Trim(), line.Number);
            if (entries.Any(e => e.Key.Value == key.Value))
            {
                Fail(line.Number, $"the key '{key.Value}' appears twice in the same mapping");
            }

            var value = line.Text[(colon + 1)..].Trim();
            _index++;
            YamlNode node;
            if (value.Length == 0)
            {
                // A sequence may sit at the key's own indentation.
                node = _index < _lines.Count && _lines[_index].Indent == indent && IsSequenceItem(_lines[_index].Text)
                    ? ParseSequence(indent)
                    : ParseNode(indent + 1);
            }
            else if (value[0] is '|' or '>')
            {
                node = ParseBlockScalar(value, line.Number, indent);
            }
            else
            {
                node = ParseInline(value, line.Number, indent);
            }

            entries.Add(new KeyValuePair<YamlScalar, YamlNode>(key, node));
        }

        if (_index < _lines.Count && _lines[_index].Indent > indent)
        {
            Fail(_lines[_index].Number, "unexpected indentation");
        }

        return new YamlMapping(first, entries);
    }

    /// <summary>A value written on the line: a flow collection (continued on following lines until balanced) or a scalar.</summary>
    private YamlNode ParseInline(string text, int lineNumber, int indent)
    {
        if (text[0] is '[' or '{')
        {
            var flow = new StringBuilder(text);
            while (!Balanced(flow.ToString()) && _index < _lines.Count && _lines[_index].Indent > indent)
            {
                flow.Append(' ').Append(_lines[_index].Text);
                _index++;
            }

            var reader = new FlowReader(flow.ToString(), lineNumber, this);
            var node = reader.ReadValue(key: false);
            reader.ExpectEnd();
            return node;
        }

        return ParseScalar(text, lineNumber);
    }

    private YamlScalar ParseBlockScalar(string header, int lineNumber, int indent)
    {
        var folded = header[0] == '>';
        var keep = header.Contains('+', StringComparison.Ordinal);
        var strip = header.Contains('-', StringComparison.Ordinal);
        var collected = new List<string>();
        int? blockIndent = null;
        while (_index < _lines.Count && (_lines[_index].Indent > indent || _lines[_index].Blank))
        {
            var line = _lines[_index];
            blockIndent ??= line.Blank ? null : line.Indent;
            collected.Add(line.Blank ? "" : new string(' ', Math.Max(0, line.Indent - (blockIndent ?? line.Indent))) + line.Raw.TrimStart(' '));
            _index++;
        }

        while (collected.Count > 0 && collected[^1].Length == 0 && !keep)
        {
            collected.RemoveAt(collected.Count - 1);
        }

        var text = folded ? string.Join(' ', collected).Replace("  ", "\n", StringComparison.Ordinal) : string.Join('\n', collected);
        return new YamlScalar(lineNumber, strip || collected.Count == 0 ? text : text + "\n", Quoted: true);
    }

    internal YamlScalar ParseScalar(string text, int lineNumber)
    {
        if (text.Length == 0)
        {
            return new YamlScalar(lineNumber, "", Quoted: false);
        }

        switch (text[0])
        {
            case '"':
                return new YamlScalar(lineNumber, DoubleQuoted(text, lineNumber), Quoted: true);
            case '\'':
                if (text.Length < 2 || text[^1] != '\'')
                {
                    Fail(lineNumber, "an unterminated single-quoted string");
                }

                return new YamlScalar(lineNumber, text[1..^1].Replace("''", "'", StringComparison.Ordinal), Quoted: true);
            case '&' or '*' or '!':
                Fail(lineNumber, $"anchors, aliases and tags are not supported in Airlock's configuration ('{Shorten(text)}')");
                break;
            case '@' or '`':
                Fail(lineNumber, $"a plain value cannot start with '{text[0]}'; quote it");
                break;
        }

        return new YamlScalar(lineNumber, text, Quoted: false);
    }

    private string DoubleQuoted(string text, int lineNumber)
    {
        var result = new StringBuilder();
        for (var i = 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                if (i != text.Length - 1)
                {
                    Fail(lineNumber, "text after a closing quote");
                }

                return result.ToString();
            }

            if (c != '\\' || i + 1 >= text.Length)
            {
                result.Append(c);
                continue;
            }

            var e = text[++i];
            switch (e)
            {
                case 'n': result.Append('\n'); break;
                case 't': result.Append('\t'); break;
                case 'r': result.Append('\r'); break;
                case '0': result.Append('\0'); break;
                case 'u' when i + 4 < text.Length && ushort.TryParse(text.AsSpan(i + 1, 4), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var code):
                    result.Append((char)code);
                    i += 4;
                    break;
                default: result.Append(e); break;
            }
        }

        Fail(lineNumber, "an unterminated double-quoted string");
        return "";
    }

    private static bool IsSequenceItem(string text) => text == "-" || text.StartsWith("- ", StringComparison.Ordinal);

    /// <summary>Where a block mapping's <c>key:</c> ends (a colon followed by a space or the end, outside quotes and brackets), or -1.</summary>
    private static int FindMappingColon(string text)
    {
        if (text.Length == 0 || text[0] is '[' or '{' or '-' && !text.StartsWith("--", StringComparison.Ordinal))
        {
            return -1;
        }

        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }

                continue;
            }

            if (i == 0 && c is '"' or '\'')
            {
                quote = c;
                continue;
            }

            if (c == ':' && (i + 1 == text.Length || text[i + 1] == ' '))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool Balanced(string text)
    {
        var depth = 0;
        char? quote = null;
        foreach (var c in text)
        {
            if (quote is not null)
            {
                quote = c == quote ? null : quote;
                continue;
            }

            switch (c)
            {
                case '"' or '\'': quote = c; break;
                case '[' or '{': depth++; break;
                case ']' or '}': depth--; break;
            }
        }

        return depth <= 0;
    }

    private static List<Line> ReadLines(string text, string source)
    {
        var lines = new List<Line>();
        var raw = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var documents = 0;
        for (var n = 0; n < raw.Length; n++)
        {
            var line = raw[n];
            var indent = line.Length - line.TrimStart(' ').Length;
            if (line.TrimStart(' ').StartsWith('\t'))
            {
                throw new ConfigException([new ConfigError(source, n + 1, "indentation must be spaces, not tabs")]);
            }

            var content = StripComment(line).Trim();
            if (content == "---")
            {
                if (++documents > 1 || lines.Count > 0)
                {
                    throw new ConfigException([new ConfigError(source, n + 1, "only one YAML document is read; remove the second '---'")]);
                }

                continue;
            }

            if (content == "...")
            {
                break;
            }

            lines.Add(new Line(n + 1, indent, content, line.TrimEnd(), content.Length == 0));
        }

        // Blank lines matter only inside block scalars; elsewhere they are dropped below as they are reached.
        return Compact(lines);
    }

    /// <summary>Keeps blank lines only where a block scalar may need them (after a line ending in | or >).</summary>
    private static List<Line> Compact(List<Line> lines)
    {
        var result = new List<Line>();
        var inBlock = false;
        var blockIndent = 0;
        foreach (var line in lines)
        {
            if (!line.Blank && inBlock && line.Indent <= blockIndent)
            {
                inBlock = false;
            }

            if (line.Blank && !inBlock)
            {
                continue;
            }

            result.Add(line);
            if (!line.Blank && (line.Text.EndsWith(" |", StringComparison.Ordinal) || line.Text.EndsWith(" >", StringComparison.Ordinal) || line.Text.EndsWith("|-", StringComparison.Ordinal) || line.Text.EndsWith(">-", StringComparison.Ordinal) || line.Text.EndsWith("|+", StringComparison.Ordinal)))
            {
                inBlock = true;
                blockIndent = line.Indent;
            }
        }

        while (result.Count > 0 && result[^1].Blank)
        {
            result.RemoveAt(result.Count - 1);
        }

        return result;
    }

    /// <summary>Removes a comment: a # at the start or after a space, outside quotes.</summary>
    private static string StripComment(string line)
    {
        char? quote = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote is not null)
            {
                quote = c == quote ? null : quote;
                continue;
            }

            if (c is '"' or '\'' && (i == 0 || line[i - 1] is ' ' or '[' or '{' or ',' or ':'))
            {
                quote = c;
            }
            else if (c == '#' && (i == 0 || line[i - 1] is ' ' or '\t'))
            {
                return line[..i];
            }
        }

        return line;
    }

    internal void Fail(int line, string message) => throw new ConfigException([new ConfigError(_source, line, message)]);

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private sealed record Line(int Number, int Indent, string Text, string Raw, bool Blank);

    /// <summary>Reads a flow collection: <c>[a, "b", {k: v}]</c>.</summary>
    private sealed class FlowReader(string text, int line, YamlParser parser)
    {
        private int _pos;
        private int _depth;

        public YamlNode ReadValue(bool key)
        {
            SkipSpaces();
            if (_pos >= text.Length)
            {
                return new YamlScalar(line, "", Quoted: false);
            }

            return text[_pos] switch
            {
                '[' => ReadSequence(),
                '{' => ReadMapping(),
                _ => ReadScalar(key),
            };
        }

        public void ExpectEnd()
        {
            SkipSpaces();
            if (_pos < text.Length)
            {
                parser.Fail(line, $"unexpected '{text[_pos..]}' after a flow collection");
            }
        }

        private YamlSequence ReadSequence()
        {
            Enter();
            var items = new List<YamlNode>();
            SkipSpaces();
            while (_pos < text.Length && text[_pos] != ']')
            {
                items.Add(ReadValue(key: false));
                SkipSpaces();
                if (_pos < text.Length && text[_pos] == ',')
                {
                    _pos++;
                    SkipSpaces();
                }
                else if (_pos < text.Length && text[_pos] != ']')
                {
                    parser.Fail(line, $"expected ',' or ']' in a flow sequence at '{Rest()}'");
                }
            }

            Close(']');
            return new YamlSequence(line, items);
        }

        private YamlMapping ReadMapping()
        {
            Enter();
            var entries = new List<KeyValuePair<YamlScalar, YamlNode>>();
            SkipSpaces();
            while (_pos < text.Length && text[_pos] != '}')
            {
                var key = ReadScalar(key: true);
                SkipSpaces();
                if (_pos >= text.Length || text[_pos] != ':')
                {
                    parser.Fail(line, $"expected ':' after the key '{key.Value}' in a flow mapping");
                }

                _pos++;
                if (entries.Any(e => e.Key.Value == key.Value))
                {
                    parser.Fail(line, $"the key '{key.Value}' appears twice in the same mapping");
                }

                entries.Add(new KeyValuePair<YamlScalar, YamlNode>(key, ReadValue(key: false)));
                SkipSpaces();
                if (_pos < text.Length && text[_pos] == ',')
                {
                    _pos++;
                    SkipSpaces();
                }
                else if (_pos < text.Length && text[_pos] != '}')
                {
                    parser.Fail(line, $"expected ',' or '}}' in a flow mapping at '{Rest()}'");
                }
            }

            Close('}');
            return new YamlMapping(line, entries);
        }

        private YamlScalar ReadScalar(bool key)
        {
            var start = _pos;
            if (text[_pos] is '"' or '\'')
            {
                var quote = text[_pos++];
                while (_pos < text.Length && (text[_pos] != quote || (quote == '"' && text[_pos - 1] == '\\' && text[_pos - 2] != '\\')))
                {
                    if (quote == '\'' && text[_pos] == '\'' && _pos + 1 < text.Length && text[_pos + 1] == '\'')
                    {
                        _pos++;
                    }

                    _pos++;
                }

                _pos = Math.Min(_pos + 1, text.Length);
                return parser.ParseScalar(text[start.._pos], line);
            }

            while (_pos < text.Length && text[_pos] is not (',' or ']' or '}') && !(key && text[_pos] == ':' && (_pos + 1 >= text.Length || text[_pos + 1] is ' ' or ',' or '}' or ']')))
            {
                _pos++;
            }

            return parser.ParseScalar(text[start.._pos].Trim(), line);
        }

        private void Enter()
        {
            if (++_depth > 32)
            {
                parser.Fail(line, "flow collections nest too deeply");
            }

            _pos++;
        }

        private void Close(char close)
        {
            if (_pos >= text.Length || text[_pos] != close)
            {
                parser.Fail(line, $"a flow collection is missing its closing '{close}'");
            }

            _pos++;
            _depth--;
        }

        private void SkipSpaces()
        {
            while (_pos < text.Length && text[_pos] == ' ')
            {
                _pos++;
            }
        }

        private string Rest() => text[_pos..Math.Min(text.Length, _pos + 20)];
    }
}
