using System.Text.Json.Serialization;

namespace Airlock.Cli.Output;

/// <summary>Claude Code and Codex: <c>{"hookSpecificOutput":{…}}</c>.</summary>
internal sealed record ClaudeHookOutput([property: JsonPropertyName("hookSpecificOutput")] ClaudeHookSpecificOutput HookSpecificOutput);

internal sealed record ClaudeHookSpecificOutput(
    [property: JsonPropertyName("hookEventName")] string HookEventName,
    [property: JsonPropertyName("permissionDecision")] string PermissionDecision,
    [property: JsonPropertyName("permissionDecisionReason")] string PermissionDecisionReason);

/// <summary>Cursor: <c>{"permission":…,"user_message":…,"agent_message":…}</c>.</summary>
internal sealed record CursorHookOutput(
    [property: JsonPropertyName("permission")] string Permission,
    [property: JsonPropertyName("user_message")] string? UserMessage,
    [property: JsonPropertyName("agent_message")] string? AgentMessage);

/// <summary>Cursor's beforeSubmitPrompt: Airlock does not gate prompts.</summary>
internal sealed record CursorContinueOutput([property: JsonPropertyName("continue")] bool Continue);

/// <summary>Gemini CLI: <c>{"decision":…,"reason":…}</c>.</summary>
internal sealed record GeminiHookOutput(
    [property: JsonPropertyName("decision")] string Decision,
    [property: JsonPropertyName("reason")] string? Reason);

/// <summary>GitHub Copilot CLI: <c>{"permissionDecision":…,"permissionDecisionReason":…}</c>.</summary>
internal sealed record CopilotHookOutput(
    [property: JsonPropertyName("permissionDecision")] string PermissionDecision,
    [property: JsonPropertyName("permissionDecisionReason")] string PermissionDecisionReason);
