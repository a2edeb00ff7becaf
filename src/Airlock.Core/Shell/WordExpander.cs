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
                case ParameterPart { Operator: null } numbered when numbered.Name.Length == 1 && char.IsAsciiDigit(numbered.Name[0]) && numbered.Name != "0" && _scope.Positional is { } parameters:
                    var index = numbered.Name[0] - '1';
                    field.Append(index < parameters.Count ? parameters[index] : "", known: true, quoted: numbered.Quoted);
                    producedAnything = true;
                    break;
                case ParameterPart parameter:
                    var value = ExpandParameter(parameter, out var known, out var tainted);
                    field.Tainted |= tainted;
                    AppendExpansion(value, known, parameter.Quoted, split, field, output, ref producedAnything, parameter.Name);
                    break;
                case CommandSubstitutionPart substitution:
                    var result = _substitute(substitution.Body);
                    field.Tainted |= result.Tainted;
                    AppendExpansion(result.Value, result.Value is not null, substitution.Quoted, split, field, output, ref producedAnything, "(command)");
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

    private static void AppendExpansion(string? value, bool known, bool quoted, bool split, FieldBuilder field, List<Arg> output, ref bool producedAnything, string name)
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
        var pieces = value.Split([' ', '\t', '\n'], StringSplitOptions.None);
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
                // Substrings, replacements, case changes, lengths: not computed.
                known = false;
                return null;
        }
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
