using System.CommandLine;
using Airlock.Server.Audit;
using Airlock.Server.Hosting;

namespace Airlock.Cli.Commands;

/// <summary>
/// <c>airlock keys list|rotate|export</c>: the audit checkpoint-signing keys, on the gateway's host (they
/// work on the data folder directly; the private keys never leave it). A running gateway signs with the
/// new key from its next checkpoint.
/// </summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var command = new Command("keys", "List, rotate and export the keys that sign audit checkpoints.");
        command.Subcommands.Add(Sub("list", "List the signing keys with their fingerprints.", (log, output, _) => List(log, output)));
        command.Subcommands.Add(Sub("rotate", "Create a new signing key, endorsed by the current one, and retire the current one.", Rotate));
        var file = new Option<string?>("--output", "-o") { Description = "Write the PEM public keys to this file (default: print them)." };
        command.Subcommands.Add(Sub("export", "Print the public keys (PEM) for auditors to pin with airlock audit verify --public-key.", (log, output, result) => Export(log, output, result.GetValue(file)), file));
        return command;
    }

    private static Command Sub(string name, string description, Func<LocalAuditLog, TextWriter, ParseResult, Task<int>> action, params Option[] extra)
    {
        var data = new Option<string?>("--data") { Description = "The gateway's data folder (default: AIRLOCK_DATA_DIR or the user's local data folder)." };
        var command = new Command(name, description);
        command.Options.Add(data);
        foreach (var option in extra)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                using var log = new LocalAuditLog(result.GetValue(data) ?? GatewayOptions.DefaultDataDirectory());
                return await action(log, result.InvocationConfiguration.Output, result).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException)
            {
                result.InvocationConfiguration.Error.WriteLine($"airlock: {e.Message}");
                return ExitCodes.UsageOrError;
            }
        });
        return command;
    }

    private static async Task<int> List(LocalAuditLog log, TextWriter output)
    {
        foreach (var key in await log.ListAsync(CancellationToken.None).ConfigureAwait(false))
        {
            output.WriteLine($"{key.Fingerprint}  created {key.CreatedAt:u}  {(key.RetiredAt is { } retired ? $"retired {retired:u}" : "ACTIVE")}");
        }

        return 0;
    }

    private static async Task<int> Rotate(LocalAuditLog log, TextWriter output, ParseResult result)
    {
        var origin = await log.OriginAsync(CancellationToken.None).ConfigureAwait(false);
        var (added, retired) = await log.Keys.RotateAsync(origin, CancellationToken.None).ConfigureAwait(false);
        output.WriteLine($"New signing key {added.Fingerprint}" + (retired is null ? "." : $", endorsed by {retired.Fingerprint}, which is retired."));
        output.WriteLine("Give auditors the new public key: airlock keys export.");
        return 0;
    }

    private static async Task<int> Export(LocalAuditLog log, TextWriter output, string? path)
    {
        var keys = await log.ListAsync(CancellationToken.None).ConfigureAwait(false);
        var text = string.Concat(keys.Select(k => $"# {k.Fingerprint} {(k.RetiredAt is null ? "active" : "retired")}\n{k.PublicKeyPem.TrimEnd()}\n"));
        if (path is null)
        {
            output.Write(text);
        }
        else
        {
            await File.WriteAllTextAsync(path, text).ConfigureAwait(false);
            output.WriteLine($"Wrote {keys.Count} public key(s) to {path}.");
        }

        return 0;
    }
}
