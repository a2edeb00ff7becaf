namespace Airlock.Cli.Install;

/// <summary>
/// Where a client keeps its MCP servers (<c>mcpServers</c>: name → <c>{command, args, env…}</c> for a
/// stdio server, <c>{url…}</c> or <c>{httpUrl…}</c> for a remote one), for <c>airlock install CLIENT --mcp</c>.
/// </summary>
internal sealed record McpConfigSpec(string Client, string UserFile, string ProjectFile)
{
    public static readonly IReadOnlyDictionary<string, McpConfigSpec> All = new Dictionary<string, McpConfigSpec>(StringComparer.Ordinal)
    {
        // ~/.claude.json holds the user's servers at the top and each project's local ones under projects.PATH.
        ["claude-code"] = new("claude-code", ".claude.json", ".mcp.json"),
        ["cursor"] = new("cursor", ".cursor/mcp.json", ".cursor/mcp.json"),
        ["gemini"] = new("gemini", ".gemini/settings.json", ".gemini/settings.json"),
        // Copilot CLI: its own file for the user's servers ("type": "local" or "stdio"), and .mcp.json in the repository.
        ["copilot"] = new("copilot", ".copilot/mcp-config.json", ".mcp.json"),
    };
}
