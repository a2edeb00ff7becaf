using Airlock.Shell;

namespace Airlock.Analysis;

/// <summary>
/// A tool's arguments split into options and positionals, the way getopt-style tools read them:
/// <c>--opt=value</c>, <c>--opt value</c> for options known to take a value, bundled short flags
/// (<c>-rf</c> is <c>-r</c> and <c>-f</c>), and <c>--</c> ending the options.
/// </summary>
internal sealed class ParsedArgs
{
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly List<(string Option, Arg Value)> _values = [];
    private readonly List<Arg> _positionals = [];

    public ParsedArgs(IReadOnlyList<Arg> args, IReadOnlySet<string> valueOptions, bool stopAtFirstPositional = false)
    {
        var optionsEnded = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var text = arg.Text;
            if (optionsEnded || !arg.Known || text.Length < 2 || text[0] != '-')
            {
                _positionals.Add(arg);
                if (stopAtFirstPositional)
                {
                    optionsEnded = true;
                }

                continue;
            }

            if (text == "--")
            {
                optionsEnded = true;
                Rest = args.Skip(i + 1).ToList();
                continue;
            }

            var equals = text.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                var name = text[..equals];
                _flags.Add(name);
                _values.Add((name, arg with { Text = text[(equals + 1)..] }));
                continue;
            }

            _flags.Add(text);
            if (valueOptions.Contains(text))
            {
                if (i + 1 < args.Count)
                {
                    _values.Add((text, args[++i]));
                }

                continue;
            }

            if (text[1] != '-')
            {
                AddShortBundle(text, valueOptions, args, ref i);
            }
        }
    }

    /// <summary>Arguments after <c>--</c>, when there was one.</summary>
    public IReadOnlyList<Arg>? Rest { get; }

    public IReadOnlyList<Arg> Positionals => _positionals;

    public IReadOnlyList<(string Option, Arg Value)> Values => _values;

    public IReadOnlyCollection<string> Flags => _flags;

    public bool Has(string flag) => _flags.Contains(flag);

    public bool HasAny(IEnumerable<string> flags) => flags.Any(_flags.Contains);

    public Arg? Value(string option) => _values.LastOrDefault(v => v.Option == option).Value;

    public IEnumerable<Arg> ValuesOf(IEnumerable<string> options)
    {
        var set = options as IReadOnlySet<string> ?? new HashSet<string>(options, StringComparer.Ordinal);
        return _values.Where(v => set.Contains(v.Option)).Select(v => v.Value);
    }

    /// <summary><c>-rf</c> sets <c>-r</c> and <c>-f</c>; <c>-XDELETE</c> or <c>-n5</c> gives a value option its attached value.</summary>
    private void AddShortBundle(string text, IReadOnlySet<string> valueOptions, IReadOnlyList<Arg> args, ref int i)
    {
        for (var c = 1; c < text.Length; c++)
        {
            var flag = "-" + text[c];
            _flags.Add(flag);
            if (valueOptions.Contains(flag))
            {
                if (c + 1 < text.Length)
                {
                    _values.Add((flag, new Arg(text[(c + 1)..])));
                }
                else if (i + 1 < args.Count)
                {
                    _values.Add((flag, args[++i]));
                }

                return;
            }
        }
    }
}
