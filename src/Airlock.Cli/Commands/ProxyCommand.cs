using System.CommandLine;
using System.Text;
using System.Text.Json;
using Airlock.Cli.Gateway;
using Airlock.Server.Proxy;
using Airlock.Wire;

namespace Airlock.Cli.Commands;

/// <summary>
/// <c>airlock proxy routes</c> and <c>airlock proxy credential set|delete ROUTE</c>: the gateway's HTTP
/// proxy routes and their upstream credentials, with an admin token. The credential is read from
/// standard input (hidden when typed), never from the command line, where it would sit in the shell's
/// history and in every process listing.
/// </summary>
internal static class ProxyCommand
{
    public static Command Create()
    {
        var credential = new Command("credential", "Set or delete the upstream credential of a proxy route (needs an admin token).");
        credential.Subcommands.Add(SetCredential());
        credential.Subcommands.Add(DeleteCredential());
        var command = new Command("proxy", "The gateway's HTTP proxy: its routes (configured in the server's config.yaml) and their upstream credentials.");
        command.Subcommands.Add(Routes());
        command.Subcommands.Add(credential);
        return command;
    }

    private static Command Routes()
    {
        var connection = new GatewayConnectionOptions();
        var command = new Command("routes", "List the proxy routes and whether each has its credential (never the credential).");
        connection.AddTo(command);
        command.SetAction(result => GatewayConnectionOptions.Run(result, output =>
        {
            using var client = connection.Connect(result);
            var routes = client.Send(HttpMethod.Get, "v1/proxy/routes", null, ProxyJsonContext.Default.ListProxyRouteJson);
            if (result.GetValue(connection.Json))
            {
                output.WriteLine(JsonSerializer.Serialize(routes, ProxyJsonContext.Readable.ListProxyRouteJson));
                return 0;
            }

            output.WriteLine($"{"ROUTE",-16} {"PREFIX",-26} {"ENVIRONMENT",-12} {"CREDENTIAL",-28} UPSTREAM");
            foreach (var route in routes)
            {
                var state = route.CredentialHeader is null ? "none" : route.CredentialSet ? $"set {route.CredentialUpdatedAt:u}" : "NOT SET";
                output.WriteLine($"{route.Name,-16} {route.Prefix,-26} {route.Environment ?? "(host name)",-12} {state,-28} {route.Upstream}");
            }

            return 0;
        }));
        return command;
    }

    private static Command SetCredential()
    {
        var connection = new GatewayConnectionOptions();
        var route = new Argument<string>("route") { Description = "The route's name (proxy: routes: in the server's config.yaml)." };
        var command = new Command("set", "Set a route's upstream credential, read from standard input (typed: hidden; piped: the first line).");
        connection.AddTo(command);
        command.Arguments.Add(route);
        command.SetAction(result => GatewayConnectionOptions.Run(result, output =>
        {
            var name = result.GetValue(route)!;
            using var client = connection.Connect(result);
            var secret = ReadSecret(name, result.InvocationConfiguration.Error);
            if (secret.Length == 0)
            {
                throw new UsageException("No credential on standard input; pipe it in (e.g. from a password manager) or type it when asked.");
            }

            client.Send<ErrorJson>(HttpMethod.Put, $"v1/proxy/routes/{Uri.EscapeDataString(name)}/credential", GatewayClient.Body(new ProxyCredentialJson { Secret = secret }, ProxyJsonContext.Default.ProxyCredentialJson), null);
            output.WriteLine($"Set the upstream credential of the proxy route '{name}'. It is stored encrypted in the gateway and never shown again.");
            return 0;
        }));
        return command;
    }

    private static Command DeleteCredential()
    {
        var connection = new GatewayConnectionOptions();
        var route = new Argument<string>("route") { Description = "The route's name." };
        var command = new Command("delete", "Delete a route's upstream credential; its requests are refused until one is set again.");
        connection.AddTo(command);
        command.Arguments.Add(route);
        command.SetAction(result => GatewayConnectionOptions.Run(result, output =>
        {
            var name = result.GetValue(route)!;
            using var client = connection.Connect(result);
            client.Send<ErrorJson>(HttpMethod.Delete, $"v1/proxy/routes/{Uri.EscapeDataString(name)}/credential", null, null);
            output.WriteLine($"Deleted the upstream credential of the proxy route '{name}'.");
            return 0;
        }));
        return command;
    }

    /// <summary>The first line of standard input; typed at a terminal, read without echo.</summary>
    private static string ReadSecret(string route, TextWriter prompt)
    {
        if (Console.IsInputRedirected)
        {
            return (Console.In.ReadLine() ?? "").Trim();
        }

        prompt.Write($"Credential for the proxy route '{route}' (not shown): ");
        prompt.Flush();
        var typed = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                typed.Length = Math.Max(0, typed.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }

        prompt.WriteLine();
        return typed.ToString().Trim();
    }
}
