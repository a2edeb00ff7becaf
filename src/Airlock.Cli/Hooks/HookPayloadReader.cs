using System.Text.Json;
using Airlock.Model;

namespace Airlock.Cli.Hooks;

/// <summary>
/// Reads each client's pre-tool hook payload into an <see cref="ActionRequest"/>. The dialect is told
/// from the payload's own fields, with the configured client as the tie-breaker, because Cursor and
/// Copilot CLI also run hooks configured for Claude Code and send them their own payloads.
/// </summary>
internal static class HookPayloadReader
{
    public static HookDialect DetectDialect(JsonElement root, HookDialect configured)
    {
        if (Has(root, "conversation_id") || Has(root, "cursor_version"))
        {
            return HookDialect.Cursor;
        }

        if (Has(root, "toolName"))
        {
            return HookDialect.Copilot;
        }

        var hookEvent = String(root, "hook_event_name");
        if (hookEvent == "BeforeTool")
        {
            return HookDialect.Gemini;
        }

        if (hookEvent == "PreToolUse")
        {
            if (Has(root, "turn_id") && Has(root, "model"))
            {
                return HookDialect.Codex;
            }

            if (root.TryGetProperty("timestamp", out var timestamp) && timestamp.ValueKind == JsonValueKind.String && !Has(root, "transcript_path"))
            {
                return HookDialect.CopilotCompatible;
            }

            return configured == HookDialect.Codex ? HookDialect.Codex : HookDialect.ClaudeCode;
        }

        return configured;
    }

    /// <summary>Reads the payload; throws <see cref="FormatException"/> when it lacks what a pre-tool hook needs.</summary>
    public static HookCall Read(JsonElement root, HookDialect configured)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("the hook input is not a JSON object");
        }

        var dialect = DetectDialect(root, configured);
        var hookEvent = String(root, "hook_event_name") ?? "PreToolUse";
        return dialect switch
        {
            HookDialect.Cursor => ReadCursor(root, hookEvent),
            HookDialect.Copilot => ReadCopilot(root),
            _ => new HookCall(dialect, hookEvent, Request(
                Required(root, "tool_name"),
                root.TryGetProperty("tool_input", out var input) ? input : default,
                String(root, "cwd"),
                String(root, "session_id"),
                HookDialects.ClientName(dialect))),
        };
    }

    private static HookCall ReadCursor(JsonElement root, string hookEvent)
    {
        var cwd = String(root, "cwd") is { Length: > 0 } c ? c : FirstWorkspaceRoot(root);
        var session = String(root, "conversation_id");
        switch (hookEvent)
        {
            case "beforeShellExecution":
                return new HookCall(HookDialect.Cursor, hookEvent, Request("Bash", Object("command", Required(root, "command")), cwd, session, "cursor"));
            case "beforeReadFile" or "beforeTabFileRead":
                return new HookCall(HookDialect.Cursor, hookEvent, Request("Read", Object("file_path", Required(root, "file_path")), cwd, session, "cursor"));
            case "beforeMCPExecution":
                var toolInput = root.TryGetProperty("tool_input", out var raw) ? raw : default;
                if (toolInput.ValueKind == JsonValueKind.String)
                {
                    // Cursor sends the MCP arguments as a JSON-encoded string.
                    toolInput = JsonDocument.Parse(toolInput.GetString()!).RootElement.Clone();
                }

                var server = McpServerName(String(root, "url") ?? String(root, "command"));
                return new HookCall(HookDialect.Cursor, hookEvent, Request($"mcp__{server}__{Required(root, "tool_name")}", toolInput, cwd, session, "cursor"));
            case "preToolUse":
                var tool = Required(root, "tool_name");
                var input = root.TryGetProperty("tool_input", out var i) ? i : default;
                return new HookCall(HookDialect.Cursor, hookEvent, Request(tool == "Shell" ? "Bash" : tool, input, cwd, session, "cursor"));
            default:
                // beforeSubmitPrompt and other events Airlock does not gate.
                return new HookCall(HookDialect.Cursor, hookEvent, null);
        }
    }

    private static HookCall ReadCopilot(JsonElement root)
    {
        var args = root.TryGetProperty("toolArgs", out var raw) ? raw : default;
        if (args.ValueKind == JsonValueKind.String)
        {
            // Documented as a JSON string; seen live as an object. Both are accepted.
            args = JsonDocument.Parse(args.GetString()!).RootElement.Clone();
        }

        var tool = Required(root, "toolName") switch
        {
            "bash" => "Bash",
            "powershell" => "PowerShell",
            var other => other,
        };
        return new HookCall(HookDialect.Copilot, "preToolUse", Request(tool, args, String(root, "cwd"), String(root, "sessionId"), "copilot"));
    }

    private static ActionRequest Request(string tool, JsonElement input, string? cwd, string? session, string client) => new()
    {
        Tool = tool,
        Input = input.ValueKind == JsonValueKind.Undefined ? default : input.Clone(),
        Cwd = string.IsNullOrEmpty(cwd) ? null : cwd,
        Client = client,
        Subject = new Subject { Agent = client, Session = session, Workspace = cwd },
    };

    /// <summary>A short server name from a stdio launch command or a URL (<c>npx -y @scope/server-x</c> → server-x).</summary>
    private static string McpServerName(string? source)
    {
        if (string.IsNullOrEmpty(source))
        {
            return "unknown";
        }

        if (Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.Host.Length > 0)
        {
            return uri.Host;
        }

        var words = source.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !w.StartsWith('-')).ToList();
        var name = words.Count > 1 && words[0] is "npx" or "uvx" or "bunx" or "pnpx" or "docker" ? words[1] : words.FirstOrDefault() ?? "unknown";
        name = name[(name.LastIndexOf('/') + 1)..];
        var at = name.LastIndexOf('@');
        return at > 0 ? name[..at] : name;
    }

    private static JsonElement Object(string name, string value) =>
        JsonDocument.Parse(JsonSerializer.Serialize(new Dictionary<string, string> { [name] = value }, HookJsonContext.Default.DictionaryStringString)).RootElement.Clone();

    private static string? FirstWorkspaceRoot(JsonElement root) =>
        root.TryGetProperty("workspace_roots", out var roots) && roots.ValueKind == JsonValueKind.Array && roots.GetArrayLength() > 0 && roots[0].ValueKind == JsonValueKind.String
            ? roots[0].GetString()
            : null;

    private static bool Has(JsonElement root, string name) => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out _);

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Required(JsonElement root, string name) =>
        String(root, name) ?? throw new FormatException($"the hook input has no '{name}'");
}
