using System.CommandLine;
using Airlock.Cli.Gateway;

namespace Airlock.Cli.Commands;

/// <summary>The options every command that talks to the gateway shares: where it is, which token, JSON output.</summary>
internal sealed class GatewayConnectionOptions
{
    public Option<string?> Server { get; } = new("--server") { Description = "The gateway's address (default: AIRLOCK_SERVER)." };

    public Option<string?> Token { get; } = new("--token") { Description = "The token to use (default: AIRLOCK_TOKEN)." };

    public Option<bool> Json { get; } = new("--json") { Description = "Print JSON for programs." };

    public void AddTo(Command command)
    {
        command.Options.Add(Server);
        command.Options.Add(Token);
        command.Options.Add(Json);
    }

    public GatewayClient Connect(ParseResult result)
    {
        var server = result.GetValue(Server) ?? Environment.GetEnvironmentVariable(GatewayClient.ServerVariable);
        var token = result.GetValue(Token) ?? Environment.GetEnvironmentVariable(GatewayClient.TokenVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new UsageException("Say which gateway: --server http://HOST:PORT or AIRLOCK_SERVER.");
        }

        if (string.IsNullOrWhiteSpace(token))
        {
            throw new UsageException("Give a token: --token or AIRLOCK_TOKEN (an approver token to decide approvals, an admin token to manage tokens).");
        }

        return new GatewayClient(GatewayClient.ParseServer(server), token.Trim(), TimeSpan.FromSeconds(30));
    }

    /// <summary>Runs a gateway command: usage and gateway errors are one sentence on stderr and exit code 1.</summary>
    public static int Run(ParseResult result, Func<TextWriter, int> action)
    {
        try
        {
            return action(result.InvocationConfiguration.Output);
        }
        catch (Exception e) when (e is UsageException or GatewayClientException)
        {
            result.InvocationConfiguration.Error.WriteLine($"airlock: {e.Message}");
            return ExitCodes.UsageOrError;
        }
    }
}
