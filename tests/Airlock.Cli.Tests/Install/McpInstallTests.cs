using System.Text.Json.Nodes;

namespace Airlock.Cli.Tests.Install;

/// <summary><c>airlock install CLIENT --mcp</c> / <c>uninstall --mcp</c> on each client's MCP server configuration, in a throw-away home and project.</summary>
public sealed class McpInstallTests : IDisposable
{
    private readonly string _home = Path.Combine(Path.GetTempPath(), $"airlock-home-{Guid.NewGuid():N}");
    private readonly string _project = Path.Combine(Path.GetTempPath(), $"airlock-project-{Guid.NewGuid():N}");

    public McpInstallTests()
    {
        Directory.CreateDirectory(_home);
        Directory.CreateDirectory(_project);
    }

    public void Dispose()
    {
        Directory.Delete(_home, recursive: true);
        Directory.Delete(_project, recursive: true);
    }

    private ProcessResult Airlock(params string[] args) =>
        AirlockProcess.Run(args, environment: new Dictionary<string, string> { ["HOME"] = _home, ["USERPROFILE"] = _home }, workingDirectory: _project);

    [Fact]
    public void ClaudeCodeProject_WrapsStdioServers_LeavesRemoteOnes_IsIdempotent_AndUninstallRestores()
    {
        var file = Path.Combine(_project, ".mcp.json");
        const string Original = """
            {
              "mcpServers": {
                "filesystem": { "type": "stdio", "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "."], "env": { "DEBUG": "1" } },
                "sentry": { "type": "http", "url": "https://mcp.sentry.dev/mcp" },
                "db": { "command": "/usr/local/bin/postgres-mcp" }
              }
            }
            """;
        File.WriteAllText(file, Original);

        var install = Airlock("install", "claude-code", "--project", "--mcp");
        Assert.True(install.ExitCode == 0, install.Stderr);
        Assert.Contains("wrapped filesystem", install.Stdout, StringComparison.Ordinal);
        Assert.Contains("left alone sentry: a remote server", install.Stdout, StringComparison.Ordinal);
        var servers = JsonNode.Parse(File.ReadAllText(file))!["mcpServers"]!;
        var filesystem = Words(servers["filesystem"]!);
        Assert.Equal(["mcp-proxy", "--name", "filesystem", "--", "npx", "-y", "@modelcontextprotocol/server-filesystem", "."], filesystem.SkipWhile(w => w != "mcp-proxy"));
        Assert.Equal(AirlockProcess.DllPath, filesystem[1]);
        Assert.Equal("stdio", servers["filesystem"]!["type"]!.GetValue<string>());
        Assert.Equal("1", servers["filesystem"]!["env"]!["DEBUG"]!.GetValue<string>());
        Assert.Equal(["mcp-proxy", "--name", "db", "--", "/usr/local/bin/postgres-mcp"], Words(servers["db"]!).SkipWhile(w => w != "mcp-proxy"));
        Assert.Equal("https://mcp.sentry.dev/mcp", servers["sentry"]!["url"]!.GetValue<string>());
        Assert.Null(servers["sentry"]!["command"]);

        var once = File.ReadAllText(file);
        var again = Airlock("install", "claude-code", "--project", "--mcp");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("Nothing to change", again.Stdout, StringComparison.Ordinal);
        Assert.Contains("already behind Airlock: filesystem", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(once, File.ReadAllText(file));

        var uninstall = Airlock("uninstall", "claude-code", "--project", "--mcp");
        Assert.True(uninstall.ExitCode == 0, uninstall.Stderr);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Original), JsonNode.Parse(File.ReadAllText(file))), File.ReadAllText(file));
        Assert.Contains("Nothing to change", Airlock("uninstall", "claude-code", "--project", "--mcp").Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void ClaudeCodeUser_WrapsUserAndLocalScopeServersInClaudeJson_AndKeepsEverythingElse()
    {
        var file = Path.Combine(_home, ".claude.json");
        const string Original = """
            {
              "numStartups": 12,
              "mcpServers": { "memory": { "type": "stdio", "command": "npx", "args": ["-y", "@modelcontextprotocol/server-memory"], "env": {} } },
              "projects": {
                "/home/me/app": { "allowedTools": [], "mcpServers": { "sqlite": { "type": "stdio", "command": "uvx", "args": ["mcp-server-sqlite", "--db-path", "app.db"] } } }
              }
            }
            """;
        File.WriteAllText(file, Original);

        var install = Airlock("install", "claude-code", "--mcp");
        Assert.True(install.ExitCode == 0, install.Stderr);
        var root = JsonNode.Parse(File.ReadAllText(file))!;
        Assert.Equal(12, root["numStartups"]!.GetValue<int>());
        Assert.Equal(["mcp-proxy", "--name", "memory", "--", "npx", "-y", "@modelcontextprotocol/server-memory"], Words(root["mcpServers"]!["memory"]!).SkipWhile(w => w != "mcp-proxy"));
        Assert.Equal(["mcp-proxy", "--name", "sqlite", "--", "uvx", "mcp-server-sqlite", "--db-path", "app.db"], Words(root["projects"]!["/home/me/app"]!["mcpServers"]!["sqlite"]!).SkipWhile(w => w != "mcp-proxy"));
        Assert.Contains("sqlite (project /home/me/app)", install.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(file + ".airlock-backup"));

        Assert.Equal(0, Airlock("uninstall", "claude-code", "--mcp").ExitCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Original), JsonNode.Parse(File.ReadAllText(file))), File.ReadAllText(file));
    }

    [Fact]
    public void Cursor_WrapsItsMcpJson_AndLeavesUrlServersAlone()
    {
        var file = Path.Combine(_project, ".cursor", "mcp.json");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        const string Original = """
            {
              "mcpServers": {
                "github": { "command": "docker", "args": ["run", "-i", "--rm", "-e", "GITHUB_PERSONAL_ACCESS_TOKEN", "ghcr.io/github/github-mcp-server"], "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "${env:GH_TOKEN}" } },
                "linear": { "url": "https://mcp.linear.app/mcp", "headers": { "Authorization": "Bearer x" } }
              }
            }
            """;
        File.WriteAllText(file, Original);

        Assert.Equal(0, Airlock("install", "cursor", "--project", "--mcp").ExitCode);
        var servers = JsonNode.Parse(File.ReadAllText(file))!["mcpServers"]!;
        Assert.Equal(["mcp-proxy", "--name", "github", "--", "docker", "run", "-i", "--rm", "-e", "GITHUB_PERSONAL_ACCESS_TOKEN", "ghcr.io/github/github-mcp-server"], Words(servers["github"]!).SkipWhile(w => w != "mcp-proxy"));
        Assert.Equal("${env:GH_TOKEN}", servers["github"]!["env"]!["GITHUB_PERSONAL_ACCESS_TOKEN"]!.GetValue<string>());
        Assert.Null(servers["linear"]!["command"]);

        Assert.Equal(0, Airlock("uninstall", "cursor", "--project", "--mcp").ExitCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Original), JsonNode.Parse(File.ReadAllText(file))));
    }

    [Fact]
    public void Gemini_WrapsServersInSettings_KeepsOtherSettingsAndHooks()
    {
        var file = Path.Combine(_project, ".gemini", "settings.json");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        const string Original = """
            {
              "theme": "Dracula",
              "mcpServers": {
                "git": { "command": "uvx", "args": ["mcp-server-git"], "cwd": "./repo", "timeout": 30000, "trust": false },
                "remote": { "httpUrl": "https://mcp.example.com/mcp" }
              }
            }
            """;
        File.WriteAllText(file, Original);

        Assert.Equal(0, Airlock("install", "gemini", "--project").ExitCode);
        var install = Airlock("install", "gemini", "--project", "--mcp");
        Assert.True(install.ExitCode == 0, install.Stderr);
        var root = JsonNode.Parse(File.ReadAllText(file))!;
        Assert.Equal("Dracula", root["theme"]!.GetValue<string>());
        Assert.NotNull(root["hooks"]!["BeforeTool"]);
        Assert.Equal(["mcp-proxy", "--name", "git", "--", "uvx", "mcp-server-git"], Words(root["mcpServers"]!["git"]!).SkipWhile(w => w != "mcp-proxy"));
        Assert.Equal("./repo", root["mcpServers"]!["git"]!["cwd"]!.GetValue<string>());
        Assert.Contains("left alone remote", install.Stdout, StringComparison.Ordinal);

        Assert.Equal(0, Airlock("uninstall", "gemini", "--project", "--mcp").ExitCode);
        var restored = JsonNode.Parse(File.ReadAllText(file))!;
        Assert.Equal("uvx", restored["mcpServers"]!["git"]!["command"]!.GetValue<string>());
        Assert.Equal(["mcp-server-git"], restored["mcpServers"]!["git"]!["args"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.NotNull(restored["hooks"]!["BeforeTool"]);
    }

    [Fact]
    public void CopilotUser_WrapsLocalServersInMcpConfig_AndLeavesHttpOnesAlone()
    {
        var file = Path.Combine(_home, ".copilot", "mcp-config.json");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        const string Original = """
            {
              "mcpServers": {
                "playwright": { "type": "local", "command": "npx", "args": ["@playwright/mcp@latest"], "env": {}, "tools": ["*"] },
                "context7": { "type": "http", "url": "https://mcp.context7.com/mcp", "headers": { "CONTEXT7_API_KEY": "x" }, "tools": ["*"] }
              }
            }
            """;
        File.WriteAllText(file, Original);

        var install = Airlock("install", "copilot", "--mcp");
        Assert.True(install.ExitCode == 0, install.Stderr);
        var servers = JsonNode.Parse(File.ReadAllText(file))!["mcpServers"]!;
        Assert.Equal(["mcp-proxy", "--name", "playwright", "--", "npx", "@playwright/mcp@latest"], Words(servers["playwright"]!).SkipWhile(w => w != "mcp-proxy"));
        Assert.Equal("local", servers["playwright"]!["type"]!.GetValue<string>());
        Assert.Equal("*", servers["playwright"]!["tools"]![0]!.GetValue<string>());
        Assert.Null(servers["context7"]!["command"]);
        Assert.Contains("left alone context7", install.Stdout, StringComparison.Ordinal);

        Assert.Equal(0, Airlock("uninstall", "copilot", "--mcp").ExitCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Original), JsonNode.Parse(File.ReadAllText(file))), File.ReadAllText(file));
    }

    [Fact]
    public void ClientsWithoutMcpSupport_AreRefused()
    {
        var result = Airlock("install", "codex", "--mcp");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--mcp works with claude-code, cursor, gemini, copilot", result.Stderr, StringComparison.Ordinal);
    }

    /// <summary>The entry's command and arguments as one argument vector.</summary>
    private static List<string> Words(JsonNode entry) =>
        [entry["command"]!.GetValue<string>(), .. entry["args"]?.AsArray().Select(a => a!.GetValue<string>()) ?? []];
}
