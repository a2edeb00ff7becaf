using System.Text;

namespace Airlock.Analysis;

/// <summary>Reads script files a command would run, bounded in size, so their contents are analyzed too.</summary>
internal static class ScriptFiles
{
    /// <summary>The file's text, or null when it does not exist, cannot be read, or is larger than the bound.</summary>
    public static string? TryRead(string resolvedPath, AnalysisContext context)
    {
        var path = ToFileSystemPath(resolvedPath, context.Cwd);
        if (path is null || path.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length > AnalysisContext.MaxScriptBytes)
            {
                return null;
            }

            var bytes = File.ReadAllBytes(path);
            return bytes.AsSpan().IndexOf((byte)0) >= 0 ? null : Encoding.UTF8.GetString(bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Turns the classifier's normalized path back into one the file system understands.</summary>
    private static string? ToFileSystemPath(string resolvedPath, string? cwd)
    {
        if (resolvedPath.StartsWith('~'))
        {
            var home = Environment.GetEnvironmentVariable("HOME");
            return home is null ? null : home + resolvedPath[1..];
        }

        if (resolvedPath.StartsWith('/'))
        {
            return resolvedPath;
        }

        return cwd is null ? null : Path.Combine(cwd, resolvedPath);
    }
}
