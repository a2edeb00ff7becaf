using System.CommandLine;
using Airlock.Cli.Gateway;
using Airlock.Cli.Mcp;
using Airlock.Cli.Processes;
using Airlock.Policy;

namespace Airlock.Cli.Commands;

/// <summary>
/// <c>airlock mcp-proxy [--name NAME] [--server URL] [--hide-denied] [--policy F] -- COMMAND ARGS…</c>:
/// run an MCP server over stdio behind Airlock, which decides each of its tool calls.
/// </summary>
internal static class McpProxyCommand
{
    /// <summary>Each gateway call gets this long; an unreachable gateway falls back to the local policy (fail closed).</summary>
    private static readonly TimeSpan GatewayTimeout = TimeSpan.FromSeconds(10);

    public static Command Create()
    {
        var name = new Option<string?>("--name") { Description = "The server's name in tool names (mcp__NAME__tool), as the client knows it (default: derived from the command, e.g. the npm package)." };
        var server = new Option<string?>("--server") { Description = "The gateway's address (default: AIRLOCK_SERVER); the agent token comes from AIRLOCK_TOKEN." };
        var hideDenied = new Option<bool>("--hide-denied") { Description = "Leave out of tools/list the tools the local policy denies whatever their arguments." };
        var policy = new Option<string?>("--policy") { Description = "Policy file (default: AIRLOCK_POLICY, the user's policy, or the built-in one); with a gateway, used only when it cannot be reached." };
        var words = new Argument<string[]>("command") { Description = "The MCP server's command and arguments, after --.", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("mcp-proxy", "Run an MCP server (stdio) behind Airlock: every tool call is decided before it reaches the server.");
        command.Options.Add(name);
        command.Options.Add(server);
        command.Options.Add(hideDenied);
        command.Options.Add(policy);
        command.Arguments.Add(words);
        // Synchronous on purpose: System.CommandLine then installs no SIGINT/SIGTERM handling of its own; the
        // proxy passes those signals to the server and exits when the server does.
        command.SetAction(result =>
        {
            var log = result.InvocationConfiguration.Error;
            if (ExecCommand.AfterDoubleDash(result) is not { Length: > 0 } given)
            {
                log.WriteLine("airlock mcp-proxy: give the server's command after --, for example: airlock mcp-proxy -- npx -y @modelcontextprotocol/server-filesystem .");
                return ExitCodes.UsageOrError;
            }

            var serverName = result.GetValue(name) is { } configured
                ? McpServerName.Sanitize(configured)
                : McpServerName.Derive(given.Length == 1 ? given[0].Split(' ', StringSplitOptions.RemoveEmptyEntries) : given);
            if (given.Length == 1 && Shell.ShellQuoting.Quote(given[0]) != given[0] && !File.Exists(given[0]))
            {
                // Some configurations hold the whole command line in "command"; the client would have run it with a shell.
                given = ["/bin/sh", "-c", given[0]];
            }

            if (serverName.Length == 0)
            {
                log.WriteLine("airlock mcp-proxy: --name must hold letters, digits, - or _.");
                return ExitCodes.UsageOrError;
            }

            var cwd = Directory.GetCurrentDirectory();
            if (ProgramPath.Resolve(given[0], cwd) is not { } program)
            {
                log.WriteLine($"airlock mcp-proxy: {given[0]}: command not found.");
                return ExitCodes.UsageOrError;
            }

            GatewayClient? gateway;
            try
            {
                var address = result.GetValue(server) ?? Environment.GetEnvironmentVariable(GatewayClient.ServerVariable);
                var token = Environment.GetEnvironmentVariable(GatewayClient.TokenVariable);
                gateway = string.IsNullOrWhiteSpace(address) || string.IsNullOrWhiteSpace(token)
                    ? null
                    : new GatewayClient(GatewayClient.ParseServer(address), token.Trim(), GatewayTimeout);
                if (!string.IsNullOrWhiteSpace(address) && gateway is null)
                {
                    log.WriteLine("airlock mcp-proxy: a gateway is named but AIRLOCK_TOKEN is not set; tool calls are decided by the local policy.");
                }
            }
            catch (GatewayClientException e)
            {
                log.WriteLine($"airlock mcp-proxy: {e.Message}");
                return ExitCodes.UsageOrError;
            }

            using (gateway)
            {
                var policyPath = result.GetValue(policy);
                var engine = new Lazy<PolicyEngine>(() => new PolicyEngine(PolicySources.Resolve(policyPath, cwd)));
                var decider = new CallDecider(request => engine.Value.Decide(request), gateway);
                var gate = new McpToolGate(serverName, cwd, decider, () => engine.Value);
                var proxy = new McpProxy(given, program, gate, gateway, result.GetValue(hideDenied), log);
                using var stdin = Console.OpenStandardInput();
                using var stdout = Console.OpenStandardOutput();
                return proxy.RunAsync(stdin, stdout, CancellationToken.None).GetAwaiter().GetResult();
            }
        });
        return command;
    }
}
