namespace Airlock.Analysis;

/// <summary>How a program is named in a command: <c>/usr/bin/rm</c>, <c>rm.exe</c> and <c>rm</c> are all rm.</summary>
internal static class CommandNames
{
    public static string Program(string word)
    {
        var slash = Math.Max(word.LastIndexOf('/'), word.LastIndexOf('\\'));
        var name = slash >= 0 ? word[(slash + 1)..] : word;
        if (name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase))
        {
            name = name[..^4];
        }

        // Package runners name versions: drizzle-kit@latest, @scope/tool@1.2.
        var at = name.LastIndexOf('@');
        if (at > 0)
        {
            name = name[..at];
        }

        return name;
    }

    /// <summary>Whether the word names a file to run (<c>./deploy.sh</c>) rather than a program on PATH.</summary>
    public static bool IsPath(string word) => word.Contains('/', StringComparison.Ordinal);
}
