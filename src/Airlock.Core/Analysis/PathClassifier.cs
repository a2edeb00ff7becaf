using Airlock.Catalog;
using Airlock.Model;

namespace Airlock.Analysis;

/// <summary>
/// Says how much a local path matters: throw-away scratch, the project, the rest of the machine, or
/// everything (a root, a home folder, a disk). Paths are normalized lexically (<c>..</c>, <c>~</c>,
/// the working directory), never looked up on disk, so the answer does not depend on the machine.
/// </summary>
internal sealed class PathClassifier
{
    private static readonly HashSet<string> SystemRoots = new(StringComparer.Ordinal)
    {
        "/", "~", "/home", "/Users", "/root", "/etc", "/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/boot",
        "/var", "/opt", "/srv", "/sys", "/proc", "/dev", "/mnt", "/media", "/snap", "/System", "/Library",
        "/Applications", "/private", "/var/lib", "/usr/local", "/usr/bin", "/usr/lib", "/var/log", "/etc/ssl",
    };

    /// <summary>Folders whose contents are throw-away wherever the project is: temporary files and per-user caches.</summary>
    private static readonly string[] ScratchRoots = ["/tmp", "/var/tmp", "/private/tmp", "/dev/shm", "/private/var/folders", "~/.cache", "~/Library/Caches", "~/.npm/_cacache", "~/.cargo/registry/cache", "~/.gradle/caches", "~/.nuget/packages"];

    private static readonly string[] DevicePrefixes = ["/dev/sd", "/dev/nvme", "/dev/hd", "/dev/vd", "/dev/xvd", "/dev/mmcblk", "/dev/disk", "/dev/rdisk", "/dev/mapper/", "/dev/md", "/dev/dm-", "/dev/loop"];

    private readonly ToolCatalog _catalog;

    public PathClassifier(ToolCatalog catalog)
    {
        _catalog = catalog;
    }

    /// <summary>Classifies a path as written in a command run in <paramref name="cwd"/> (null: the project root, unknown).</summary>
    public LocalPath Classify(string path, string? cwd, bool glob = false)
    {
        var resolved = Resolve(path, cwd);
        var workspace = cwd is null ? "." : Normalize(cwd);
        var credential = IsCredential(resolved, glob);
        var secretFile = IsDotEnv(resolved);
        var isProtected = _catalog.ProtectedPatterns.Matches(resolved);
        var (radius, reason) = Judge(resolved, workspace, glob);
        return new LocalPath(resolved, radius, reason) { IsCredentialStore = credential, IsSecretFile = secretFile || credential, IsProtected = isProtected };
    }

    /// <summary>
    /// A credential store, a folder that holds one (<c>~/.ssh</c>, <c>~/.config/gh</c>), or a glob that
    /// may match one (<c>~/**/credentials</c>). Patterns starting with <c>!</c> exclude (<c>~/.ssh/*.pub</c>).
    /// </summary>
    private bool IsCredential(string path, bool glob) => _catalog.CredentialPatterns.Matches(path, folders: true, glob: glob);

    public static bool IsDevice(string path) => DevicePrefixes.Any(p => path.StartsWith(p, StringComparison.Ordinal));

    private (BlastRadius, string) Judge(string path, string workspace, bool glob)
    {
        if (IsDevice(path))
        {
            return (BlastRadius.Catastrophic, "a disk device");
        }

        var withoutGlob = !glob ? path : path == "*" ? workspace : path.EndsWith("/*", StringComparison.Ordinal) ? path[..^2] : path;
        if (withoutGlob.Length == 0)
        {
            withoutGlob = "/";
        }

        if (SystemRoots.Contains(withoutGlob) || IsHomeFolder(withoutGlob))
        {
            return (BlastRadius.Catastrophic, withoutGlob is "~" || IsHomeFolder(withoutGlob) ? "a home folder" : "a system root folder");
        }

        if (glob && withoutGlob == path && path.Count(c => c == '/') <= 1 && path.StartsWith('/'))
        {
            return (BlastRadius.Catastrophic, "a glob over the file system root");
        }

        // ~/**/* or /**: every file under a root or a home folder.
        if (glob && path.EndsWith("/*", StringComparison.Ordinal) && LiteralPrefix(path) is var root && (SystemRoots.Contains(root.Length == 0 ? "/" : root) || IsHomeFolder(root)))
        {
            return (BlastRadius.Catastrophic, "everything under a system root or home folder");
        }

        // Build output and dependency folders are throw-away inside the project; /usr/local/bin is not.
        if (ScratchRoots.Any(root => IsUnder(path, root) && path != root) || (IsUnder(path, workspace) && HasScratchSegment(path, workspace)))
        {
            return (BlastRadius.LocalScratch, "throw-away files (temporary, build output, caches, dependencies)");
        }

        if (workspace != "~" && workspace != "/" && IsUnder(path, workspace))
        {
            return (BlastRadius.Workspace, path == workspace || withoutGlob == workspace ? "the whole project folder" : "inside the project");
        }

        if (workspace is "~" or "/" && IsUnder(path, workspace))
        {
            return (BlastRadius.Machine, "inside a working directory that is a home or root folder");
        }

        return (BlastRadius.Machine, "outside the project");
    }

    private bool HasScratchSegment(string path, string workspace)
    {
        var inside = workspace == "." ? path : path[Math.Min(path.Length, workspace.Length)..];
        foreach (var segment in inside.Split('/'))
        {
            if (_catalog.ScratchNames.Contains(segment))
            {
                return true;
            }

            foreach (var pattern in _catalog.ScratchGlobs)
            {
                if (Glob.Match(pattern, segment))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsHomeFolder(string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2 && parts[0] is "home" or "Users";
    }

    private static bool IsUnder(string path, string folder) => folder == "."
        ? !path.StartsWith('/') && !path.StartsWith('~') && !path.StartsWith("..", StringComparison.Ordinal)
        : path == folder || folder == "/" || path.StartsWith(folder + "/", StringComparison.Ordinal);

    /// <summary>The leading segments with no glob characters.</summary>
    private static string LiteralPrefix(string pattern) =>
        string.Join('/', pattern.Split('/').TakeWhile(s => s.AsSpan().IndexOfAny("*?[") < 0));

    private static bool IsDotEnv(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        return (name == ".env" || name.StartsWith(".env.", StringComparison.Ordinal) || name.EndsWith(".env", StringComparison.Ordinal))
            && !name.EndsWith(".example", StringComparison.Ordinal) && !name.EndsWith(".sample", StringComparison.Ordinal)
            && !name.EndsWith(".template", StringComparison.Ordinal) && !name.EndsWith(".dist", StringComparison.Ordinal);
    }

    /// <summary>Resolves against the working directory and normalizes; the home folder stays <c>~</c>.</summary>
    public static string Resolve(string path, string? cwd)
    {
        path = path.Replace('\\', '/');
        if (path.Length >= 2 && path[1] == ':' && char.IsAsciiLetter(path[0]))
        {
            // A Windows drive: C:/Users/x → /Users/x keeps the shape the rules know.
            path = path[2..];
            if (path.Length == 0)
            {
                path = "/";
            }
        }

        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal) || path.StartsWith('/'))
        {
            return Normalize(path);
        }

        if (path.StartsWith('~'))
        {
            // ~user: another user's home folder.
            var slash = path.IndexOf('/', StringComparison.Ordinal);
            return Normalize("/home/" + (slash < 0 ? path[1..] : path[1..slash] + path[slash..]));
        }

        var basePath = cwd is null ? "." : Normalize(cwd);
        return Normalize(basePath == "/" ? "/" + path : basePath + "/" + path);
    }

    public static string Normalize(string path)
    {
        var absolute = path.StartsWith('/');
        var home = path == "~" || path.StartsWith("~/", StringComparison.Ordinal);
        var relative = !absolute && !home;
        var stack = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part.Length == 0 || part == "." || (home && stack.Count == 0 && part == "~"))
            {
                continue;
            }

            if (part == "..")
            {
                if (stack.Count > 0 && stack[^1] != "..")
                {
                    stack.RemoveAt(stack.Count - 1);
                }
                else if (home)
                {
                    // Above the home folder: /home.
                    return Normalize("/home/" + string.Join('/', stack.Skip(1)));
                }
                else if (relative)
                {
                    stack.Add("..");
                }

                continue;
            }

            stack.Add(part);
        }

        var joined = string.Join('/', stack);
        return absolute ? "/" + joined : home ? (joined.Length == 0 ? "~" : "~/" + joined) : (joined.Length == 0 ? "." : joined);
    }
}
