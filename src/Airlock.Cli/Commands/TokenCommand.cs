using System.CommandLine;
using System.Text.Json;
using Airlock.Wire;

namespace Airlock.Cli.Commands;

/// <summary><c>airlock token create|list|revoke</c>: manage the gateway's tokens with an admin token.</summary>
internal static class TokenCommand
{
    public static Command Create()
    {
        var command = new Command("token", "Create, list and revoke gateway tokens (needs an admin token).");
        command.Subcommands.Add(CreateToken());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Revoke());
        return command;
    }

    private static Command CreateToken()
    {
        var connection = new GatewayConnectionOptions();
        var role = new Option<string>("--role") { Description = "agent, approver or admin.", Required = true };
        role.AcceptOnlyFromAmong("agent", "approver", "admin");
        var name = new Option<string>("--name") { Description = "The person or agent the token belongs to (tokens with the same name are one principal).", Required = true };
        var ttl = new Option<string?>("--ttl") { Description = "Lifetime such as 8h or 30d (default: until revoked)." };
        var scope = new Option<string[]>("--scope") { Description = "For agent tokens: tool:GLOB or env:NAME, repeatable (default: everything).", AllowMultipleArgumentsPerToken = true };
        var tenant = new Option<string?>("--tenant") { Description = "Tenant (default: default)." };
        var workspace = new Option<string?>("--workspace") { Description = "Workspace (default: default)." };
        var command = new Command("create", "Create a token; it is printed once and only its hash is stored.");
        connection.AddTo(command);
        command.Options.Add(role);
        command.Options.Add(name);
        command.Options.Add(ttl);
        command.Options.Add(scope);
        command.Options.Add(tenant);
        command.Options.Add(workspace);
        command.SetAction(result => GatewayConnectionOptions.Run(result, output =>
        {
            using var client = connection.Connect(result);
            var created = client.CreateToken(new TokenCreateJson
            {
                Name = result.GetValue(name),
                Role = result.GetValue(role),
                Ttl = result.GetValue(ttl),
                Scope = result.GetValue(scope) ?? [],
                Tenant = result.GetValue(tenant),
                Workspace = result.GetValue(workspace),
            });
            if (result.GetValue(connection.Json))
            {
                output.WriteLine(JsonSerializer.Serialize(created, WireJsonContext.Readable.TokenJson));
                return 0;
            }

            output.WriteLine($"Created {created.Role} token {created.Id} for {created.Name}" + (created.ExpiresAt is { } expires ? $", expires {expires:u}" : "") + ".");
            output.WriteLine("It is shown once; store it now:");
            output.WriteLine(created.Token);
            return 0;
        }));
        return command;
    }

    private static Command List()
    {
        var connection = new GatewayConnectionOptions();
        var command = new Command("list", "List tokens (never their values).");
        connection.AddTo(command);
        command.SetAction(result => GatewayConnectionOptions.Run(result, output =>
        {
            using var client = connection.Connect(result);
            var tokens = client.Tokens();
            if (result.GetValue(connection.Json))
            {
                output.WriteLine(JsonSerializer.Serialize(tokens, WireJsonContext.Readable.ListTokenJson));
                return 0;
            }

            output.WriteLine($"{"ID",-26} {"ROLE",-9} {"NAME",-20} {"TENANT/WORKSPACE",-22} STATE");
            foreach (var token in tokens)
            {
                var state = token.RevokedAt is { } revoked ? $"revoked {revoked:u}" : token.ExpiresAt is { } expires ? $"expires {expires:u}" : "active";
                output.WriteLine($"{token.Id,-26} {token.Role,-9} {token.Name,-20} {token.Tenant + "/" + token.Workspace,-22} {state}" + (token.Scope.Count > 0 ? $" scope {string.Join(',', token.Scope)}" : ""));
            }

            return 0;
        }));
        return command;
    }

    private static Command Revoke()
    {
        var connection = new GatewayConnectionOptions();
        var id = new Argument<string>("id") { Description = "The token's id (tok_…), from 'airlock token list'." };
        var command = new Command("revoke", "Revoke a token; it stops working at once.");
        connection.AddTo(command);
        command.Arguments.Add(id);
        command.SetAction(result => GatewayConnectionOptions.Run(result, output =>
        {
            using var client = connection.Connect(result);
            client.RevokeToken(result.GetValue(id)!);
            output.WriteLine($"Revoked {result.GetValue(id)}.");
            return 0;
        }));
        return command;
    }
}
