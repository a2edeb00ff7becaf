using System.Text;

namespace Airlock.Shell;

/// <summary>
/// Rewrites PowerShell and cmd.exe command text into the shape the POSIX parser reads: backslashes in
/// paths become slashes (PowerShell escapes with a backquote, cmd not at all), and the home and
/// temporary folders named through the environment become <c>~</c> and <c>/tmp</c>.
/// </summary>
internal static class WindowsShell
{
    private static readonly (string Name, string Replacement)[] Folders =
    [
        ("$env:USERPROFILE", "~"), ("$env:HOMEPATH", "~"), ("$env:HOME", "~"), ("$HOME", "~"), ("%USERPROFILE%", "~"), ("%HOMEPATH%", "~"),
        ("$env:TEMP", "/tmp"), ("$env:TMP", "/tmp"), ("%TEMP%", "/tmp"), ("%TMP%", "/tmp"), ("$env:APPDATA", "~/AppData/Roaming"), ("%APPDATA%", "~/AppData/Roaming"),
        ("$env:LOCALAPPDATA", "~/AppData/Local"), ("%LOCALAPPDATA%", "~/AppData/Local"), ("$PROFILE", "~/Documents/PowerShell/Microsoft.PowerShell_profile.ps1"),
    ];

    /// <summary>
    /// A shell tool whose command is PowerShell (Codex and others run PowerShell on Windows under a
    /// generic shell tool): it starts with a Verb-Noun cmdlet or names <c>$env:</c>.
    /// </summary>
    public static bool LooksLikePowerShell(string command)
    {
        if (command.Contains("$env:", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var first = command.TrimStart().Split(' ', 2)[0];
        var dash = first.IndexOf('-', StringComparison.Ordinal);
        return dash > 1 && dash < first.Length - 1 && char.IsAsciiLetterUpper(first[0]) && char.IsAsciiLetterUpper(first[dash + 1]) && first.All(c => char.IsAsciiLetter(c) || c == '-');
    }

    public static string Normalize(string command)
    {
        var text = new StringBuilder(command);
        foreach (var (name, replacement) in Folders)
        {
            text.Replace(name, replacement);
        }

        // `$env:NAME` and `%NAME%` that are not folders stay visible as unknown variables.
        return text.Replace('\\', '/').ToString().Replace("$env:", "$", StringComparison.Ordinal);
    }
}
