using System.Text;
using Airlock.Shell;

namespace Airlock.Analysis;

/// <summary>
/// Computes the output of the few commands whose output is fully determined by their arguments and
/// stdin — echo, printf, cat of stdin, base64 -d, rev, xxd -r -p — so that payloads such as
/// <c>echo cm0gLXJmIC8= | base64 -d | sh</c> or <c>$(echo rm) -rf /</c> are read, not guessed.
/// </summary>
internal static class StaticEvaluator
{
    public const int MaxOutput = 1 << 20;

    /// <summary>The command's stdout, or null when it cannot be computed.</summary>
    public static string? Output(IReadOnlyList<Arg> argv, Stdin stdin, string? cwd = null)
    {
        if (argv.Count == 0 || argv.Any(a => !a.Known))
        {
            return null;
        }

        var name = CommandNames.Program(argv[0].Text);
        var args = argv.Skip(1).Select(a => a.Text).ToList();
        return name switch
        {
            "echo" => Echo(args),
            "pwd" when cwd is not null => cwd + "\n",
            "dirname" when args is [var path] => DirectoryName(path) + "\n",
            "basename" when args.Count is 1 or 2 => args[0].TrimEnd('/')[(args[0].TrimEnd('/').LastIndexOf('/') + 1)..] + "\n",
            "printf" => Printf(args),
            "cat" when args.Count == 0 || args is ["-"] => stdin.Text,
            "base64" when args.Any(a => a is "-d" or "--decode" or "-D" or "-di" or "-id") => Base64(stdin.Text),
            "rev" when args.Count == 0 => stdin.Text is null ? null : Reverse(stdin.Text),
            "xxd" when args.Contains("-r") && args.Contains("-p") => Hex(stdin.Text),
            _ => null,
        };
    }

    private static string DirectoryName(string path)
    {
        var trimmed = path.TrimEnd('/');
        var slash = trimmed.LastIndexOf('/');
        return slash > 0 ? trimmed[..slash] : slash == 0 ? "/" : ".";
    }

    private static string Echo(List<string> args)
    {
        var newline = true;
        var escapes = false;
        var i = 0;
        for (; i < args.Count && args[i].Length > 1 && args[i][0] == '-' && args[i].Skip(1).All(c => c is 'n' or 'e' or 'E'); i++)
        {
            newline &= !args[i].Contains('n', StringComparison.Ordinal);
            escapes |= args[i].Contains('e', StringComparison.Ordinal);
        }

        var text = string.Join(' ', args.Skip(i));
        if (escapes)
        {
            text = AnsiCQuoting.Decode(text);
        }

        return newline ? text + "\n" : text;
    }

    private static string? Printf(List<string> args)
    {
        if (args.Count == 0)
        {
            return null;
        }

        // Only %s and %b with escapes; anything else (widths, numbers) is not computed.
        var format = AnsiCQuoting.Decode(args[0]);
        var values = args.Skip(1).ToList();
        var result = new StringBuilder();
        var next = 0;
        do
        {
            for (var i = 0; i < format.Length; i++)
            {
                if (format[i] != '%' || i + 1 >= format.Length)
                {
                    result.Append(format[i]);
                    continue;
                }

                var spec = format[++i];
                switch (spec)
                {
                    case '%': result.Append('%'); break;
                    case 's': result.Append(next < values.Count ? values[next++] : ""); break;
                    case 'b': result.Append(next < values.Count ? AnsiCQuoting.Decode(values[next++]) : ""); break;
                    default: return null;
                }
            }
        }
        while (next < values.Count && format.Contains('%', StringComparison.Ordinal) && result.Length < MaxOutput);

        return result.ToString();
    }

    private static string? Base64(string? input)
    {
        if (input is null)
        {
            return null;
        }

        var compact = new string(input.Where(c => !char.IsWhiteSpace(c)).ToArray());
        var buffer = new byte[compact.Length];
        if (!Convert.TryFromBase64String(PadBase64(compact), buffer, out var written))
        {
            return null;
        }

        return Encoding.UTF8.GetString(buffer, 0, written);
    }

    private static string PadBase64(string text) => (text.Length % 4) switch
    {
        2 => text + "==",
        3 => text + "=",
        _ => text,
    };

    private static string? Hex(string? input)
    {
        if (input is null)
        {
            return null;
        }

        var compact = new string(input.Where(char.IsAsciiHexDigit).ToArray());
        if (compact.Length % 2 != 0)
        {
            return null;
        }

        return Encoding.UTF8.GetString(Convert.FromHexString(compact));
    }

    private static string Reverse(string text) => string.Join('\n', text.Split('\n').Select(line => new string(line.Reverse().ToArray())));
}
