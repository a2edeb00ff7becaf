using System.CommandLine;
using Airlock.Configuration;
using Airlock.Server.Hosting;

namespace Airlock.Cli.Commands;

/// <summary>
/// <c>airlock serve</c>: runs the gateway. The first start creates the data folder, the database and
/// the first admin token, which is printed once; <c>--init</c> does only that and exits.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var listen = new Option<string>("--listen") { Description = $"HOST:PORT to listen on (default {GatewayOptions.DefaultListen}; port 0 picks a free one).", DefaultValueFactory = _ => GatewayOptions.DefaultListen };
        var data = new Option<string?>("--data") { Description = "Data folder for the database (default: AIRLOCK_DATA_DIR or the user's local data folder)." };
        var policy = new Option<string?>("--policy") { Description = "Policy file (default: AIRLOCK_POLICY, the user's policy, or the built-in one)." };
        var config = new Option<string?>("--config") { Description = "Server configuration: public_url and webhooks (default: config.yaml in the data folder)." };
        var init = new Option<bool>("--init") { Description = "Create the data folder, the database and the first admin token, print the token, and exit." };
        var jsonLogs = new Option<bool>("--json-logs") { Description = "Write structured JSON log lines." };
        var command = new Command("serve", "Run the Airlock gateway: decisions, out-of-band approvals and grants on durable state.");
        command.Options.Add(listen);
        command.Options.Add(data);
        command.Options.Add(policy);
        command.Options.Add(config);
        command.Options.Add(init);
        command.Options.Add(jsonLogs);
        command.SetAction(async (result, cancellationToken) =>
        {
            var output = result.InvocationConfiguration.Output;
            var options = new GatewayOptions
            {
                Listen = result.GetValue(listen)!,
                DataDirectory = result.GetValue(data) ?? GatewayOptions.DefaultDataDirectory(),
                PolicyPath = result.GetValue(policy),
                ConfigPath = result.GetValue(config),
                JsonLogs = result.GetValue(jsonLogs),
            };
            try
            {
                return result.GetValue(init)
                    ? await GatewayRunner.InitializeAsync(options, output, cancellationToken).ConfigureAwait(false)
                    : await GatewayRunner.RunAsync(options, output, cancellationToken).ConfigureAwait(false);
            }
            catch (ConfigException e)
            {
                foreach (var error in e.Errors)
                {
                    result.InvocationConfiguration.Error.WriteLine(error.ToString());
                }

                result.InvocationConfiguration.Error.WriteLine("airlock: the gateway did not start: fix the errors above.");
                return ExitCodes.UsageOrError;
            }
            catch (IOException e)
            {
                result.InvocationConfiguration.Error.WriteLine($"airlock: the gateway did not start: {e.Message}");
                return ExitCodes.UsageOrError;
            }
        });
        return command;
    }
}
