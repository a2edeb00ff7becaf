using Airlock.Cli.Mcp;

namespace Airlock.Cli.Tests.Mcp;

/// <summary>The server name <c>mcp-proxy</c> derives from a command when the client's name for it is not given.</summary>
public sealed class McpServerNameTests
{
    [Theory]
    [InlineData("filesystem", "npx -y @modelcontextprotocol/server-filesystem /home/me/project")]
    [InlineData("filesystem", "npx @modelcontextprotocol/server-filesystem@2026.8.31 .")]
    [InlineData("filesystem", "node /srv/node_modules/@modelcontextprotocol/server-filesystem/dist/index.js /data")]
    [InlineData("supabase", "npx -y @supabase/mcp-server-supabase@latest --read-only")]
    [InlineData("git", "uvx mcp-server-git --repository .")]
    [InlineData("sqlite", "uvx --from mcp-server-sqlite mcp-server-sqlite --db-path test.db")]
    [InlineData("github", "docker run -i --rm -e GITHUB_PERSONAL_ACCESS_TOKEN ghcr.io/github/github-mcp-server")]
    [InlineData("postgres", "/usr/local/bin/postgres-mcp --access-mode=restricted")]
    [InlineData("weather", "python3 /opt/weather/server.py")]
    [InlineData("linear", "pnpm dlx linear-mcp")]
    public void Derive_NamesTheServerAfterWhatTheCommandStarts(string expected, string command)
    {
        Assert.Equal(expected, McpServerName.Derive(command.Split(' ')));
    }

    [Theory]
    [InlineData("my-db", "my-db")]
    [InlineData("a_b", "a__b")]
    [InlineData("team_server", "team server")]
    [InlineData("x", "__x__")]
    public void Sanitize_KeepsNamesSafeInsideMcpToolNames(string expected, string name)
    {
        Assert.Equal(expected, McpServerName.Sanitize(name));
    }
}
