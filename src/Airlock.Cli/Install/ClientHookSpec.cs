using System.Text.Json.Nodes;

namespace Airlock.Cli.Install;

/// <summary>
/// Where a client keeps its hooks and the exact entry Airlock adds, with the matchers that catch every
/// tool that can do damage and the fail-closed option wherever the client has one (docs/clients.md).
/// </summary>
internal sealed record ClientHookSpec
{
    public required string Client { get; init; }

    /// <summary>The settings file relative to the user's home (<c>--user</c>) and to the project (<c>--project</c>).</summary>
    public required string UserFile { get; init; }

    public required string ProjectFile { get; init; }

    /// <summary>The keys from the root down to the object that holds the event arrays.</summary>
    public IReadOnlyList<string> HooksPath { get; init; } = ["hooks"];

    public required IReadOnlyList<string> Events { get; init; }

    /// <summary>The hook timeout Airlock installs, in seconds, when the hook does not wait for approvals.</summary>
    public const int DefaultTimeoutSeconds = 30;

    /// <summary>Adds Airlock's entries for every event: the hook command and its timeout in seconds.</summary>
    public required Action<JsonObject, string, int> Add { get; init; }

    /// <summary>Removes Airlock's handler from one event entry; true when the whole entry should go.</summary>
    public required Func<JsonObject, Func<string?, bool>, bool> Strip { get; init; }

    public static readonly IReadOnlyDictionary<string, ClientHookSpec> All = new Dictionary<string, ClientHookSpec>(StringComparer.Ordinal)
    {
        ["claude-code"] = Nested("claude-code", ".claude/settings.json", ".claude/settings.json", "PreToolUse",
            "^(Bash|PowerShell|Read|Write|Edit|MultiEdit|NotebookEdit|mcp__.*)$",
            (command, timeout) => new JsonObject { ["type"] = "command", ["command"] = command, ["timeout"] = timeout, ["onFailure"] = "block" }),
        ["codex"] = Nested("codex", ".codex/hooks.json", ".codex/hooks.json", "PreToolUse",
            "^(Bash|apply_patch|mcp__.*)$",
            (command, timeout) => new JsonObject { ["type"] = "command", ["command"] = command, ["timeout"] = timeout, ["statusMessage"] = "Airlock check" }),
        ["gemini"] = Nested("gemini", ".gemini/settings.json", ".gemini/settings.json", "BeforeTool",
            "^(run_shell_command|write_file|replace|read_file|read_many_files|mcp__.*)$",
            (command, timeout) => new JsonObject { ["name"] = "airlock", ["type"] = "command", ["command"] = command, ["timeout"] = timeout * 1000, ["description"] = "Airlock pre-tool safety gate" }),
        ["cursor"] = Flat("cursor", ".cursor/hooks.json", ".cursor/hooks.json", ["beforeShellExecution", "beforeMCPExecution", "beforeReadFile"],
            (command, timeout) => new JsonObject { ["command"] = command, ["timeout"] = timeout, ["failClosed"] = true }),
        ["copilot"] = Flat("copilot", ".copilot/hooks/airlock.json", ".github/hooks/airlock.json", ["preToolUse"],
            (command, timeout) => new JsonObject { ["type"] = "command", ["bash"] = command, ["timeoutSec"] = timeout }),
    };

    /// <summary>Claude Code's shape, shared by Codex and Gemini: event → [{matcher, hooks: [handler]}].</summary>
    private static ClientHookSpec Nested(string client, string userFile, string projectFile, string eventName, string matcher, Func<string, int, JsonObject> handler) => new()
    {
        Client = client,
        UserFile = userFile,
        ProjectFile = projectFile,
        Events = [eventName],
        Add = (root, command, timeout) =>
        {
            var hooks = root["hooks"] as JsonObject ?? (JsonObject)(root["hooks"] = new JsonObject());
            var entries = hooks[eventName] as JsonArray ?? (JsonArray)(hooks[eventName] = new JsonArray());
            entries.Add((JsonNode)new JsonObject { ["matcher"] = matcher, ["hooks"] = new JsonArray(handler(command, timeout)) });
        },
        Strip = (entry, isAirlock) =>
        {
            if (entry["hooks"] is not JsonArray handlers)
            {
                return false;
            }

            for (var i = handlers.Count - 1; i >= 0; i--)
            {
                if (isAirlock(handlers[i]?["command"]?.GetValue<string>()))
                {
                    handlers.RemoveAt(i);
                }
            }

            return handlers.Count == 0;
        },
    };

    /// <summary>Cursor's and Copilot's shape: event → [handler].</summary>
    private static ClientHookSpec Flat(string client, string userFile, string projectFile, IReadOnlyList<string> events, Func<string, int, JsonObject> handler) => new()
    {
        Client = client,
        UserFile = userFile,
        ProjectFile = projectFile,
        Events = events,
        Add = (root, command, timeout) =>
        {
            root["version"] ??= 1;
            var hooks = root["hooks"] as JsonObject ?? (JsonObject)(root["hooks"] = new JsonObject());
            foreach (var eventName in events)
            {
                var entries = hooks[eventName] as JsonArray ?? (JsonArray)(hooks[eventName] = new JsonArray());
                entries.Add((JsonNode)handler(command, timeout));
            }
        },
        Strip = (entry, isAirlock) => isAirlock((entry["command"] ?? entry["bash"])?.GetValue<string>()),
    };
}
