using System.Text;

namespace Airlock.Cli.Mcp;

/// <summary>
/// The name a proxied MCP server goes by in tool names (<c>mcp__NAME__tool</c>): the one the client
/// configured, or one derived from the command that starts the server — the package a runner such as
/// <c>npx</c> or <c>uvx</c> starts, the image <c>docker run</c> starts, or the program itself — with
/// the usual <c>server-</c> / <c>mcp-server-</c> decorations taken off.
/// </summary>
internal static class McpServerName
{
    private static readonly HashSet<string> Runners = new(StringComparer.Ordinal)
    {
        "npx", "pnpx", "bunx", "uvx", "pipx", "npm", "pnpm", "yarn", "bun", "uv", "deno", "node", "nodejs", "python", "python3", "docker", "podman", "java", "dotnet", "go", "cargo", "env",
    };

    private static readonly HashSet<string> RunnerWords = new(StringComparer.Ordinal) { "exec", "dlx", "x", "run", "tool", "--" };

    /// <summary>Options of the runners above that take the next word as their value.</summary>
    private static readonly HashSet<string> ValueOptions = new(StringComparer.Ordinal)
    {
        "-e", "--env", "--env-file", "-v", "--volume", "--mount", "--name", "-p", "--publish", "--network", "-w", "--workdir", "-u", "--user", "--entrypoint",
        "--from", "--with", "--python", "--registry", "--cache", "--prefix", "--directory", "-c", "--config", "--allow-read", "--allow-write", "--allow-net",
    };

    private static readonly string[] Prefixes = ["mcp-server-", "server-", "mcp-", "mcp_server_", "mcp_"];

    private static readonly string[] Suffixes = ["-mcp-server", "_mcp_server", "-mcp", "_mcp", "-server", "_server", ".js", ".mjs", ".cjs", ".ts", ".py", ".jar", ".dll"];

    public static string Derive(IReadOnlyList<string> command)
    {
        if (command.Count == 0)
        {
            return "server";
        }

        var word = Candidate(command);
        var name = Sanitize(Decorations(PackageName(word)));
        return name.Length == 0 ? "server" : name;
    }

    /// <summary>A name that is safe inside <c>mcp__NAME__tool</c>: letters, digits, <c>-</c> and <c>_</c>, never a double underscore.</summary>
    public static string Sanitize(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            var keep = char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_';
            if (!(keep == '_' && text.Length > 0 && text[^1] == '_'))
            {
                text.Append(keep);
            }
        }

        return text.ToString().Trim('_');
    }

    private static string Candidate(IReadOnlyList<string> command)
    {
        var program = Path.GetFileNameWithoutExtension(command[0]);
        if (!Runners.Contains(program))
        {
            return command[0];
        }

        for (var i = 1; i < command.Count; i++)
        {
            var word = command[i];
            if (ValueOptions.Contains(word))
            {
                i++;
            }
            else if (!word.StartsWith('-') && !RunnerWords.Contains(word) && !word.Contains('=', StringComparison.Ordinal))
            {
                return word;
            }
        }

        return command[0];
    }

    /// <summary><c>@scope/server-x@1.2</c> → <c>server-x</c>; <c>ghcr.io/org/image:tag</c> → <c>image</c>; <c>/srv/weather/index.js</c> → <c>weather</c>.</summary>
    private static string PackageName(string word)
    {
        var parts = word.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return word;
        }

        var last = parts[^1];
        // A version or tag after the name: name@1.2, name==1.2, image:tag.
        foreach (var separator in (ReadOnlySpan<string>)["@", "==", ":"])
        {
            var index = last.IndexOf(separator, 1, StringComparison.Ordinal);
            if (index > 0)
            {
                last = last[..index];
            }
        }

        var stem = Path.GetFileNameWithoutExtension(last);
        // A generic entry point names nothing: the folder it sits in does.
        return stem is "index" or "main" or "server" or "cli" or "app" && parts.Length > 1
            ? parts[..^1].Reverse().FirstOrDefault(p => p is not ("dist" or "build" or "src" or "bin" or "lib" or "out")) ?? last
            : last;
    }

    private static string Decorations(string name)
    {
        var text = name;
        foreach (var suffix in Suffixes)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && text.Length > suffix.Length)
            {
                text = text[..^suffix.Length];
            }
        }

        foreach (var prefix in Prefixes)
        {
            if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && text.Length > prefix.Length)
            {
                text = text[prefix.Length..];
                break;
            }
        }

        return text;
    }
}
