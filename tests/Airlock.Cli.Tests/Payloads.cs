using System.Text.Json.Nodes;

namespace Airlock.Cli.Tests;

/// <summary>The real client payloads under Payloads/, with the command or path swapped for the case at hand.</summary>
internal static class Payloads
{
    public static JsonObject Load(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Payloads", name + ".json")))!.AsObject();

    /// <summary>A shell-tool payload of <paramref name="client"/> running <paramref name="command"/>.</summary>
    public static string Shell(string client, string command)
    {
        switch (client)
        {
            case "claude-code":
                return With(Load("claude-code.bash"), p => p["tool_input"]!["command"] = command);
            case "codex":
                return With(Load("codex.bash"), p => p["tool_input"]!["command"] = command);
            case "gemini":
                return With(Load("gemini.run_shell_command"), p => p["tool_input"]!["command"] = command);
            case "cursor":
                return With(Load("cursor.beforeShellExecution"), p => p["command"] = command);
            case "copilot":
                return With(Load("copilot.bash"), p => p["toolArgs"] = new JsonObject { ["command"] = command, ["description"] = "test" }.ToJsonString());
            default:
                throw new ArgumentException(client, nameof(client));
        }
    }

    public static string With(JsonObject payload, Action<JsonObject> change)
    {
        change(payload);
        return payload.ToJsonString();
    }
}
