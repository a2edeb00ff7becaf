namespace Airlock.Shell;

/// <summary>Quotes words so that joining them gives a command line the shell splits back into the same words.</summary>
public static class ShellQuoting
{
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '/' or '.' or '=' or ':' or ',' or '@' or '+' or '%')
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    public static string Join(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));
}
