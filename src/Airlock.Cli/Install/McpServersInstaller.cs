using System.Text.Json.Nodes;
using Airlock.Cli.Mcp;

namespace Airlock.Cli.Install;

/// <summary>
/// Puts every stdio MCP server a client has configured behind <c>airlock mcp-proxy</c>, and takes it
/// out again. <c>{"command": C, "args": A}</c> becomes <c>{"command": airlock, "args": ["mcp-proxy",
/// "--name", NAME, "--", C, …A]}</c>; everything else in the entry (env, cwd, timeouts) is kept. The
/// name is the server's key, so tool names stay <c>mcp__NAME__tool</c> for hooks and policy alike.
/// Remote servers (<c>url</c>, <c>httpUrl</c>) are left alone and reported. Installing twice changes
/// nothing; uninstalling restores each entry's command and arguments.
/// </summary>
internal sealed class McpServersInstaller(string settingsPath, IReadOnlyList<string> airlock)
{
    public const string ProxyCommand = "mcp-proxy";

    /// <summary>What an install or uninstall did, server by server, for the person who ran it.</summary>
    public sealed record Result(bool Changed, IReadOnlyList<string> Lines);

    public Result Install() => Apply(install: true);

    public Result Uninstall() => File.Exists(settingsPath) ? Apply(install: false) : new Result(false, []);

    private Result Apply(bool install)
    {
        var root = JsonSettingsFile.Load(settingsPath);
        var lines = new List<string>();
        var changed = false;
        foreach (var (scope, servers) in ServerLists(root))
        {
            foreach (var (name, node) in servers.ToList())
            {
                if (node is not JsonObject entry)
                {
                    continue;
                }

                var label = scope.Length == 0 ? name : $"{name} ({scope})";
                if (install)
                {
                    changed |= Wrap(name, label, entry, lines);
                }
                else if (Unwrap(entry))
                {
                    lines.Add($"  restored {label}: {Describe(entry)}");
                    changed = true;
                }
            }
        }

        if (changed)
        {
            JsonSettingsFile.Save(settingsPath, root);
        }

        return new Result(changed, lines);
    }

    private bool Wrap(string name, string label, JsonObject entry, List<string> lines)
    {
        if (entry["url"] is not null || entry["httpUrl"] is not null || entry["serverUrl"] is not null
            || entry["type"]?.GetValueKind() == System.Text.Json.JsonValueKind.String && entry["type"]!.GetValue<string>() is "http" or "sse" or "streamable-http" or "ws")
        {
            lines.Add($"  left alone {label}: a remote server (Airlock's MCP proxy wraps stdio servers; gate remote ones with the hook, which sees mcp__{McpServerName.Sanitize(name)}__* calls)");
            return false;
        }

        if (IsWrapped(entry))
        {
            lines.Add($"  already behind Airlock: {label}");
            return false;
        }

        if (Words(entry) is not { } original)
        {
            lines.Add($"  left alone {label}: no command, or arguments that are not all strings");
            return false;
        }

        entry["command"] = airlock[0];
        entry["args"] = new JsonArray([.. airlock.Skip(1).Concat([ProxyCommand, "--name", McpServerName.Sanitize(name), "--"]).Concat(original).Select(w => (JsonNode)JsonValue.Create(w))]);
        lines.Add($"  wrapped {label}: {string.Join(' ', original)}");
        return true;
    }

    private static bool Unwrap(JsonObject entry)
    {
        if (!IsWrapped(entry) || Words(entry) is not { } words)
        {
            return false;
        }

        var proxy = words.IndexOf(ProxyCommand);
        var separator = words.IndexOf("--", proxy);
        var original = words[(separator + 1)..];
        if (original.Count == 0)
        {
            return false;
        }

        entry["command"] = original[0];
        if (original.Count > 1)
        {
            entry["args"] = new JsonArray([.. original.Skip(1).Select(w => (JsonNode)JsonValue.Create(w))]);
        }
        else
        {
            entry.Remove("args");
        }

        return true;
    }

    /// <summary>True when the entry already runs <c>airlock mcp-proxy … -- …</c> (this executable or another airlock).</summary>
    public static bool IsWrapped(JsonObject entry)
    {
        if (Words(entry) is not { Count: > 2 } words)
        {
            return false;
        }

        var first = Path.GetFileNameWithoutExtension(words[0]);
        var start = first == "dotnet" && words[1].EndsWith("airlock.dll", StringComparison.OrdinalIgnoreCase) ? 2 : first == "airlock" ? 1 : -1;
        return start > 0 && words.Count > start && words[start] == ProxyCommand && words.IndexOf("--", start) > start;
    }

    /// <summary>The entry's command and arguments as one list of words; null when it has no command or a non-string argument.</summary>
    private static List<string>? Words(JsonObject entry)
    {
        if (entry["command"] is not JsonValue command || !command.TryGetValue<string>(out var program) || program.Length == 0)
        {
            return null;
        }

        var words = new List<string> { program };
        if (entry["args"] is JsonArray args)
        {
            foreach (var arg in args)
            {
                if (arg is not JsonValue value || !value.TryGetValue<string>(out var text))
                {
                    return null;
                }

                words.Add(text);
            }
        }
        else if (entry["args"] is not null)
        {
            return null;
        }

        return words;
    }

    private static string Describe(JsonObject entry) => Words(entry) is { } words ? string.Join(' ', words) : "(no command)";

    /// <summary>Every <c>mcpServers</c> object in the file, with where it sits (empty for the top level).</summary>
    private static IEnumerable<(string Scope, JsonObject Servers)> ServerLists(JsonObject root)
    {
        if (root["mcpServers"] is JsonObject top)
        {
            yield return ("", top);
        }

        if (root["projects"] is JsonObject projects)
        {
            foreach (var (path, project) in projects)
            {
                if (project?["mcpServers"] is JsonObject servers)
                {
                    yield return ($"project {path}", servers);
                }
            }
        }
    }
}
