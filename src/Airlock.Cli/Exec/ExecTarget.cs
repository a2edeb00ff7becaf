using Airlock.Cli.Processes;
using Airlock.Shell;

namespace Airlock.Cli.Exec;

/// <summary>
/// What <c>airlock exec</c> will start, and the shell text the analysis reads for it — the two always
/// describe the same thing. Several words are an argument vector run directly (no shell); the
/// analysis reads them quoted so that a shell would split them back into exactly those words. One
/// word that is not a plain word (it holds spaces, quotes or shell operators) is a command line,
/// run by bash (or <c>/bin/sh</c> where there is no bash) and analyzed as that script.
/// </summary>
internal sealed record ExecTarget
{
    /// <summary>The words the user gave after <c>--</c>.</summary>
    public required IReadOnlyList<string> Words { get; init; }

    /// <summary>The shell command line the analysis reads.</summary>
    public required string Script { get; init; }

    /// <summary>The program's absolute path; null when it cannot be found.</summary>
    public required string? Program { get; init; }

    /// <summary>The arguments the program receives after its name.</summary>
    public required IReadOnlyList<string> Arguments { get; init; }

    /// <summary>True when the words are one command line that a shell runs.</summary>
    public required bool ViaShell { get; init; }

    private static readonly string[] Shells = ["/bin/bash", "/usr/bin/bash", "/bin/sh"];

    /// <summary>Words that a shell reads as syntax in a command's first position: quoted, so the analysis sees the program that runs.</summary>
    private static readonly HashSet<string> ReservedWords = new(StringComparer.Ordinal)
    {
        "!", "{", "}", "[[", "]]", "case", "coproc", "do", "done", "elif", "else", "esac", "fi", "for", "function", "if", "in", "select", "then", "time", "until", "while",
    };

    public static ExecTarget From(IReadOnlyList<string> words, string cwd)
    {
        if (words.Count == 1 && ShellQuoting.Quote(words[0]) != words[0])
        {
            var shell = Shells.FirstOrDefault(File.Exists) ?? "/bin/sh";
            return new ExecTarget { Words = words, Script = words[0], Program = shell, Arguments = ["-c", words[0]], ViaShell = true };
        }

        var first = words[0];
        var name = first.Contains('=', StringComparison.Ordinal) || ReservedWords.Contains(first)
            ? "'" + first.Replace("'", "'\\''", StringComparison.Ordinal) + "'"
            : ShellQuoting.Quote(first);
        return new ExecTarget
        {
            Words = words,
            Script = string.Join(' ', [name, .. words.Skip(1).Select(ShellQuoting.Quote)]),
            Program = ProgramPath.Resolve(first, cwd),
            Arguments = [.. words.Skip(1)],
            ViaShell = false,
        };
    }

    /// <summary>The command line that starts the program, quoted for a person to read.</summary>
    public string Display => ShellQuoting.Join([Program ?? Words[0], .. Arguments]);
}
