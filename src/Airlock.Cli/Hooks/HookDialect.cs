namespace Airlock.Cli.Hooks;

/// <summary>The payload shape a hook process received, which decides the shape of its answer.</summary>
internal enum HookDialect
{
    ClaudeCode,
    Cursor,
    Gemini,
    Codex,
    /// <summary>Copilot CLI's camelCase payload (<c>toolName</c>, <c>toolArgs</c>).</summary>
    Copilot,
    /// <summary>Copilot CLI's VS Code-compatible snake_case payload (event configured as <c>PreToolUse</c>).</summary>
    CopilotCompatible,
}

internal static class HookDialects
{
    public static readonly IReadOnlyDictionary<string, HookDialect> ByClientName = new Dictionary<string, HookDialect>(StringComparer.Ordinal)
    {
        ["claude-code"] = HookDialect.ClaudeCode,
        ["cursor"] = HookDialect.Cursor,
        ["gemini"] = HookDialect.Gemini,
        ["codex"] = HookDialect.Codex,
        ["copilot"] = HookDialect.Copilot,
    };

    public static string ClientName(HookDialect dialect) => dialect switch
    {
        HookDialect.ClaudeCode => "claude-code",
        HookDialect.Cursor => "cursor",
        HookDialect.Gemini => "gemini",
        HookDialect.Codex => "codex",
        _ => "copilot",
    };
}
