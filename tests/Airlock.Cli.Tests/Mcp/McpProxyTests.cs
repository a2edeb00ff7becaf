using System.Text.Json;
using System.Text.Json.Nodes;
using Airlock.Cli.Tests.Gateway;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Airlock.Cli.Tests.Mcp;

/// <summary>
/// <c>airlock mcp-proxy</c> end to end: the official MCP C# client over stdio, the real <c>airlock</c>
/// executable, and the real filesystem MCP server from npm behind it.
/// </summary>
public sealed class McpProxyTests : IAsyncDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"airlock-mcp-{Guid.NewGuid():N}");
    private readonly List<McpClient> _clients = [];
    private readonly List<string> _stderr = [];

    public McpProxyTests()
    {
        Directory.CreateDirectory(_root);
        File.WriteAllText(Path.Combine(_root, "a.txt"), "hello airlock\n");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        Directory.Delete(_root, recursive: true);
    }

    private string A => Path.Combine(_root, "a.txt");

    private string B => Path.Combine(_root, "b.txt");

    [Fact]
    public async Task ProxiedServer_HandshakeAndToolListPassThrough_AndAnAllowedReadReturnsTheServersResult()
    {
        var direct = await ConnectAsync(["node", McpTestServers.FilesystemEntry, _root]);
        var proxied = await ProxyAsync();

        Assert.Equal(direct.ServerInfo.Name, proxied.ServerInfo.Name);
        Assert.NotNull(proxied.ServerCapabilities.Tools);
        Assert.Equal(ToolsJson(await direct.ListToolsAsync()), ToolsJson(await proxied.ListToolsAsync()));

        var read = await proxied.CallToolAsync("read_text_file", Args(("path", A)));
        Assert.NotEqual(true, read.IsError);
        Assert.Equal("hello airlock\n", Text(read));
        var listing = await proxied.CallToolAsync("list_directory", Args(("path", _root)));
        Assert.Contains("[FILE] a.txt", Text(listing), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestsFromTheServerToTheClient_AndTheAnswers_PassThrough()
    {
        // The filesystem server asks a client that offers roots for them (roots/list) and serves those folders instead of its arguments.
        var other = Path.Combine(_root, "other");
        Directory.CreateDirectory(other);
        File.WriteAllText(Path.Combine(other, "c.txt"), "from a root\n");
        var options = new McpClientOptions
        {
            Handlers = new McpClientHandlers
            {
                RootsHandler = (_, _) => ValueTask.FromResult(new ListRootsResult { Roots = [new Root { Uri = new Uri(other).AbsoluteUri, Name = "other" }] }),
            },
        };
        var proxied = await ProxyAsync(clientOptions: options);

        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!Text(await proxied.CallToolAsync("list_allowed_directories")).Contains(other, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < until, "the server never took the client's roots");
            await Task.Delay(100);
        }

        Assert.Equal("from a root\n", Text(await proxied.CallToolAsync("read_text_file", Args(("path", Path.Combine(other, "c.txt"))))));
    }

    [Fact]
    public async Task DestructiveCall_IsRefusedWithAToolErrorTheModelCanRead_AndChangesNothing()
    {
        var proxied = await ProxyAsync();
        var settings = Path.Combine(_root, ".claude", "settings.json");

        var result = await proxied.CallToolAsync("write_file", Args(("path", settings), ("content", """{"hooks":{}}""")));

        Assert.True(result.IsError);
        var text = Text(result);
        Assert.Contains("Airlock refused the call to 'write_file' of the MCP server 'filesystem' (agent_config_tamper)", text, StringComparison.Ordinal);
        Assert.Contains("Do not retry it in another form", text, StringComparison.Ordinal);
        Assert.False(File.Exists(settings));
        Assert.False(Directory.Exists(Path.GetDirectoryName(settings)));

        // The session goes on: the next allowed call is served.
        Assert.Equal("hello airlock\n", Text(await proxied.CallToolAsync("read_text_file", Args(("path", A)))));
    }

    [Fact]
    public async Task HideDenied_LeavesOutToolsThePolicyAlwaysDenies_AndTheirCallsAreStillRefused()
    {
        var policy = Path.Combine(_root, "policy.yaml");
        File.WriteAllText(policy, "version: 1\nblocked_tools: [\"mcp__*__move_file\"]\n");
        var proxied = await ProxyAsync(options: ["--hide-denied", "--policy", policy]);

        var names = (await proxied.ListToolsAsync()).Select(t => t.Name).ToList();
        Assert.DoesNotContain("move_file", names);
        Assert.Contains("write_file", names);
        Assert.Contains("read_text_file", names);

        var move = await proxied.CallToolAsync("move_file", Args(("source", A), ("destination", B)));
        Assert.True(move.IsError);
        Assert.Contains("Airlock refused", Text(move), StringComparison.Ordinal);
        Assert.True(File.Exists(A));
        Assert.False(File.Exists(B));
    }

    [Fact]
    public async Task WithAGateway_HeldCallIsApprovedOutOfBand_ThenTheIdenticalCallRunsOnce_AndTheNextIsHeldAgain()
    {
        const string Policy = """
            version: 1
            rules:
              - id: moves-need-approval
                tool: ["mcp__filesystem__move_file"]
                outcome: approve
            """;
        using var gateway = GatewayProcess.Start(policy: Policy);
        var agent = gateway.HookEnvironment(gateway.CreateToken("agent", "mcp-bot"));
        using var alice = gateway.Client(gateway.CreateToken("approver", "alice"));
        var proxied = await ProxyAsync(agent);

        var held = await proxied.CallToolAsync("move_file", Args(("source", A), ("destination", B)));
        Assert.True(held.IsError);
        var pending = GatewayJson.Get(alice, "v1/approvals?status=pending").Body!.AsArray().Single()!;
        var id = pending["id"]!.GetValue<string>();
        Assert.Equal("mcp__filesystem__move_file", pending["tool"]!.GetValue<string>());
        Assert.Equal(A, pending["input"]!["source"]!.GetValue<string>());
        Assert.Contains($"Approval request: {id}", Text(held), StringComparison.Ordinal);
        Assert.Contains($"airlock approvals approve {id}", Text(held), StringComparison.Ordinal);
        Assert.Contains("make exactly the same call again", Text(held), StringComparison.Ordinal);
        Assert.True(File.Exists(A));
        Assert.False(File.Exists(B));

        Assert.Equal(200, GatewayJson.Post(alice, $"v1/approvals/{id}/approve", new JsonObject { ["reason"] = "tidying up" }).Status);

        var approved = await proxied.CallToolAsync("move_file", Args(("source", A), ("destination", B)));
        Assert.NotEqual(true, approved.IsError);
        Assert.Contains("Successfully moved", Text(approved), StringComparison.Ordinal);
        Assert.False(File.Exists(A));
        Assert.Equal("hello airlock\n", File.ReadAllText(B));
        Assert.Equal("consumed", GatewayJson.Get(alice, $"v1/approvals/{id}").Body!["status"]!.GetValue<string>());

        // The grant is spent: the identical call is held again, never reaching the server.
        var again = await proxied.CallToolAsync("move_file", Args(("source", A), ("destination", B)));
        Assert.True(again.IsError);
        Assert.Contains("Approval request: apr_", Text(again), StringComparison.Ordinal);
        Assert.DoesNotContain(id, Text(again), StringComparison.Ordinal);
        Assert.Equal("hello airlock\n", File.ReadAllText(B));
    }

    [Fact]
    public async Task WithAGateway_TheOutcomeOfEachAllowedCallIsReported()
    {
        using var gateway = GatewayProcess.Start();
        var agent = gateway.HookEnvironment(gateway.CreateToken("agent", "mcp-bot"));
        using var alice = gateway.Client(gateway.CreateToken("approver", "alice"));
        var proxied = await ProxyAsync(agent);

        var read = await proxied.CallToolAsync("read_text_file", Args(("path", A)));
        Assert.NotEqual(true, read.IsError);
        var missing = await proxied.CallToolAsync("read_text_file", Args(("path", Path.Combine(_root, "missing.txt"))));
        Assert.True(missing.IsError);
        Assert.DoesNotContain("Airlock", Text(missing), StringComparison.Ordinal);

        var executions = WaitFor(() => GatewayJson.AuditRecords(alice, "execution") is { Count: 2 } both ? both : null, "two execution records");
        var decisions = GatewayJson.AuditRecords(alice, "decision").Select(d => d["decision_id"]!.GetValue<string>()).ToList();
        Assert.Equal(decisions.Order(), executions.Select(e => e["decision_id"]!.GetValue<string>()).Order());
        Assert.Equal(["completed", "failed"], executions.Select(e => e["status"]!.GetValue<string>()).Order());
        Assert.Contains("ENOENT", executions.Single(e => e["status"]!.GetValue<string>() == "failed")["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.All(executions, e => Assert.Equal("mcp", e["client"]!.GetValue<string>()));
    }

    [Fact]
    public async Task GatewayUnreachable_ACallThatNeedsApprovalIsRefused()
    {
        var policy = Path.Combine(_root, "policy.yaml");
        File.WriteAllText(policy, "version: 1\nrules:\n  - { id: moves-need-approval, tool: [\"mcp__*__move_file\"], outcome: approve }\n");
        var proxied = await ProxyAsync(new() { ["AIRLOCK_SERVER"] = "http://127.0.0.1:9", ["AIRLOCK_TOKEN"] = "alk_agent_unreachable" }, ["--policy", policy]);

        var move = await proxied.CallToolAsync("move_file", Args(("source", A), ("destination", B)));

        Assert.True(move.IsError);
        Assert.Contains("approval_unavailable", Text(move), StringComparison.Ordinal);
        Assert.True(File.Exists(A));
        Assert.False(File.Exists(B));
    }

    private Task<McpClient> ProxyAsync(Dictionary<string, string>? environment = null, string[]? options = null, McpClientOptions? clientOptions = null) =>
        ConnectAsync(["dotnet", AirlockProcess.DllPath, "mcp-proxy", "--name", "filesystem", .. options ?? [], "--", "node", McpTestServers.FilesystemEntry, _root], environment, clientOptions);

    private async Task<McpClient> ConnectAsync(string[] command, Dictionary<string, string>? environment = null, McpClientOptions? clientOptions = null)
    {
        var variables = new Dictionary<string, string?>
        {
            ["AIRLOCK_POLICY"] = null,
            ["AIRLOCK_SERVER"] = null,
            ["AIRLOCK_TOKEN"] = null,
            ["AIRLOCK_CONFIG_DIR"] = Path.Combine(Path.GetTempPath(), "airlock-tests-no-config"),
        };
        foreach (var (key, value) in environment ?? [])
        {
            variables[key] = value;
        }

        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = command[0] == "dotnet" ? "airlock-mcp-proxy" : "filesystem",
            Command = command[0],
            Arguments = command[1..],
            WorkingDirectory = _root,
            EnvironmentVariables = variables,
            StandardErrorLines = line =>
            {
                lock (_stderr)
                {
                    _stderr.Add(line);
                }
            },
        });
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var client = await McpClient.CreateAsync(transport, clientOptions, cancellationToken: limit.Token);
        _clients.Add(client);
        return client;
    }

    private static T WaitFor<T>(Func<T?> probe, string what)
        where T : class
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < until)
        {
            if (probe() is { } found)
            {
                return found;
            }

            Thread.Sleep(100);
        }

        throw new TimeoutException($"waited 60 s for {what}");
    }

    private static Dictionary<string, object?> Args(params (string Key, string Value)[] pairs) => pairs.ToDictionary(p => p.Key, p => (object?)p.Value);

    private static string Text(CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(t => t.Text));

    private static string ToolsJson(IList<McpClientTool> tools) =>
        JsonSerializer.Serialize(tools.Select(t => t.ProtocolTool).ToList(), McpJsonUtilities.DefaultOptions);
}
