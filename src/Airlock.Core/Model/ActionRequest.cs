using System.Text.Json;

namespace Airlock.Model;

/// <summary>One tool call an agent is about to make, in a client-neutral shape.</summary>
public sealed record ActionRequest
{
    /// <summary>The tool as the client names it: <c>Bash</c>, <c>Read</c>, <c>mcp__db__execute_sql</c>.</summary>
    public required string Tool { get; init; }

    /// <summary>The tool's raw input, exactly as the client sent it.</summary>
    public JsonElement Input { get; init; }

    /// <summary>The agent's working directory, when the client says it.</summary>
    public string? Cwd { get; init; }

    public Subject Subject { get; init; } = Subject.Anonymous;

    /// <summary>The client that sent the call (claude-code, cursor, gemini, codex, copilot, mcp, http, cli).</summary>
    public string? Client { get; init; }

    /// <summary>Environment variables the call runs with, as far as the adapter knows them.</summary>
    public IReadOnlyDictionary<string, string> EnvironmentHints { get; init; } = EmptyHints;

    private static readonly Dictionary<string, string> EmptyHints = new(StringComparer.Ordinal);

    /// <summary>A shell-command request, the common case for hooks and <c>airlock check</c>.</summary>
    public static ActionRequest ForShell(string command, string? cwd = null) => new()
    {
        Tool = "Bash",
        Input = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["command"] = command }, ModelJsonContext.Default.DictionaryStringString),
        Cwd = cwd,
    };
}
