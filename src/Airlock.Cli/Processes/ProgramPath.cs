namespace Airlock.Cli.Processes;

/// <summary>
/// Finds the program a command name runs the way a POSIX shell does: a name with a slash is a path;
/// any other is looked up in PATH, in order. Unlike <see cref="System.Diagnostics.Process"/>'s own
/// lookup, neither the current folder nor the folder of the airlock executable is tried first, so the
/// program that runs is the one the analysis named.
/// </summary>
internal static class ProgramPath
{
    private const string DefaultPath = "/usr/local/bin:/usr/bin:/bin";

    /// <summary>The program's absolute path, or null when no executable file of that name is found.</summary>
    public static string? Resolve(string name, string cwd)
    {
        if (name.Length == 0)
        {
            return null;
        }

        if (name.Contains('/', StringComparison.Ordinal))
        {
            var path = Path.GetFullPath(name, cwd);
            return File.Exists(path) ? path : null;
        }

        var search = Environment.GetEnvironmentVariable("PATH");
        foreach (var folder in (string.IsNullOrEmpty(search) ? DefaultPath : search).Split(':'))
        {
            // An empty PATH entry means the current folder (POSIX).
            var candidate = Path.GetFullPath(Path.Combine(folder.Length == 0 ? cwd : folder, name), cwd);
            if (IsExecutableFile(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool IsExecutableFile(string path)
    {
        try
        {
            return File.Exists(path)
                && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
