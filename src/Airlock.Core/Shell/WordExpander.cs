using System.Text;

namespace Airlock.Shell;

/// <summary>
/// Expands words the way the shell would, as far as that is possible without running anything:
/// parameters from the known scope, field splitting of unquoted expansions, quote removal. What
/// cannot be computed stays marked unknown; it is never treated as empty.
/// </summary>
internal sealed class WordExpander
{
    private readonly ShellScope _scope;
    private readonly Func<CommandList, SubstitutionValue> _substitute;

    public WordExpander(ShellScope scope, Func<CommandList, SubstitutionValue> substitute)
    {
        _scope = scope;
        _substitute = substitute;
    }

    /// <summary>Expands command words into arguments, splitting fields as the shell does.</summary>
    public List<Arg> ExpandFields(IEnumerable<Word> words)
    {
        var args = new List<Arg>();
        foreach (var word in words)
        {
            Expand(word, split: true, args);
        }

        return args;
    }

    /// <summary>Expands a word that is never split: an assignment value, a redirection target.</summary>
    public Arg ExpandSingle(Word word)
    {
        var args = new List<Arg>();
        Expand(word, split: false, args);
        return args.Count switch
        {
            0 => new Arg(""),
            1 => args[0],
            _ => new Arg(string.Join(' ', args.Select(a => a.Text)), args.All(a => a.Known)) { Tainted = args.Any(a => a.Tainted) },
        };
    }

    private void Expand(Word word, bool split, List<Arg> output)
    {
        if (split && word.Parts is [LiteralPart { Quoted: false } only] && BraceExpansion.Expand(only.Text) is { Count: > 1 } alternatives)
        {
            foreach (var alternative in alternatives)
            {
                Expand(new Word([new LiteralPart(alternative, Quoted: false)]), split: false, output);
            }

            return;
        }

        var field = new FieldBuilder();
        var producedAnything = false;
        for (var i = 0; i < word.Parts.Count; i++)
        {
            switch (word.Parts[i])
            {
                case LiteralPart literal:
                    field.Append(literal.Text, known: true, quoted: literal.Quoted);
                    producedAnything |= literal.Quoted || literal.Text.Length > 0;
                    break;
                case ParameterPart { Name: "@" or "*", Operator: null } when _scope.Positional is { } positional:
                    // "$@" is one field per parameter; unquoted, each is also split.
                    for (var p = 0; p < positional.Count; p++)
                    {
                        if (p > 0 || field.HasContent)
                        {
                            output.Add(field.Build());
                            field.Reset();
                        }

                        field.Append(positional[p], known: true, quoted: true);
                    }

                    producedAnything |= positional.Count > 0;
                    break;
                case ParameterPart { Operator: "[@]" or "[*]" } array when _scope.GetArray(array.Name) is { } elements:
                    // "${arr[@]}" is one field per element, like "$@".
                    for (var e = 0; e < elements.Count; e++)
                    {
                        if (e > 0 || field.HasContent)
                        {
                            output.Add(field.Build());
                            field.Reset();
                        }

                        field.Append(elements[e], known: true, quoted: true);
                    }

                    producedAnything |= elements.Count > 0;
                    break;
                case ParameterPart { Operator: null } numbered when numbered.Name.Length == 1 && char.IsAsciiDigit(numbered.Name[0]) && numbered.Name != "0" && _scope.Positional is { } parameters:
                    var index = numbered.Name[0] - '1';
                    field.Append(index < parameters.Count ? parameters[index] : "", known: true, quoted: numbered.Quoted);
                    producedAnything = true;
                    break;
                case ParameterPart parameter:
                    var value = ExpandParameter(parameter, out var known, out var tainted);
                    field.Tainted |= tainted;
                    AppendExpansion(value, known, parameter.Quoted, split, field, output, ref producedAnything, parameter.Name, Separators());
                    break;
                case CommandSubstitutionPart substitution:
                    var result = _substitute(substitution.Body);
                    field.Tainted |= result.Tainted;
                    AppendExpansion(result.Value, result.Value is not null, substitution.Quoted, split, field, output, ref producedAnything, "(command)", Separators());
                    break;
                case ProcessSubstitutionPart process:
                    _substitute(process.Body);
                    field.Append("/dev/fd/63", known: true, quoted: true);
                    producedAnything = true;
                    break;
                case ArithmeticPart arithmetic:
                    _substitute(arithmetic.Inner);
                    field.Append("$((…))", known: false, quoted: true);
                    producedAnything = true;
                    break;
            }
        }

        if (field.HasContent || producedAnything)
        {
            output.Add(field.Build());
        }
    }

    /// <summary>The characters unquoted expansions are split on: IFS as the script set it.</summary>
    private char[] Separators() => _scope.Get("IFS", out var known) is { Length: > 0 } ifs && known ? ifs.ToCharArray() : [' ', '\t', '\n'];

    private static void AppendExpansion(string? value, bool known, bool quoted, bool split, FieldBuilder field, List<Arg> output, ref bool producedAnything, string name, char[] separators)
    {
        if (value is null)
        {
            field.Append("$" + name, known: false, quoted: quoted);
            producedAnything = true;
            return;
        }

        if (!known)
        {
            // A likely value (a ${x:-default}) is kept for evidence, but the field stays unknown.
            field.Append(value, known: false, quoted: true);
            producedAnything = true;
            return;
        }

        if (quoted || !split)
        {
            field.Append(value, known: true, quoted: true);
            producedAnything |= quoted || value.Length > 0;
            return;
        }

        // Unquoted: split on IFS white space; each boundary ends the current field.
        var pieces = value.Split(separators, StringSplitOptions.None);
        for (var p = 0; p < pieces.Length; p++)
        {
            if (p > 0 && field.HasContent)
            {
                output.Add(field.Build());
                field.Reset();
            }

            if (pieces[p].Length > 0)
            {
                field.Append(pieces[p], known: true, quoted: false);
            }
        }
    }

    private string? ExpandParameter(ParameterPart parameter, out bool known, out bool tainted)
    {
        var value = _scope.Get(parameter.Name, out known);
        tainted = _scope.IsTainted(parameter.Name);
        switch (parameter.Operator)
        {
            case null:
                return value;
            case ":-" or "-" or ":=" or "=":
                if (known && (value!.Length > 0 || parameter.Operator is "-" or "="))
                {
                    return value;
                }

                // Unset, empty or unknown: the default is what most likely runs; it stays unknown
                // when the variable itself is unknown, so it is never the only reading.
                var fallback = parameter.Argument is null ? new Arg("") : ExpandSingle(parameter.Argument);
                known = known && fallback.Known;
                tainted |= fallback.Tainted;
                return fallback.Text;
            case ":+" or "+":
                if (known && value!.Length == 0)
                {
                    return "";
                }

                var alternative = parameter.Argument is null ? new Arg("") : ExpandSingle(parameter.Argument);
                known = known && alternative.Known;
                return alternative.Text;
            case ":?" or "?":
                return value;
            default:
                if (known && value is not null && Transform(value, parameter.Operator) is { } transformed)
                {
                    return transformed;
                }

                // Substrings and patterns with globs are not computed.
                known = false;
                return null;
        }
    }

    /// <summary>${x//a/b}, ${x/a/b}, ${x#a}, ${x%a} with literal patterns, ${x^^}, ${x,,}, ${x[0]}; null when not computed.</summary>
    private static string? Transform(string value, string op)
    {
        static bool Literal(string pattern) => pattern.AsSpan().IndexOfAny("*?[") < 0;
        if (op.StartsWith("//", StringComparison.Ordinal) || op.StartsWith('/'))
        {
            var body = op.StartsWith("//", StringComparison.Ordinal) ? op[2..] : op[1..];
            var slash = body.IndexOf('/', StringComparison.Ordinal);
            var (pattern, replacement) = slash < 0 ? (body, "") : (body[..slash], body[(slash + 1)..]);
            if (!Literal(pattern) || pattern.Length == 0)
            {
                return null;
            }

            if (op.StartsWith("//", StringComparison.Ordinal))
            {
                return value.Replace(pattern, replacement, StringComparison.Ordinal);
            }

            var at = value.IndexOf(pattern, StringComparison.Ordinal);
            return at < 0 ? value : value[..at] + replacement + value[(at + pattern.Length)..];
        }

        return op switch
        {
            "^^" => value.ToUpperInvariant(),
            ",," => value.ToLowerInvariant(),
            "[0]" or "[@]" or "[*]" => value,
            _ when op.StartsWith('#') && Literal(op.TrimStart('#')) => value.StartsWith(op.TrimStart('#'), StringComparison.Ordinal) ? value[op.TrimStart('#').Length..] : value,
            _ when op.StartsWith('%') && Literal(op.TrimStart('%')) => value.EndsWith(op.TrimStart('%'), StringComparison.Ordinal) ? value[..^op.TrimStart('%').Length] : value,
            _ => null,
        };
    }

    private sealed class FieldBuilder
    {
        private readonly StringBuilder _text = new();
        private bool _known = true;
        private bool _glob;

        public bool Tainted { get; set; }

        public bool HasContent => _text.Length > 0 || !_known;

        public void Append(string text, bool known, bool quoted)
        {
            _text.Append(text);
            _known &= known;
            if (!quoted && text.AsSpan().IndexOfAny("*?[") >= 0)
            {
                _glob = true;
            }
        }

        public Arg Build() => new(_text.ToString(), _known) { Glob = _glob, Tainted = Tainted };

        public void Reset()
        {
            _text.Clear();
            _known = true;
            _glob = false;
            Tainted = false;
        }
    }
}

/// <summary>The value of a command substitution when it can be computed, and whether it carries secrets.</summary>
internal readonly record struct SubstitutionValue(string? Value, bool Tainted);
